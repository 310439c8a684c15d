import { ActivityCancellationType, ActivityFailure, isCancellation, proxyActivities } from '@temporalio/workflow';
import type { ServiceTaskRequest, ServiceTaskResult } from '../../../activities/contracts';
import type { ServiceTaskNode } from '../../../compiler/graph';
import type { Behavior, ExecutionContext } from '../context';
import { applyMappings } from '../feel';
import { IncidentError } from '../incident';

type ServiceTaskActivity = (request: ServiceTaskRequest) => Promise<ServiceTaskResult>;

/** Camunda semantics for a job's result: output mappings, else `resultVariable`, else merge. */
export function applyResult(node: { outputs: ServiceTaskNode['outputs']; id: string }, result: Record<string, unknown>, context: ExecutionContext, resultVariable?: string) {
  const variables = context.state.variables;
  if (node.outputs.length > 0) Object.assign(variables, applyMappings(node.outputs, { ...variables, ...result }, node.id));
  else if (resultVariable) variables[resultVariable] = result;
  else Object.assign(variables, result);
}

/** How long a catalog activity may go without heartbeating before Temporal retries it elsewhere. */
export const CATALOG_HEARTBEAT_TIMEOUT = '10 seconds';

export const serviceTask: Behavior<ServiceTaskNode> = async (node, context) => {
  const variables = node.inputs.length > 0 ? applyMappings(node.inputs, context.state.variables, node.id) : { ...context.state.variables };
  const activities = proxyActivities<Record<string, ServiceTaskActivity>>({
    startToCloseTimeout: '5 minutes',
    // As Camunda does with a job: on interruption the token moves on at once; the activity is
    // asked to stop (it sees it when it heartbeats) and whatever it returns later is ignored.
    cancellationType: ActivityCancellationType.TRY_CANCEL,
    retry: { maximumAttempts: node.retries },
    // Catalog activities heartbeat while they run (run-ai-activity.ts): a task held by a worker
    // that died is retried after this, not after the 5-minute start-to-close timeout. Teams'
    // external workers are not required to heartbeat.
    ...(node.external ? { taskQueue: node.headers.taskQueue ?? context.externalTaskQueue } : { heartbeatTimeout: CATALOG_HEARTBEAT_TIMEOUT }),
  });
  const run = activities[node.taskType]!;
  let result: ServiceTaskResult;
  try {
    result = await run({ variables, headers: node.headers, instance: { ...context.instance, elementId: node.id } });
  } catch (error) {
    // Canceled by a boundary event, a terminate end event or the API: not an incident.
    if (isCancellation(error)) throw error;
    if (error instanceof ActivityFailure) {
      throw new IncidentError(node.id, `${node.taskType} failed: ${error.cause?.message ?? error.message}`);
    }
    throw error;
  }
  applyResult(node, result, context, node.headers.resultVariable);
  return node.outgoing;
};
