import type { GraphNode, ProcessGraph } from '../../compiler/graph';
import type { InstanceRef, MessageDelivery } from '../../activities/contracts';
import type { ActiveElement, CompleteUserTaskInput, InstanceState, PathStep, SignalDelivery } from '../definitions';
import type { IncidentRegistry } from './incident';
import type { JoinRegistry } from './joins';
import type { MessageRegistry } from './messages';
import type { ParkedScope, ParkedToken, Parking, ParkSlot } from './parking';
import type { SignalRegistry } from './signals';
import type { Thrown } from './throws';
import type { VariableScope } from './variables';

/** Open user tasks of the instance, the completions the update handler accepted, and the side work still running. */
export interface HumanTaskRegistry {
  open: Map<string, { elementId: string }>;
  completions: Map<string, CompleteUserTaskInput>;
  /**
   * Activities that run beside the next steps (closing a completed task's record, telling a new
   * task's candidates): the instance waits for them before it ends or continues as new.
   */
  beside: Set<Promise<void>>;
}

/** What already happened to a catch event before a token reached it (event-based gateway, boundary and start events). */
export type EventOccurrence =
  | { type: 'timer' }
  | { type: 'message'; delivery: MessageDelivery }
  | { type: 'signal'; delivery: SignalDelivery }
  | { type: 'error' | 'escalation'; thrown: Thrown };

/** Where a token starts: a node, the flow it came by, and an event that already occurred there. */
export interface TokenStart {
  nodeId: string;
  via?: string;
  occurred?: EventOccurrence;
  /** A token the previous run parked inside `nodeId` (continued instances): it takes up its wait there. */
  resume?: ParkedToken;
}

/** One token of a scope, as the continuation sees it: where it is parked, when it is. */
export interface TokenHandle {
  describe?: () => ParkedToken | undefined;
}

/** Where a scope offers its snapshot while it runs (see parking.ts). */
export interface ScopeSnapshotSlot {
  snapshot?: () => ParkedScope | undefined;
}

/** The token a behaviour runs for. */
export interface Token {
  /** The flow it came by; undefined at start and boundary events. */
  via?: string;
  /** Its entry in the instance state's `active` list, which behaviours annotate (task id, timer...). */
  active: ActiveElement;
  /** Set when the event this catch event waits for already occurred. */
  occurred?: EventOccurrence;
  /** Set when the previous run parked this token in this element: the behaviour takes up that wait. */
  resume?: ParkedToken;
  /** Where the behaviour reports its wait while it waits (parking.ts). */
  slot: ParkSlot;
  /** Where each listening boundary event of the element reports its wait, by boundary event id. */
  boundarySlots: Map<string, ParkSlot>;
}

/** What every scope of one instance shares. */
export interface InstanceRuntime {
  graph: ProcessGraph;
  instance: Omit<InstanceRef, 'elementId'>;
  externalTaskQueue: string;
  /** Plain JSON, returned by the state query; `variables` is the process scope's. */
  state: InstanceState;
  humanTasks: HumanTaskRegistry;
  messages: MessageRegistry;
  signals: SignalRegistry;
  incidents: IncidentRegistry;
  /** 1 the first time a token enters `elementId`, then 2, 3...: part of derived ids. */
  nextOccurrence(elementId: string): number;
  /** Set when the instance was started by a call activity: an uncaught BPMN error then fails it, for the parent to catch. */
  hasParent: boolean;
  /**
   * Called between two elements: when the history has grown long and every token of the
   * instance is parked (this one about to enter `next`), freezes the instance so that it
   * continues as new. Returns what the token must wait for before its step (it holds until the
   * run ends once frozen), or undefined to go on at once.
   */
  continueAsNewIfDue(next: TokenStart, handle: TokenHandle, scope: ScopeRuntime): Promise<void> | undefined;
  parking: Parking;
  /** Path steps already taken up by resumed tokens (a continued instance carries its open steps). */
  resumedSteps: Set<PathStep>;
}

/**
 * One running scope: the process, a subprocess run, an event subprocess run or a
 * multi-instance run. Tokens run in the scope they were spawned in.
 */
export interface ScopeRuntime {
  key: string;
  /** The subprocess (or event subprocess) the scope runs; absent for the process scope. */
  elementId?: string;
  variables: VariableScope;
  parent?: ScopeRuntime;
  joins: JoinRegistry;
  /** The tokens of this scope, where they are now (for the inclusive join). */
  active: Set<ActiveElement>;
  /** False inside a multi-instance activity, whose runs a continuation does not carry. */
  carried: boolean;
  /** This scope's snapshot for a continuation; undefined while one of its tokens is not parked. */
  snapshot(): ParkedScope | undefined;
  /** Starts another token in this scope. */
  spawn(start: TokenStart): void;
  /** Ends this scope at once (terminate end event): its other tokens are canceled. */
  terminate(elementId: string): void;
  /** Runs one of this scope's event subprocesses alongside its tokens (non-interrupting). */
  startEventSubProcess(eventSubProcessId: string, occurred: EventOccurrence): void;
}

/** What a behaviour gets: the instance, and the scope its token runs in. */
export interface ExecutionContext extends InstanceRuntime {
  scope: ScopeRuntime;
}

/** A flow to take, by id, or with the event that already occurred at its target (event-based gateway). */
export type Taken = string | { flowId: string; occurred: EventOccurrence };

/**
 * What an element does when a token enters it; resolves to the flows to take (none: the token
 * ends here). Runs in a cancellation scope: a boundary event, a terminate end event or the API
 * may cancel it, and it must then release what it holds (task record, subscription).
 */
export type Behavior<N extends GraphNode = GraphNode> = (node: N, context: ExecutionContext, token: Token) => Promise<Taken[]>;

/**
 * `<instance id>:<element id>:<occurrence>`: the id of what a token's passage through the
 * element creates (subscription, signal, called instance). Derived, never random, so a
 * retried activity or a replay gives the same one.
 */
export function nextDerivedId(context: InstanceRuntime, elementId: string): string {
  return `${context.instance.instanceId}:${elementId}:${context.nextOccurrence(elementId)}`;
}
