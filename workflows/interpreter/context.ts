import type { GraphNode, ProcessGraph } from '../../compiler/graph';
import type { InstanceRef, MessageDelivery } from '../../activities/contracts';
import type { ActiveElement, CompleteUserTaskInput, InstanceState } from '../definitions';
import type { JoinRegistry } from './joins';
import type { MessageRegistry } from './messages';

/** Open user tasks of the instance and the completions the update handler accepted. */
export interface HumanTaskRegistry {
  open: Map<string, { elementId: string }>;
  completions: Map<string, CompleteUserTaskInput>;
}

/** What already happened to a catch event an event-based gateway chose. */
export type EventOccurrence = { type: 'timer' } | { type: 'message'; delivery: MessageDelivery };

/** Where a token starts: a node, the flow it came by, and an event that already occurred there. */
export interface TokenStart {
  nodeId: string;
  via?: string;
  occurred?: EventOccurrence;
}

/** The token a behaviour runs for. */
export interface Token {
  /** The flow it came by; undefined at start and boundary events. */
  via?: string;
  /** Its entry in the instance state's `active` list, which behaviours annotate (task id, timer...). */
  active: ActiveElement;
  /** Set when an event-based gateway already waited for this catch event. */
  occurred?: EventOccurrence;
}

export interface ExecutionContext {
  graph: ProcessGraph;
  instance: Omit<InstanceRef, 'elementId'>;
  externalTaskQueue: string;
  /** Plain JSON, returned by the state query; `variables` is the process scope. */
  state: InstanceState;
  humanTasks: HumanTaskRegistry;
  messages: MessageRegistry;
  joins: JoinRegistry;
  /** 1 the first time a token enters `elementId`, then 2, 3...: part of derived ids. */
  nextOccurrence(elementId: string): number;
  /** Starts another token of the instance (in the instance's scope, whoever calls it). */
  spawn(start: TokenStart): void;
  /** Ends the whole instance (terminate end event): every other token is canceled. */
  terminate(elementId: string): void;
}

/** A flow to take, by id, or with the event that already occurred at its target (event-based gateway). */
export type Taken = string | { flowId: string; occurred: EventOccurrence };

/**
 * What an element does when a token enters it; resolves to the flows to take (none: the token
 * ends here). Runs in a cancellation scope: a boundary event, a terminate end event or the API
 * may cancel it, and it must then release what it holds (task record, subscription).
 */
export type Behavior<N extends GraphNode = GraphNode> = (node: N, context: ExecutionContext, token: Token) => Promise<Taken[]>;
