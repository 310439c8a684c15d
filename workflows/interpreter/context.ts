import type { GraphNode, ProcessGraph } from '../../compiler/graph';
import type { InstanceRef } from '../../activities/contracts';
import type { CompleteUserTaskInput, InstanceState } from '../definitions';

/** Open user tasks of the instance and the completions the update handler accepted. */
export interface HumanTaskRegistry {
  open: Map<string, { elementId: string }>;
  completions: Map<string, CompleteUserTaskInput>;
}

export interface ExecutionContext {
  graph: ProcessGraph;
  instance: Omit<InstanceRef, 'elementId'>;
  externalTaskQueue: string;
  /** Plain JSON, returned by the state query; `variables` is the process scope. */
  state: InstanceState;
  humanTasks: HumanTaskRegistry;
  /** 1 the first time a token enters `elementId`, then 2, 3...: part of derived ids. */
  nextOccurrence(elementId: string): number;
}

/** What an element does when a token enters it; resolves to the ids of the flows to take. */
export type Behavior<N extends GraphNode = GraphNode> = (node: N, context: ExecutionContext) => Promise<string[]>;
