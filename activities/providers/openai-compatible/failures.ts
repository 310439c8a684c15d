/**
 * What can go wrong when calling an OpenAI-compatible API, as Temporal failures. Temporal owns
 * retries: a retryable failure is retried by the activity's retry policy (honouring
 * `nextRetryDelay`), a non-retryable one fails the task at once with what to fix. Each has a
 * stable `type`, which retry policies and dashboards can match on.
 */
import { ApplicationFailure } from '@temporalio/common';

/** The provider settings an error message may draw on (and the key it must never show). */
export interface FailureContext {
  id: string;
  baseUrl: string;
  model: string;
  apiKey?: string;
}

interface FailureOptions {
  type: string;
  message: string;
  nonRetryable?: boolean;
  nextRetryDelay?: number;
}

// Provider error texts are echoed in messages; some (OpenAI's, proxies') quote the key they got.
function providerFailure(context: FailureContext, options: FailureOptions): ApplicationFailure {
  const message = context.apiKey ? options.message.replaceAll(context.apiKey, '[API key]') : options.message;
  return ApplicationFailure.create({ ...options, message });
}

/** Milliseconds to wait from a `Retry-After` header: delay in seconds, or an HTTP date. */
function retryAfterMs(value: string | null): number | undefined {
  if (value == null) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/**
 * The error text in a provider's JSON error body, whatever its dialect: `{error: {message}}`
 * (OpenAI, Ollama), `{message}` (Mistral, vLLM), `{detail}` or `{detail: [{msg}]}` (FastAPI,
 * which Albert is built on), `{error: "..."}`.
 */
function messageIn(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(messageIn).filter(Boolean).join('; ') || undefined;
  if (value && typeof value === 'object') {
    const { error, message, detail, msg } = value as Record<string, unknown>;
    return messageIn(error) ?? messageIn(message) ?? messageIn(detail) ?? messageIn(msg);
  }
  return undefined;
}

function providerSays(body: string): string {
  let said: string | undefined;
  try {
    said = messageIn(JSON.parse(body));
  } catch {
    // Not JSON (an HTML error page from a proxy, say): the status tells enough.
  }
  return said ? `: ${said.slice(0, 500)}` : '';
}

function whatToFix(context: FailureContext, status: number): string {
  if (status === 401 || status === 403) {
    return context.apiKey ? 'check the API key configured for this provider' : 'this provider has no API key configured: set one';
  }
  if (status === 404) return `check its baseUrl (${context.baseUrl}) and model name (${context.model})`;
  return 'check that the model supports structured output (response_format json_schema) and that the request fits its limits';
}

export function failureForStatus(context: FailureContext, response: Response, body: string): ApplicationFailure {
  const { status } = response;
  const said = providerSays(body);
  // Retry-After is honoured on 503 as well as 429: both mean "come back later".
  const nextRetryDelay = retryAfterMs(response.headers.get('retry-after'));
  if (status === 429) {
    return providerFailure(context, { type: 'ProviderRateLimited', message: `${context.id} is rate limiting requests (HTTP 429${said})`, nextRetryDelay });
  }
  if (status === 408) return timeoutFailure(context, `${context.id} timed out the request (HTTP 408${said})`);
  if (status >= 500) {
    return providerFailure(context, { type: 'ProviderUnavailable', message: `${context.id} failed to answer (HTTP ${status}${said})`, nextRetryDelay });
  }
  return providerFailure(context, {
    type: 'ProviderRejected',
    nonRetryable: true,
    message: `${context.id} refused the request (HTTP ${status}${said}): ${whatToFix(context, status)}.`,
  });
}

export function timeoutFailure(context: FailureContext, message: string): ApplicationFailure {
  return providerFailure(context, { type: 'ProviderTimeout', message });
}

/** The message of an error, duck-typed: fetch's errors may come from another realm (jest's vm). */
function messageOf(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}

export function unreachableFailure(context: FailureContext, error: unknown): ApplicationFailure {
  // fetch rejects with a bare "fetch failed"; the reason (ECONNREFUSED, DNS...) is its cause.
  const cause = (error as { cause?: unknown } | null)?.cause;
  return providerFailure(context, {
    type: 'ProviderUnavailable',
    message: `${context.id} could not be reached at ${context.baseUrl}: ${messageOf(cause ?? error)}`,
  });
}

export function protocolFailure(context: FailureContext): ApplicationFailure {
  // A 200 that is no chat completion is a configuration problem (often baseUrl without /v1): retrying cannot fix it.
  return providerFailure(context, {
    type: 'ProviderProtocolError',
    nonRetryable: true,
    message: `${context.id} answered with something other than a chat completion: check that its baseUrl (${context.baseUrl}) is the root of an OpenAI-compatible API (it usually ends in /v1).`,
  });
}

export function invalidOutputFailure(context: FailureContext, schemaName: string, problem: string): ApplicationFailure {
  return providerFailure(context, {
    type: 'ProviderInvalidOutput',
    nonRetryable: true,
    message: `${context.id} (${context.model}) answered twice without a valid ${schemaName}; the second time ${problem}.`,
  });
}
