/**
 * A language-model provider for any API speaking the OpenAI chat completions protocol: the
 * French State's Albert, Mistral, vLLM, Ollama, OpenAI. Structured output comes from
 * `response_format: json_schema` (strict), then the answer is checked against the zod schema.
 *
 * Why plain `fetch` rather than the `openai` client or the Vercel AI SDK (`ai`,
 * `@ai-sdk/openai-compatible`): the protocol needed is one POST and one field of its answer,
 * and Node has fetch built in. Both libraries retry on their own by default (429, 5xx,
 * timeouts), while Temporal owns retries here: a hidden retry loop inside an activity attempt
 * hides failures from the workflow history and multiplies waiting by the retry policy's. Both
 * wrap HTTP errors in their own classes, so mapping 429 and `Retry-After` to Temporal's
 * `nextRetryDelay`, and 4xx to non-retryable failures, would mean unwrapping them again; and
 * each brings a dependency tree into every worker for no capability this file lacks.
 */
import { z } from 'zod';
import {
  failureForStatus,
  invalidOutputFailure,
  protocolFailure,
  timeoutFailure,
  unreachableFailure,
} from './openai-compatible/failures';
import type { AiProvider, GenerateObjectRequest, GenerateObjectResult, LanguageModel, ProviderLocation, TokenUsage } from './provider';

export interface OpenAiCompatibleOptions {
  /** Configuration id, e.g. `albert`; names the provider in provenance and error messages. */
  id: string;
  /** The API root, up to and including its version, e.g. `https://albert.api.etalab.gouv.fr/v1`. */
  baseUrl: string;
  apiKey?: string;
  model: string;
  location: ProviderLocation;
  /** Per HTTP call; default 60 s. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

const DEFAULT_TIMEOUT_MS = 60_000;

interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** The fields read from a chat completion; all optional, as the server's JSON is untrusted. */
interface ChatCompletion {
  choices?: { message?: { content?: string | null; refusal?: string | null } }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number };
}

interface Reply {
  content?: string;
  /** OpenAI's structured outputs may refuse instead of answering. */
  refusal?: string;
  usage?: TokenUsage;
}

type Checked<T> = { ok: true; object: T } | { ok: false; problem: string };

export function createOpenAiCompatibleProvider(options: OpenAiCompatibleOptions): AiProvider {
  return { id: options.id, location: options.location, model: options.model, languageModel: languageModel(options) };
}

function languageModel(options: OpenAiCompatibleOptions): LanguageModel {
  return {
    async generateObject<T>(request: GenerateObjectRequest<T>): Promise<GenerateObjectResult<T>> {
      const responseFormat = {
        type: 'json_schema',
        json_schema: { name: request.schemaName, schema: z.toJSONSchema(request.schema), strict: true },
      };
      const ask = (messages: ChatMessage[]) =>
        chatCompletion(options, { model: options.model, messages, temperature: 0, response_format: responseFormat }, request.signal);

      const messages: ChatMessage[] = [
        { role: 'system', content: request.system },
        { role: 'user', content: request.prompt },
      ];
      const first = await ask(messages);
      const firstCheck = checkAnswer(first, request.schema);
      if (firstCheck.ok) return { object: firstCheck.object, usage: first.usage };

      // One retry with the precise complaint: models usually fix what they are told. A bad answer
      // is then a prompt or model problem, which Temporal retrying the activity would not fix.
      const second = await ask([
        ...messages,
        { role: 'assistant', content: first.content ?? first.refusal ?? '' },
        { role: 'user', content: `Your answer is invalid: ${firstCheck.problem}. Answer again with only the JSON object, valid against the ${request.schemaName} schema.` },
      ]);
      const usage = addUsage(first.usage, second.usage);
      const secondCheck = checkAnswer(second, request.schema);
      if (secondCheck.ok) return { object: secondCheck.object, usage };
      throw invalidOutputFailure(options, request.schemaName, secondCheck.problem);
    },
  };
}

/** One POST to `/chat/completions`, with HTTP and transport failures mapped for Temporal. */
async function chatCompletion(options: OpenAiCompatibleOptions, body: object, cancellation?: AbortSignal): Promise<Reply> {
  const { response, text } = await post(options, body, cancellation);
  if (!response.ok) throw failureForStatus(options, response, text);
  return readReply(options, text);
}

async function post(options: OpenAiCompatibleOptions, body: object, cancellation?: AbortSignal): Promise<{ response: Response; text: string }> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
  try {
    const response = await (options.fetch ?? fetch)(`${options.baseUrl.replace(/\/+$/, '')}/chat/completions`, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
      signal: cancellation ? AbortSignal.any([cancellation, timeout]) : timeout,
    });
    // Read under the same signal: a server may send its headers, then stall.
    return { response, text: await response.text() };
  } catch (error) {
    // Temporal cancelled the activity: let its cancellation through, it is no provider failure.
    if (cancellation?.aborted) throw cancellation.reason;
    if (timeout.aborted) throw timeoutFailure(options, `${options.id} did not answer within ${timeoutMs} ms`);
    throw unreachableFailure(options, error);
  }
}

function readReply(options: OpenAiCompatibleOptions, text: string): Reply {
  let completion: ChatCompletion | undefined;
  try {
    completion = JSON.parse(text) as ChatCompletion;
  } catch {
    throw protocolFailure(options);
  }
  const message = completion?.choices?.[0]?.message;
  if (!message) throw protocolFailure(options);
  const usage = completion.usage && { inputTokens: completion.usage.prompt_tokens ?? 0, outputTokens: completion.usage.completion_tokens ?? 0 };
  return { content: message.content ?? undefined, refusal: message.refusal ?? undefined, usage };
}

/** The answer as an object valid against the schema, or what is wrong with it, said for the model. */
function checkAnswer<T>(reply: Reply, schema: z.ZodType<T>): Checked<T> {
  if (reply.content === undefined) return { ok: false, problem: reply.refusal ? `it is a refusal (${reply.refusal})` : 'it is empty' };
  let json: unknown;
  try {
    json = JSON.parse(reply.content);
  } catch (error) {
    return { ok: false, problem: `it is not valid JSON (${(error as Error).message})` };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, object: parsed.data };
  const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  return { ok: false, problem: `it does not match the schema (${issues.join('; ')})` };
}

/** Token usage over several calls; absent when the server reported none. */
function addUsage(a: TokenUsage | undefined, b: TokenUsage | undefined): TokenUsage | undefined {
  if (!a || !b) return a ?? b;
  return { inputTokens: a.inputTokens + b.inputTokens, outputTokens: a.outputTokens + b.outputTokens };
}
