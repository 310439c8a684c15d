/**
 * The process graph: the compiled, validated, JSON form of one BPMN process (the IR).
 *
 * It is what a deployed version stores and what every instance carries, so it must stay plain
 * JSON (no classes, no Maps) and its shape only changes with `GRAPH_FORMAT_VERSION`. Additions
 * that every older graph still satisfies (a new node kind, a new optional field) keep the
 * version: a running instance's graph stays valid for a newer interpreter.
 *
 * Format, in short:
 * - `nodes` by BPMN id, each with its `kind`, its `incoming` / `outgoing` flow ids (document
 *   order) and its `zeebe:ioMapping` (`inputs`, `outputs`); `flows` by BPMN id.
 * - A token enters a node through one of its incoming flows; the node's behaviour names the
 *   outgoing flows it leaves by. Several flows fork the token (BPMN's implicit parallel split);
 *   a node with several incoming flows lets each token through (implicit exclusive merge),
 *   except a `parallelGateway`, which joins.
 * - Boundary events are nodes without incoming flows: `attachedToId` names their host activity,
 *   whose `boundaryEventIds` lists them (document order).
 * - Timers and messages keep the raw value (`{ value }` literal or `{ feel }` expression):
 *   FEEL is evaluated when the token arrives.
 * - Scopes: `nodes` and `flows` hold every element of the process, subprocesses' included
 *   (BPMN ids are unique per file). A node inside an embedded or event subprocess names it in
 *   `scopeId`; a `subProcess` lists its none start events and its event subprocesses; the
 *   process's own event subprocesses are in `eventSubProcessIds`.
 * - Link events are resolved at compile time: a link throw event leaves by one synthetic flow
 *   (id `link:<throw id>`, `link: true`) to the catch event of the same name.
 * - Activities may carry `multiInstance`: the node then runs once per item of its input
 *   collection (in parallel or in sequence), each run in a scope of its own.
 * The full description, with examples, is docs/graph-format.md.
 */
import type { DataClassification } from './ai-policy';

export const GRAPH_FORMAT_VERSION = 1;

/** A value that is either fixed in the diagram or computed by a FEEL expression at run time. */
export type ValueSource = { feel: string } | { value: string };

/** One `zeebe:input` / `zeebe:output`: evaluate `source`, store it under `target`. */
export interface VariableMapping {
  source: ValueSource;
  target: string;
}

interface NodeBase {
  id: string;
  name?: string;
  /** The embedded or event subprocess the node is in; absent at the process level. */
  scopeId?: string;
  incoming: string[];
  outgoing: string[];
  inputs: VariableMapping[];
  outputs: VariableMapping[];
}

/**
 * `zeebe:loopCharacteristics` of a `bpmn:multiInstanceLoopCharacteristics`: the activity runs
 * once per item of `inputCollection`; each run sees the item as the local `inputElement`;
 * `outputElement` (evaluated in each run's scope when it ends) is collected, in item order,
 * into `outputCollection`. `completionCondition` is evaluated after each run with
 * `numberOfInstances`, `numberOfActiveInstances`, `numberOfCompletedInstances` and `loopCounter`;
 * true ends the activity and cancels the runs still active.
 */
export interface MultiInstance {
  sequential: boolean;
  /** FEEL, without the `=`. */
  inputCollection: string;
  inputElement?: string;
  outputCollection?: string;
  /** FEEL, without the `=`. */
  outputElement?: string;
  /** FEEL, without the `=`. */
  completionCondition?: string;
}

/** Activities that boundary events may be attached to. */
interface ActivityBase extends NodeBase {
  /** Ids of the boundary events attached to this activity; absent when there are none. */
  boundaryEventIds?: string[];
  multiInstance?: MultiInstance;
}

/**
 * A `bpmn:timerEventDefinition`: `timeDuration` (ISO 8601 duration, e.g. PT15M, P10D),
 * `timeDate` (ISO 8601 date-time with an offset, e.g. 2026-03-01T09:00:00+01:00) or
 * `timeCycle` (`R<n>/<duration>`; boundary events only). A FEEL value must give the same.
 */
export interface TimerDefinition {
  type: 'duration' | 'date' | 'cycle';
  value: ValueSource;
}

/** A `bpmn:message` with its `zeebe:subscription correlationKey` (FEEL, evaluated on arrival). */
export interface MessageDefinition {
  name: ValueSource;
  correlationKey: ValueSource;
}

/** A `bpmn:signal`: broadcast by name to every instance waiting for it. */
export interface SignalDefinition {
  name: ValueSource;
}

/**
 * What a boundary event, an event subprocess's start event or a process start event waits
 * for. `error` and `escalation` without a code catch every error / escalation (Camunda's
 * catch-all); they are thrown inside the scope, never published.
 */
export type EventTrigger =
  | { type: 'timer'; timer: TimerDefinition }
  | { type: 'message'; message: MessageDefinition }
  | { type: 'signal'; signal: SignalDefinition }
  | { type: 'error'; errorCode?: string }
  | { type: 'escalation'; escalationCode?: string };

/**
 * A start event. Without `trigger` it is a none start event (a new instance, or a subprocess
 * being entered, starts there). With one it is a message, timer or signal start event of the
 * process, or the start event of an event subprocess (which also allows error and escalation).
 */
export interface StartEventNode extends NodeBase {
  kind: 'startEvent';
  trigger?: EventTrigger;
  /** Event subprocess start events: false when the event subprocess runs alongside the scope. */
  interrupting?: boolean;
}

export interface EndEventNode extends NodeBase {
  kind: 'endEvent';
}

/** A none intermediate throw event: a milestone the token passes. */
export interface IntermediateThrowEventNode extends NodeBase {
  kind: 'intermediateThrowEvent';
}

/** Throws a BPMN error: caught by the nearest matching error boundary event or error event subprocess, else an incident. */
export interface ErrorEndEventNode extends NodeBase {
  kind: 'errorEndEvent';
  errorCode: string;
  errorMessage?: string;
}

/**
 * Throws an escalation to the nearest matching escalation boundary event or event subprocess;
 * uncaught, it changes nothing. `end`: an end event (the token ends), else an intermediate
 * throw event (the token goes on, unless an interrupting catch cancels it).
 */
export interface EscalationThrowEventNode extends NodeBase {
  kind: 'escalationThrowEvent';
  escalationCode: string;
  end: boolean;
}

/** Broadcasts a signal to every instance waiting for it (this one included). */
export interface SignalThrowEventNode extends NodeBase {
  kind: 'signalThrowEvent';
  signal: SignalDefinition;
  end: boolean;
}

export interface SignalCatchEventNode extends NodeBase {
  kind: 'signalCatchEvent';
  signal: SignalDefinition;
}

/** The target of link throw events of the same name (they reach it by a synthetic `link:` flow). */
export interface LinkCatchEventNode extends NodeBase {
  kind: 'linkCatchEvent';
}

/** Jumps to the link catch event of the same name, by its one synthetic outgoing flow. */
export interface LinkThrowEventNode extends NodeBase {
  kind: 'linkThrowEvent';
}

/** Ends the whole instance: every other token is canceled, their open user tasks with them. */
export interface TerminateEndEventNode extends NodeBase {
  kind: 'terminateEndEvent';
}

export interface TimerCatchEventNode extends NodeBase {
  kind: 'timerCatchEvent';
  timer: TimerDefinition;
}

export interface MessageCatchEventNode extends NodeBase {
  kind: 'messageCatchEvent';
  message: MessageDefinition;
}

export interface BoundaryEventNode extends NodeBase {
  kind: 'boundaryEvent';
  attachedToId: string;
  /** True (BPMN's default): the activity is canceled and its token leaves by this event. */
  cancelActivity: boolean;
  trigger: EventTrigger;
}

/**
 * A job for a worker: service tasks, and the job-based elements Camunda runs the same way
 * (send tasks, business rule and script tasks with a `zeebe:taskDefinition`, message throw and
 * message end events), which `element` names when it is not a service task.
 */
export interface ServiceTaskNode extends ActivityBase {
  kind: 'serviceTask';
  element?: 'sendTask' | 'businessRuleTask' | 'scriptTask' | 'messageThrowEvent' | 'messageEndEvent';
  /**
   * `zeebe:taskDefinition type`: the Temporal activity type that runs the task. One starting
   * with `=` is a FEEL expression evaluated for each job (Camunda); such jobs are external.
   */
  taskType: string;
  /** Total attempts, from `zeebe:taskDefinition retries` (Camunda's default is 3). */
  retries: number;
  headers: Record<string, string>;
  /** True when the type is not in the activity catalog: a team's own worker serves it. */
  external: boolean;
  /** `zeebe:modelerTemplate`: the element template the modeler applied (its fields are the inputs). */
  template?: string;
}

export interface UserTaskNode extends ActivityBase {
  kind: 'userTask';
  assignee?: ValueSource;
  /** Comma-separated list or FEEL list of group ids. */
  candidateGroups?: ValueSource;
  candidateUsers?: ValueSource;
  /** `zeebe:formDefinition formId` / `formKey`, or an embedded `zeebe:userTaskForm` schema. */
  form?: { formId: string } | { formKey: string } | { schema: unknown };
  /** `zeebe:taskSchedule`: ISO 8601 date-times (FEEL or literal), evaluated when the task opens. */
  dueDate?: ValueSource;
  followUpDate?: ValueSource;
  /** `zeebe:priorityDefinition priority`: 0–100 (Camunda's default 50). */
  priority?: ValueSource;
  /** `zeebe:taskHeaders`: shown with the task (e.g. instructions). */
  headers?: Record<string, string>;
}

/** `zeebe:script`: a FEEL expression whose value is stored under `resultVariable`. */
export interface ScriptTaskNode extends ActivityBase {
  kind: 'scriptTask';
  /** FEEL, without the `=`. */
  expression: string;
  resultVariable: string;
}

/** Manual and undefined (`bpmn:task`) tasks: the token passes through (as in Camunda). */
export interface PassThroughTaskNode extends ActivityBase {
  kind: 'passThroughTask';
  element: 'manualTask' | 'task';
}

/**
 * An embedded subprocess: its own variable scope (input mappings create local variables;
 * output mappings, evaluated in it, write to the parent), its none start event, and event
 * subprocesses that listen while it runs. It completes when no token is left in it.
 */
export interface SubProcessNode extends ActivityBase {
  kind: 'subProcess';
  startNodeIds: string[];
  eventSubProcessIds: string[];
}

/**
 * An event subprocess of a process or subprocess (`scopeId`). It has no flows: its start event
 * (`startNodeId`, which has the trigger) starts it while its parent scope runs.
 */
export interface EventSubProcessNode extends NodeBase {
  kind: 'eventSubProcess';
  startNodeId: string;
}

/**
 * `zeebe:calledElement`: runs the latest deployed version of another process as a child
 * workflow (or the version `versionTag`/`bindingType: deployment` pins, when set). Variables
 * pass both ways as Camunda's propagate flags say; canceling the call activity cancels the child.
 */
export interface CallActivityNode extends ActivityBase {
  kind: 'callActivity';
  processKey: ValueSource;
  /** `propagateAllParentVariables` (default true): the child starts with all visible variables, else with the inputs only. */
  propagateAllParentVariables: boolean;
  /** `propagateAllChildVariables` (default true): the child's variables are merged back, else the outputs only. */
  propagateAllChildVariables: boolean;
  /** The version to run: `latest` or one fixed version number. */
  binding: { type: 'latest' } | { type: 'version'; version: number };
}

/** Waits for a message, like a message catch event, but can carry boundary events. */
export interface ReceiveTaskNode extends ActivityBase {
  kind: 'receiveTask';
  message: MessageDefinition;
}

export interface ExclusiveGatewayNode extends NodeBase {
  kind: 'exclusiveGateway';
  defaultFlowId?: string;
}

/**
 * As a fork: takes every flow whose condition is true, else the default flow, else an incident.
 * As a join: waits for the tokens that can still arrive on its other incoming flows.
 */
export interface InclusiveGatewayNode extends NodeBase {
  kind: 'inclusiveGateway';
  defaultFlowId?: string;
}

/** Forks a token on every outgoing flow; joins one token per incoming flow of the same wave. */
export interface ParallelGatewayNode extends NodeBase {
  kind: 'parallelGateway';
}

/** Waits for the first of the catch events its outgoing flows lead to; the others are withdrawn. */
export interface EventBasedGatewayNode extends NodeBase {
  kind: 'eventBasedGateway';
}

export type GraphNode =
  | StartEventNode
  | EndEventNode
  | TerminateEndEventNode
  | IntermediateThrowEventNode
  | ErrorEndEventNode
  | EscalationThrowEventNode
  | SignalThrowEventNode
  | SignalCatchEventNode
  | LinkCatchEventNode
  | LinkThrowEventNode
  | TimerCatchEventNode
  | MessageCatchEventNode
  | BoundaryEventNode
  | ServiceTaskNode
  | UserTaskNode
  | ReceiveTaskNode
  | ScriptTaskNode
  | PassThroughTaskNode
  | SubProcessNode
  | EventSubProcessNode
  | CallActivityNode
  | ExclusiveGatewayNode
  | InclusiveGatewayNode
  | ParallelGatewayNode
  | EventBasedGatewayNode;
export type NodeKind = GraphNode['kind'];

export interface SequenceFlow {
  id: string;
  name?: string;
  sourceId: string;
  targetId: string;
  /** FEEL condition, without Camunda's leading `=`. */
  condition?: string;
  /** A synthetic flow from a link throw event to its link catch event. */
  link?: true;
}

export interface ProcessGraph {
  formatVersion: typeof GRAPH_FORMAT_VERSION;
  /** The BPMN process id: the key every version of this process shares. */
  processKey: string;
  name?: string;
  /** The `dataClassification` property of the process (default: sensitive). */
  dataClassification: DataClassification;
  /** The `aiProvider` property of the process: the provider its AI tasks use unless they say. */
  aiProvider?: string;
  /** `zeebe:properties` of the process. */
  properties: Record<string, string>;
  /** None start events of the process level, where a new instance's token starts. */
  startNodeIds: string[];
  /** Event subprocesses of the process level (absent in graphs compiled before they existed). */
  eventSubProcessIds?: string[];
  /** Nodes in document order (exclusive gateways evaluate flows in that order too). */
  nodes: Record<string, GraphNode>;
  flows: Record<string, SequenceFlow>;
}

/** The node kinds boundary events may be attached to, and multi-instance put on. */
export type ActivityNode = ServiceTaskNode | UserTaskNode | ReceiveTaskNode | ScriptTaskNode | PassThroughTaskNode | SubProcessNode | CallActivityNode;
const ACTIVITY_KINDS: readonly NodeKind[] = ['serviceTask', 'userTask', 'receiveTask', 'scriptTask', 'passThroughTask', 'subProcess', 'callActivity'];

export function isActivity(node: GraphNode): node is ActivityNode {
  return ACTIVITY_KINDS.includes(node.kind);
}
