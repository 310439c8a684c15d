/**
 * A local HTTP server speaking the OpenAI chat completions protocol, standing in for an
 * external language-model provider (the one boundary tests cannot reach). It records every
 * request body, so tests can check what would have left the trust boundary.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeLlm {
  baseUrl: string;
  /** Raw bodies of the requests received, in order. */
  requests: string[];
  close(): Promise<void>;
}

/** `answer` gets the parsed request and returns the object the model "produces". */
export async function startFakeLlm(answer: (request: { messages: { role: string; content: string }[] }) => unknown): Promise<FakeLlm> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      requests.push(body);
      const content = JSON.stringify(answer(JSON.parse(body)));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ choices: [{ index: 0, message: { role: 'assistant', content } }], usage: { prompt_tokens: 120, completion_tokens: 30 } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
