import { ActivityCancellationType, ActivityFailure, ApplicationFailure, isCancellation, proxyActivities, TimeoutFailure } from '@temporalio/workflow';
import type { ServiceTaskRequest, ServiceTaskResult } from '../../../activities/contracts';
import { addIsoDuration, parseIsoDuration } from '../../../compiler/elements/iso8601';
import type { ServiceTaskNode, VariableMapping } from '../../../compiler/graph';
import type { Behavior, ExecutionContext } from '../context';
import { applyMappings, evaluateFeel } from '../feel';
import { IncidentError } from '../incident';
import { BPMN_ERROR_FAILURE, throwBpmnError } from '../raise';

type ServiceTaskActivity = (request: ServiceTaskRequest) => Promise<ServiceTaskResult>;

/**
 * Camunda semantics for a job's (or a message's, or an agent's) result: output mappings,
 * evaluated over the visible variables, the element's input (local) variables and the result,
 * else `resultVariable`, else the result merged. The values go where the variables live (see
 * variables.ts).
 */
export function applyResult(
  node: { outputs: readonly VariableMapping[]; id: string },
  result: Record<string, unknown>,
  context: ExecutionContext,
  resultVariable?: string,
  locals: Record<string, unknown> = {},
) {
  const variables = context.scope.variables;
  if (node.outputs.length > 0) variables.propagate(applyMappings(node.outputs, { ...variables.visible(), ...locals, ...result }, node.id));
  else if (resultVariable) variables.propagate({ [resultVariable]: result });
  else variables.propagate(result);
}

/** How long a catalog activity may go without heartbeating before Temporal retries it elsewhere. */
export const CATALOG_HEARTBEAT_TIMEOUT = '10 seconds';

/**
 * How long a job of an external type may wait for a worker before it becomes an incident
 * (no team worker is running for it); the `scheduleToStartTimeout` task header (ISO 8601
 * duration) overrides it per task.
 */
export const EXTERNAL_SCHEDULE_TO_START_TIMEOUT_MS = 30 * 60 * 1000;

function scheduleToStartTimeout(node: ServiceTaskNode): number {
  const header = node.headers.scheduleToStartTimeout;
  const duration = header ? parseIsoDuration(header) : undefined;
  return duration ? Math.max(1000, addIsoDuration(0, duration)) : EXTERNAL_SCHEDULE_TO_START_TIMEOUT_MS;
}

/** The error code a worker gave with `ApplicationFailure.nonRetryable(message, 'BpmnError', { errorCode })`. */
function bpmnErrorOf(failure: ActivityFailure): { code: string; message?: string } | undefined {
  const cause = failure.cause;
  if (!(cause instanceof ApplicationFailure) || cause.type !== BPMN_ERROR_FAILURE) return undefined;
  const details = (cause.details?.[0] ?? {}) as { errorCode?: unknown; errorMessage?: unknown };
  const code = typeof details.errorCode === 'string' && details.errorCode !== '' ? details.errorCode : cause.message;
  return { code, ...(typeof details.errorMessage === 'string' ? { message: details.errorMessage } : {}) };
}

/** The activity type of this job: fixed, or computed by its FEEL expression (`=...`). */
function jobType(node: ServiceTaskNode, variables: Record<string, unknown>): string {
  if (!node.taskType.startsWith('=')) return node.taskType;
  const type = evaluateFeel(node.taskType.slice(1), variables, node.id);
  if (typeof type !== 'string' || type.trim() === '') throw new IncidentError(node.id, `the task type expression gave ${JSON.stringify(type)}, not an activity type`);
  return type.trim();
}

export const serviceTask: Behavior<ServiceTaskNode> = async (node, context) => {
  const visible = context.scope.variables.visible();
  const variables = node.inputs.length > 0 ? applyMappings(node.inputs, visible, node.id) : visible;
  const activities = proxyActivities<Record<string, ServiceTaskActivity>>({
    startToCloseTimeout: '5 minutes',
    // As Camunda does with a job: on interruption the token moves on at once; the activity is
    // asked to stop (it sees it when it heartbeats) and whatever it returns later is ignored.
    cancellationType: ActivityCancellationType.TRY_CANCEL,
    retry: { maximumAttempts: node.retries },
    // Catalog activities heartbeat while they run (run-ai-activity.ts): a task held by a worker
    // that died is retried after this, not after the 5-minute start-to-close timeout. Teams'
    // external workers are not required to heartbeat, but a job nobody picks up is an incident.
    ...(node.external
      ? { taskQueue: node.headers.taskQueue ?? context.externalTaskQueue, scheduleToStartTimeout: scheduleToStartTimeout(node) }
      : { heartbeatTimeout: CATALOG_HEARTBEAT_TIMEOUT }),
  });
  const run = activities[jobType(node, visible)]!;
  let result: ServiceTaskResult;
  try {
    result = await run({ variables, headers: node.headers, instance: { ...context.instance, elementId: node.id } });
  } catch (error) {
    // Canceled by a boundary event, a terminate end event or the API: not an incident.
    if (isCancellation(error)) throw error;
    if (error instanceof ActivityFailure) {
      const bpmnError = bpmnErrorOf(error);
      if (bpmnError) throwBpmnError(context, { elementId: node.id, ...bpmnError });
      if (error.cause instanceof TimeoutFailure && error.cause.timeoutType === 'SCHEDULE_TO_START') {
        const queue = node.headers.taskQueue ?? context.externalTaskQueue;
        throw new IncidentError(node.id, `no worker took the ${node.taskType} job on task queue ${queue} in time: start a worker for it, then resolve the incident`);
      }
      throw new IncidentError(node.id, `${node.taskType} failed: ${error.cause?.message ?? error.message}`);
    }
    throw error;
  }
  applyResult(node, result, context, node.headers.resultVariable, variables);
  return node.outgoing;
};
