/**
 * The shape of one AI activity file. From the list of these (the catalog) come the worker's
 * activity registration, the compiler's checks of task inputs, and the API's catalog.
 */
import type { z } from 'zod';
import type { DataClassification } from '../../compiler/ai-policy';
import type { InstanceRef } from '../contracts';
import type { AiProvider } from '../providers/provider';
import type { PseudonymVault } from '../pseudonym-vault';

export interface LocalizedText {
  fr: string;
  en: string;
}

export interface AiActivityContext {
  /** The provider chosen for the task, already checked against the process's classification. */
  provider: AiProvider;
  /** Token usage of language-model calls, added up for the audit record. */
  recordUsage(usage: { inputTokens: number; outputTokens: number } | undefined): void;
  /** The task being run; `runId` is stable across retries of the same task run. */
  task: InstanceRef & { runId: string };
  /** Where ai.pseudonymize keeps the originals, encrypted. */
  vault: PseudonymVault;
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
  /** Runs on the local provider whatever the process says: for work that must precede any
   * data leaving the worker, such as pseudonymisation. */
  localOnly?: boolean;
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
