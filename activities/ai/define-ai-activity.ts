/**
 * The shape of one AI activity file. From the list of these (the catalog) come the worker's
 * activity registration, the compiler's checks of task inputs, and the API's catalog.
 */
import type { z } from 'zod';
import type { AiProvider } from '../providers/provider';

export interface LocalizedText {
  fr: string;
  en: string;
}

/** A process's data classification, from least to most sensitive. */
export const DATA_CLASSIFICATIONS = ['public', 'internal', 'sensitive'] as const;
export type DataClassification = (typeof DATA_CLASSIFICATIONS)[number];

export interface AiActivityContext {
  provider: AiProvider;
  /** Aborted when Temporal cancels the activity. */
  signal: AbortSignal;
  heartbeat(details?: unknown): void;
}

/** What every AI output carries besides its own fields. */
export interface AiOutputBase {
  confidence: number;
}

export interface AiActivityDefinition<Input extends z.ZodType = z.ZodType, Output extends z.ZodType = z.ZodType> {
  /** What `zeebe:taskDefinition type` holds, e.g. `ai.classify`. */
  type: string;
  title: LocalizedText;
  description: LocalizedText;
  /** The most sensitive data this activity may be given. */
  acceptsClassification: DataClassification;
  /** Bumped whenever the prompt or method changes, and recorded with every output. */
  promptVersion: string;
  input: Input;
  output: Output;
  run(input: z.infer<Input>, context: AiActivityContext): Promise<z.infer<Output> & AiOutputBase>;
}

/** Identity function that lets TypeScript infer the input and output types of a definition. */
export function defineAiActivity<Input extends z.ZodType, Output extends z.ZodType>(
  definition: AiActivityDefinition<Input, Output>,
): AiActivityDefinition<Input, Output> {
  return definition;
}
