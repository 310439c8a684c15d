/**
 * The interpreter workflow's public protocol: its name, input, updates and queries. Shared by
 * the workflow and by clients (API, tests), so both sides use the same names and types.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { MessageDelivery } from '../activities/contracts';
import type { ProcessGraph } from '../compiler/graph';

export type { MessageDelivery } from '../activities/contracts';

export const PROCESS_WORKFLOW = 'runProcess';

export interface RunProcessInput {
  graph: ProcessGraph;
  processVersion: number;
  variables: Record<string, unknown>;
  businessKey?: string;
  /** Task queue of service tasks whose type is outside the catalog. */
  externalTaskQueue: string;
}

export interface RunProcessResult {
  variables: Record<string, unknown>;
}

/** One token at one element; several tokens may be at the same element at once. */
export interface ActiveElement {
  elementId: string;
  since: string;
  /** Set while the element is a user task waiting for an agent. */
  taskId?: string;
  /** Set while the element waits for a timer: when it fires (ISO date-time). */
  timerDueAt?: string;
  /** Set while the element waits for a message. */
  message?: { name: string; correlationKey: string };
}

/** One passage of a token through an element, in the order tokens entered them. */
export interface PathStep {
  elementId: string;
  enteredAt: string;
  /** The flow the token came by (absent at start and boundary events). */
  flowId?: string;
  leftAt?: string;
  /** The token was canceled here: by a boundary event, a terminate end event or the API. */
  canceled?: true;
}

/** The live state of an instance, for monitoring and for the API. Plain JSON. */
export interface InstanceState {
  variables: Record<string, unknown>;
  active: ActiveElement[];
  path: PathStep[];
  /** The terminate end event that ended the instance, if one did. */
  terminatedBy?: string;
}

export interface CompleteUserTaskInput {
  taskId: string;
  variables: Record<string, unknown>;
  completedBy: string;
}

export interface CompleteUserTaskResult {
  taskId: string;
  completedAt: string;
}

/** Completes an open user task. Its validator rejects a task that is not open (DESIGN.md §4). */
export const completeUserTaskUpdate = defineUpdate<CompleteUserTaskResult, [CompleteUserTaskInput]>('completeUserTask');

export const instanceStateQuery = defineQuery<InstanceState>('instanceState');

/**
 * A published message for a subscription this instance opened (the API finds it in MongoDB).
 * A Signal, so it is durable even while no worker runs; the instance hands it to the first
 * token waiting for that name and correlation key, and ignores it if none waits any more.
 */
export const deliverMessageSignal = defineSignal<[MessageDelivery]>('deliverMessage');
