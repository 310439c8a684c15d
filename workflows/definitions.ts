/**
 * The interpreter workflow's public protocol: its name, input, updates and queries. Shared by
 * the workflow and by clients (API, tests), so both sides use the same names and types.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { MessageDelivery } from '../activities/contracts';
import type { ProcessGraph } from '../compiler/graph';
import type { ParkedScope } from './interpreter/parking';

export type { MessageDelivery } from '../activities/contracts';

export const PROCESS_WORKFLOW = 'runProcess';

export interface RunProcessInput {
  graph: ProcessGraph;
  processVersion: number;
  variables: Record<string, unknown>;
  businessKey?: string;
  /** Task queue of service tasks whose type is outside the catalog. */
  externalTaskQueue: string;
  /** Where the instance starts when not at its none start event (message, signal or timer start event). */
  startNodeId?: string;
  /** Set for an instance a call activity started: its parent instance and element. */
  parent?: { instanceId: string; elementId: string };
  /** Set when the instance continued as new (bounded history): where its token goes on. */
  continued?: ContinuedState;
  /** History length past which the instance continues as new (default 10,000; tests lower it). */
  continueAsNewAfterEvents?: number;
  /** History length past which a step waits for every other token to be parked (default 40,000; tests lower it). */
  stopStepsAfterEvents?: number;
}

/** The process property that gives instances a reference number (platform/reference-numbers.ts). */
export const REFERENCE_PATTERN_PROPERTY = 'referencePattern';
/** The variable the reference number is stored under. */
export const REFERENCE_VARIABLE = 'reference';

/** What an instance hands to its continuation (see interpreter/parking.ts): every scope, and counters. */
export interface ContinuedState {
  /** Every scope as the previous run left it: tokens, joins, listeners, running event subprocesses. */
  scope?: ParkedScope;
  /** Runs continued before every scope was carried hand over one token between two elements instead. */
  token?: { nodeId: string; via?: string };
  /** Per element, how many times a token entered it (derived task and subscription ids go on from there). */
  occurrences: Record<string, number>;
  /** The last steps of the path, so monitoring keeps some history, and the steps parked tokens are in. */
  path: PathStep[];
  /** How many times the instance continued as new before. */
  generation: number;
  /** Runs continued before every scope was carried: the process's event subprocess timers, by start event id. */
  timers?: Record<string, TimerProgress>;
  /** Completions of parked user tasks the previous run accepted but had not applied yet. */
  completions?: CompleteUserTaskInput[];
  /** Messages correlated to the instance that no token waited for yet (see interpreter/messages.ts). */
  undeliveredMessages?: MessageDelivery[];
  /** How many incidents the instance had: incident ids go on from there. */
  incidentsCreated?: number;
  /** The open message subscriptions, oldest first (the oldest gets a message first). */
  messageOrder?: string[];
  /** The last signals the instance received, so a broadcast resumed after a crash is not taken twice. */
  signalsDelivered?: string[];
}

/** Where an event subprocess's timer start is: its next due time, how often it fired, whether it is over. */
export interface TimerProgress {
  /** Epoch milliseconds; absent until the timer first waits. */
  dueAt?: number;
  fired: number;
  done?: boolean;
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
  /** Set while the element waits for a signal: its name. */
  signal?: string;
  /** Timer boundary events of the activity, while they wait: when each fires. */
  boundaryTimers?: { elementId: string; dueAt: string }[];
  /** Set on each run of a multi-instance activity: its 1-based index. */
  loopCounter?: number;
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

/**
 * A token stopped at an element because something went wrong (an activity out of retries, a
 * FEEL error, no flow to take...). It waits there until the API resolves the incident; the
 * element then runs again (with the variables the resolution changed).
 */
export interface Incident {
  incidentId: string;
  elementId: string;
  reason: string;
  createdAt: string;
  /** The variable scope the element runs in (`process`, or a subprocess run's key). */
  scopeKey: string;
}

/** The variables of a subprocess or multi-instance run while it is active. */
export interface ScopeState {
  elementId: string;
  /** The scope it is nested in (`process` for the process level). */
  parentKey: string;
  variables: Record<string, unknown>;
}

/** The live state of an instance, for monitoring and for the API. Plain JSON. */
export interface InstanceState {
  /** The process scope's variables. */
  variables: Record<string, unknown>;
  active: ActiveElement[];
  path: PathStep[];
  /** The terminate end event that ended the instance, if one did. */
  terminatedBy?: string;
  /** Open incidents (absent while there has never been one). */
  incidents?: Incident[];
  /** Active inner scopes by key (absent while there has never been one). */
  scopes?: Record<string, ScopeState>;
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

export interface ResolveIncidentInput {
  incidentId: string;
  /** Variables to set before the element runs again (in the incident's scope, as Camunda does). */
  variables?: Record<string, unknown>;
  resolvedBy: string;
}

export interface ResolveIncidentResult {
  incidentId: string;
  resolvedAt: string;
}

/** Resolves an open incident: its element runs again. The validator rejects an unknown or resolved incident. */
export const resolveIncidentUpdate = defineUpdate<ResolveIncidentResult, [ResolveIncidentInput]>('resolveIncident');

/** A broadcast signal, as an instance with a subscription for its name receives it. */
export interface SignalDelivery {
  signalId: string;
  name: string;
  variables: Record<string, unknown>;
}

/** Hands a broadcast signal to every token of the instance waiting for its name. */
export const deliverSignalSignal = defineSignal<[SignalDelivery]>('deliverSignal');

/**
 * A published message for a subscription this instance opened (the API finds it in MongoDB).
 * A Signal, so it is durable even while no worker runs; the instance hands it to the first
 * token waiting for that name and correlation key, and ignores it if none waits any more.
 */
export const deliverMessageSignal = defineSignal<[MessageDelivery]>('deliverMessage');
