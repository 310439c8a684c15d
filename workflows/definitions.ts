/**
 * The interpreter workflow's public protocol: its name, input, updates and queries. Shared by
 * the workflow and by clients (API, tests), so both sides use the same names and types.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ProcessGraph } from '../compiler/graph';

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

export interface ActiveElement {
  elementId: string;
  since: string;
  /** Set while the element is a user task waiting for an agent. */
  taskId?: string;
}

export interface PathStep {
  elementId: string;
  enteredAt: string;
  leftAt?: string;
}

/** The live state of an instance, for monitoring and for the API. Plain JSON. */
export interface InstanceState {
  variables: Record<string, unknown>;
  active: ActiveElement[];
  path: PathStep[];
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
