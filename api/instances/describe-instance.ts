/** The state of an instance as Temporal knows it: status, variables, active elements, incidents, inner scopes. */
import type { Client, WorkflowExecutionDescription } from '@temporalio/client';
import { instanceStateQuery, type InstanceState, type RunProcessResult } from '../../workflows/definitions';
import { businessKeyAttribute, processKeyAttribute, processVersionAttribute } from '../../workflows/search-attributes';
import { findInstance } from './find-instance';

export type InstanceStatus = 'running' | 'completed' | 'failed' | 'canceled' | 'terminated';

const STATUS: Record<WorkflowExecutionDescription['status']['name'], InstanceStatus> = {
  RUNNING: 'running',
  CONTINUED_AS_NEW: 'running',
  COMPLETED: 'completed',
  FAILED: 'failed',
  TIMED_OUT: 'failed',
  CANCELLED: 'canceled',
  TERMINATED: 'terminated',
  PAUSED: 'running',
  UNKNOWN: 'running',
  UNSPECIFIED: 'running',
};

export async function describeInstance(client: Client, instanceId: string) {
  const { handle, description } = await findInstance(client, instanceId);
  const status = STATUS[description.status.name] ?? 'running';
  const attributes = description.typedSearchAttributes;
  const base = {
    instanceId,
    /** The process and version the instance runs, and its business key (from its search attributes). */
    processKey: attributes.get(processKeyAttribute) ?? null,
    version: attributes.get(processVersionAttribute) ?? null,
    businessKey: attributes.get(businessKeyAttribute) ?? null,
    status,
    startedAt: description.startTime,
    closedAt: description.closeTime ?? null,
  };
  let state: InstanceState | undefined;
  try {
    state = await handle.query(instanceStateQuery);
  } catch {
    // A closed instance answers queries only while a worker can replay it; status still stands.
  }
  let variables = state?.variables ?? {};
  let failure: string | undefined;
  if (status === 'completed') {
    variables = ((await handle.result()) as RunProcessResult).variables;
  } else if (status === 'failed') {
    try {
      await handle.result();
    } catch (error) {
      failure = (error as { cause?: Error }).cause?.message ?? (error as Error).message;
    }
  }
  return {
    ...base,
    variables,
    activeElements: status === 'running' ? (state?.active ?? []) : [],
    /** Every passage of a token through an element, in order (empty when the state is unavailable). */
    path: state?.path ?? [],
    /** Open incidents: each names its element and cause; POST .../incidents/:incidentId/resolve retries it. */
    incidents: status === 'running' ? (state?.incidents ?? []) : [],
    /** Variables of the subprocess and multi-instance runs active now, by scope key. */
    scopes: status === 'running' ? (state?.scopes ?? {}) : {},
    ...(state?.terminatedBy ? { terminatedBy: state.terminatedBy } : {}),
    ...(failure ? { failure } : {}),
  };
}
