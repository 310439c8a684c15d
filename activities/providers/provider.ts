/**
 * An AI provider: where an AI activity's work is done. Each declares where it runs, which is
 * what data-sovereignty checks compare with a process's data classification.
 *
 * Two kinds: language-model providers (`languageModel` set: OpenAI-compatible APIs such as
 * Albert, Mistral, vLLM, Ollama, OpenAI) and the embedded `local` provider (no language model:
 * activities then use the local NLP functions of `providers/local/`, deterministic and offline).
 */
import type { z } from 'zod';
import type { ProviderLocation } from '../../compiler/ai-policy';

export type { ProviderLocation };

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

export interface GenerateObjectRequest<T> {
  /** Name of the output object, sent with its JSON schema (e.g. `classification`). */
  schemaName: string;
  /** The output the model must produce; its answer is validated against it. */
  schema: z.ZodType<T>;
  system: string;
  prompt: string;
  signal?: AbortSignal;
}

export interface GenerateObjectResult<T> {
  object: T;
  usage?: TokenUsage;
}

/** Structured generation: a prompt in, an object valid against a zod schema out. */
export interface LanguageModel {
  generateObject<T>(request: GenerateObjectRequest<T>): Promise<GenerateObjectResult<T>>;
}

export interface AiProvider {
  /** Configuration id, e.g. `local`, `albert`. */
  id: string;
  location: ProviderLocation;
  /** Model name, recorded as provenance on every output. */
  model: string;
  languageModel?: LanguageModel;
}

export interface LabelledExample {
  text: string;
  label: string;
}
