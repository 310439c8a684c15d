/**
 * Runs one AI activity for a service task: validates the task's variables against the
 * activity's input schema, picks the provider and checks it against the process's data
 * classification (again, after the deploy-time check), calls the activity, validates its
 * output, attaches provenance and records the contribution for audit.
 */
import { createHash } from 'node:crypto';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { z } from 'zod';
import { isLocationAllowed, providerIdFor } from '../../compiler/ai-policy';
import { AiContributionModel } from '../../platform/storage';
import type { AiRuntime } from '../ai-runtime';
import type { ServiceTaskRequest, ServiceTaskResult } from '../contracts';
import type { AiProvider, TokenUsage } from '../providers/provider';
import type { AiActivityDefinition } from './define-ai-activity';
import { assertNoPersonalData } from './personal-data-guard';

/** Well under the workflow's heartbeat timeout for catalog activities (10 s). */
const HEARTBEAT_INTERVAL_MS = 2000;

export interface Provenance {
  provider: string;
  model: string;
  promptVersion: string;
  at: string;
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(input)'}: ${issue.message}`).join('; ');
}

/** The provider for this task, refused (not retried) when the process's data may not go there. */
function chooseProvider(request: ServiceTaskRequest, runtime: AiRuntime, definition: AiActivityDefinition): AiProvider {
  const { dataClassification, aiProvider } = request.instance;
  const providerId = providerIdFor(runtime, definition, request.headers.provider, aiProvider);
  const provider = runtime.providers.get(providerId);
  if (!provider) {
    throw ApplicationFailure.nonRetryable(
      `${definition.type}: AI provider "${providerId}" is not configured on this worker (configured: ${[...runtime.providers.keys()].join(', ')}).`,
      'UnknownProvider',
    );
  }
  if (!isLocationAllowed(runtime, dataClassification, provider.location)) {
    throw ApplicationFailure.nonRetryable(
      `${definition.type}: "${dataClassification}" data may not be sent to provider "${provider.id}" (${provider.location}); nothing was sent.`,
      'SovereigntyViolation',
    );
  }
  return provider;
}

export async function runAiActivity(definition: AiActivityDefinition, request: ServiceTaskRequest, runtime: AiRuntime): Promise<ServiceTaskResult> {
  const parsed = definition.input.safeParse(request.variables);
  if (!parsed.success) {
    // Retrying cannot fix the diagram's mappings: fail the task at once with what to change.
    throw ApplicationFailure.nonRetryable(
      `${definition.type} received invalid input (${describeIssues(parsed.error)}). Map the missing or wrong variables in the task's inputs.`,
      'InvalidActivityInput',
    );
  }
  const provider = chooseProvider(request, runtime, definition);
  assertNoPersonalData(definition.type, parsed.data, request.instance.dataClassification, provider);

  const context = Context.current();
  const usage: TokenUsage = { inputTokens: 0, outputTokens: 0 };
  const started = Date.now();
  const runId = `${request.instance.instanceId}:${context.info.activityId}`;
  // Heartbeats tell Temporal this worker is alive during long provider calls; if it dies, the
  // task is retried after the heartbeat timeout (see the service-task behaviour).
  const heartbeats = setInterval(() => context.heartbeat(), HEARTBEAT_INTERVAL_MS);
  const output = await definition.run(parsed.data, {
    provider,
    task: { ...request.instance, runId },
    vault: runtime.vault,
    signal: context.cancellationSignal,
    heartbeat: (details) => context.heartbeat(details),
    recordUsage: (used) => {
      usage.inputTokens += used?.inputTokens ?? 0;
      usage.outputTokens += used?.outputTokens ?? 0;
    },
  }).finally(() => clearInterval(heartbeats));
  const latencyMs = Date.now() - started;
  const checked = definition.output.safeParse(output);
  if (!checked.success) {
    throw ApplicationFailure.retryable(`${definition.type} produced an invalid output: ${describeIssues(checked.error)}`, 'InvalidActivityOutput');
  }
  const provenance: Provenance = { provider: provider.id, model: provider.model, promptVersion: definition.promptVersion, at: new Date().toISOString() };
  const result = { ...(checked.data as Record<string, unknown>), confidence: output.confidence, provenance };
  const { instance } = request;
  await AiContributionModel.updateOne(
    // The activity id is stable across retries: a retried task stays one audit record.
    { _id: runId },
    {
      $set: {
        instanceId: instance.instanceId,
        processKey: instance.processKey,
        processVersion: instance.processVersion,
        elementId: instance.elementId,
        activityType: definition.type,
        provider: provenance.provider,
        providerLocation: provider.location,
        model: provenance.model,
        promptVersion: provenance.promptVersion,
        inputHash: createHash('sha256').update(JSON.stringify(parsed.data)).digest('hex'),
        confidence: output.confidence,
        output: result,
        latencyMs,
        inputTokens: usage.inputTokens,
        outputTokens: usage.outputTokens,
        at: new Date(provenance.at),
      },
    },
    { upsert: true },
  );
  return result;
}
