/**
 * Runs one AI activity for a service task: validates the task's variables against the
 * activity's input schema, calls the provider, validates the output, attaches provenance and
 * records the contribution for audit.
 */
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { z } from 'zod';
import { AiContributionModel } from '../../platform/storage';
import type { ServiceTaskRequest, ServiceTaskResult } from '../contracts';
import type { AiProvider } from '../providers/provider';
import type { AiActivityDefinition } from './define-ai-activity';

export interface Provenance {
  provider: string;
  model: string;
  promptVersion: string;
  at: string;
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(input)'}: ${issue.message}`).join('; ');
}

export async function runAiActivity(definition: AiActivityDefinition, request: ServiceTaskRequest, provider: AiProvider): Promise<ServiceTaskResult> {
  const parsed = definition.input.safeParse(request.variables);
  if (!parsed.success) {
    // Retrying cannot fix the diagram's mappings: fail the task at once with what to change.
    throw ApplicationFailure.nonRetryable(
      `${definition.type} received invalid input (${describeIssues(parsed.error)}). Map the missing or wrong variables in the task's inputs.`,
      'InvalidActivityInput',
    );
  }
  const context = Context.current();
  const output = await definition.run(parsed.data, {
    provider,
    signal: context.cancellationSignal,
    heartbeat: (details) => context.heartbeat(details),
  });
  const checked = definition.output.safeParse(output);
  if (!checked.success) {
    throw ApplicationFailure.retryable(`${definition.type} produced an invalid output: ${describeIssues(checked.error)}`, 'InvalidActivityOutput');
  }
  const provenance: Provenance = { provider: provider.id, model: provider.model, promptVersion: definition.promptVersion, at: new Date().toISOString() };
  const result = { ...(checked.data as Record<string, unknown>), confidence: output.confidence, provenance };
  await AiContributionModel.updateOne(
    // The activity id is stable across retries: a retried task stays one audit record.
    { _id: `${request.instance.instanceId}:${context.info.activityId}` },
    {
      $set: {
        instanceId: request.instance.instanceId,
        processKey: request.instance.processKey,
        elementId: request.instance.elementId,
        activityType: definition.type,
        provider: provenance.provider,
        model: provenance.model,
        promptVersion: provenance.promptVersion,
        confidence: output.confidence,
        output: result,
        at: new Date(provenance.at),
      },
    },
    { upsert: true },
  );
  return result;
}
