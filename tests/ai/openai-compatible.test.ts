/**
 * The OpenAI-compatible provider against a real HTTP server on 127.0.0.1 that speaks the chat
 * completions protocol, answers as each test scripts it and records what it received.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApplicationFailure } from '@temporalio/common';
import { z } from 'zod';
import { createOpenAiCompatibleProvider, type OpenAiCompatibleOptions } from '../../activities/providers/openai-compatible';

const API_KEY = 'sk-test-0123456789abcdef';

/** A scripted answer: an HTTP response, or `hang` to never answer. */
type Answer = { status?: number; headers?: Record<string, string>; body: unknown } | 'hang';

interface Received {
  method?: string;
  url?: string;
  headers: IncomingHttpHeaders;
  body: any;
}

const script: Answer[] = [];
const received: Received[] = [];

const server = createServer((req, res) => {
  let raw = '';
  req.setEncoding('utf8');
  req.on('data', (chunk: string) => (raw += chunk));
  req.on('end', () => {
    received.push({ method: req.method, url: req.url, headers: req.headers, body: JSON.parse(raw) });
    const answer = script.shift() ?? { status: 418, body: { error: { message: 'test server: no answer scripted' } } };
    if (answer === 'hang') return;
    res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
    res.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
  });
});
let baseUrl = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  script.length = 0;
  received.length = 0;
});

function completion(content: string, usage = { prompt_tokens: 100, completion_tokens: 20 }) {
  return {
    body: {
      id: 'chatcmpl-test',
      object: 'chat.completion',
      model: 'albert-large',
      choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
      usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
    },
  };
}

const Classification = z.object({ category: z.enum(['voirie', 'eclairage', 'proprete']), confidence: z.number().min(0).max(1) });
const valid = JSON.stringify({ category: 'eclairage', confidence: 0.9 });

function generate(options: Partial<OpenAiCompatibleOptions> = {}, signal?: AbortSignal) {
  const provider = createOpenAiCompatibleProvider({ id: 'albert', baseUrl, apiKey: API_KEY, model: 'albert-large', location: 'sovereign-cloud', ...options });
  return provider.languageModel!.generateObject({
    schemaName: 'classification',
    schema: Classification,
    system: 'Classe le signalement.',
    prompt: 'Le lampadaire de ma rue est éteint',
    signal,
  });
}

async function failureOf(promise: Promise<unknown>): Promise<ApplicationFailure> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApplicationFailure);
  return error as ApplicationFailure;
}

test('parses and validates the structured output; the request carries model, messages, schema and key', async () => {
  script.push(completion(valid));
  const result = await generate();
  expect(result).toEqual({ object: { category: 'eclairage', confidence: 0.9 }, usage: { inputTokens: 100, outputTokens: 20 } });
  expect(received).toHaveLength(1);
  const [request] = received;
  expect(request!.method).toBe('POST');
  expect(request!.url).toBe('/v1/chat/completions');
  expect(request!.headers.authorization).toBe(`Bearer ${API_KEY}`);
  expect(request!.body).toEqual({
    model: 'albert-large',
    temperature: 0,
    messages: [
      { role: 'system', content: 'Classe le signalement.' },
      { role: 'user', content: 'Le lampadaire de ma rue est éteint' },
    ],
    response_format: { type: 'json_schema', json_schema: { name: 'classification', schema: z.toJSONSchema(Classification), strict: true } },
  });
  expect(request!.body.response_format.json_schema.schema.properties.category.enum).toEqual(['voirie', 'eclairage', 'proprete']);
});

test('sends no Authorization header without an API key (a local Ollama or vLLM)', async () => {
  script.push(completion(valid));
  await generate({ apiKey: undefined });
  expect(received[0]!.headers.authorization).toBeUndefined();
});

test('invalid JSON, then a valid answer to the correction', async () => {
  const bad = 'Voici la classification : éclairage public.';
  script.push(completion(bad), completion(valid));
  const result = await generate();
  expect(result.object).toEqual({ category: 'eclairage', confidence: 0.9 });
  expect(received).toHaveLength(2);
  const messages = received[1]!.body.messages;
  expect(messages).toHaveLength(4);
  expect(messages[2]).toEqual({ role: 'assistant', content: bad });
  expect(messages[3].role).toBe('user');
  expect(messages[3].content).toContain('not valid JSON');
});

test('a schema mismatch is named precisely in the correction, and token usage is summed over both calls', async () => {
  script.push(
    completion(JSON.stringify({ category: 'lampadaire', confidence: 0.9 }), { prompt_tokens: 120, completion_tokens: 15 }),
    completion(valid, { prompt_tokens: 180, completion_tokens: 12 }),
  );
  const result = await generate();
  expect(result.usage).toEqual({ inputTokens: 300, outputTokens: 27 });
  const correction: string = received[1]!.body.messages[3].content;
  expect(correction).toContain('category: Invalid option: expected one of "voirie"|"eclairage"|"proprete"');
});

test('invalid twice: a non-retryable failure naming the problem, after exactly two calls', async () => {
  script.push(completion('pas du JSON'), completion(JSON.stringify({ category: 'eclairage' })));
  const failure = await failureOf(generate());
  expect(failure.nonRetryable).toBe(true);
  expect(failure.type).toBe('ProviderInvalidOutput');
  expect(failure.message).toContain('classification');
  expect(failure.message).toContain('confidence: Invalid input: expected number, received undefined');
  expect(received).toHaveLength(2);
});

test('429 with Retry-After in seconds: retryable, next retry in 7 s, and no retry of its own', async () => {
  script.push({ status: 429, headers: { 'retry-after': '7' }, body: { error: { message: 'Rate limit reached' } } });
  const failure = await failureOf(generate());
  expect(failure.nonRetryable).toBe(false);
  expect(failure.type).toBe('ProviderRateLimited');
  expect(failure.nextRetryDelay).toBe(7000);
  expect(failure.message).toContain('Rate limit reached');
  expect(received).toHaveLength(1);
});

test('429 with Retry-After as an HTTP date', async () => {
  script.push({ status: 429, headers: { 'retry-after': new Date(Date.now() + 30_000).toUTCString() }, body: {} });
  const failure = await failureOf(generate());
  expect(failure.type).toBe('ProviderRateLimited');
  // The header has one-second precision.
  expect(failure.nextRetryDelay).toBeGreaterThan(28_000);
  expect(failure.nextRetryDelay).toBeLessThanOrEqual(30_000);
});

test('500: retryable, with what the provider said', async () => {
  script.push({ status: 500, body: { object: 'error', message: 'CUDA out of memory' } });
  const failure = await failureOf(generate());
  expect(failure.nonRetryable).toBe(false);
  expect(failure.type).toBe('ProviderUnavailable');
  expect(failure.message).toContain('CUDA out of memory');
  expect(received).toHaveLength(1);
});

test('401: non-retryable, says to check the API key, never shows it', async () => {
  // Like OpenAI, the server quotes the key it refused.
  script.push({ status: 401, body: { error: { message: `Incorrect API key provided: ${API_KEY}` } } });
  const failure = await failureOf(generate());
  expect(failure.nonRetryable).toBe(true);
  expect(failure.type).toBe('ProviderRejected');
  expect(failure.message).toContain('check the API key');
  expect(failure.message).not.toContain(API_KEY);
});

test('404: non-retryable, says to check baseUrl and model', async () => {
  script.push({ status: 404, body: { detail: 'Model not found' } });
  const failure = await failureOf(generate());
  expect(failure.nonRetryable).toBe(true);
  expect(failure.type).toBe('ProviderRejected');
  expect(failure.message).toContain(baseUrl);
  expect(failure.message).toContain('albert-large');
});

test('400: non-retryable, with the provider\'s error message', async () => {
  script.push({ status: 400, body: { error: { message: "Invalid schema for response_format 'classification'" } } });
  const failure = await failureOf(generate());
  expect(failure.nonRetryable).toBe(true);
  expect(failure.type).toBe('ProviderRejected');
  expect(failure.message).toContain("Invalid schema for response_format 'classification'");
});

test('a server that never answers: retryable timeout after timeoutMs', async () => {
  script.push('hang');
  const started = Date.now();
  const failure = await failureOf(generate({ timeoutMs: 200 }));
  expect(failure.nonRetryable).toBe(false);
  expect(failure.type).toBe('ProviderTimeout');
  expect(Date.now() - started).toBeLessThan(5_000);
});

test('a server that cannot be reached: retryable', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  const failure = await failureOf(generate({ baseUrl: `http://127.0.0.1:${port}/v1` }));
  expect(failure.nonRetryable).toBe(false);
  expect(failure.type).toBe('ProviderUnavailable');
  expect(failure.message).toContain('ECONNREFUSED');
});

test.each([
  ['a web page', '<!doctype html><title>Open WebUI</title>'],
  ['JSON without choices', { status: 'ok' }],
])('a 200 that is no chat completion (%s): non-retryable, says to check baseUrl', async (_, body) => {
  script.push({ body });
  const failure = await failureOf(generate());
  expect(failure.nonRetryable).toBe(true);
  expect(failure.type).toBe('ProviderProtocolError');
  expect(failure.message).toContain(baseUrl);
});

test('Temporal cancellation passes through as the cancellation, not as a provider failure', async () => {
  script.push('hang');
  const controller = new AbortController();
  const reason = new Error('activity cancelled');
  setTimeout(() => controller.abort(reason), 100);
  await expect(generate({ timeoutMs: 10_000 }, controller.signal)).rejects.toBe(reason);
});
