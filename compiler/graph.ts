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
  incoming: string[];
  outgoing: string[];
  inputs: VariableMapping[];
  outputs: VariableMapping[];
}

/** Activities that boundary events may be attached to. */
interface ActivityBase extends NodeBase {
  /** Ids of the boundary events attached to this activity; absent when there are none. */
  boundaryEventIds?: string[];
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

/** What a boundary event (or the event after an event-based gateway) waits for. */
export type EventTrigger = { type: 'timer'; timer: TimerDefinition } | { type: 'message'; message: MessageDefinition };

export interface StartEventNode extends NodeBase {
  kind: 'startEvent';
}

export interface EndEventNode extends NodeBase {
  kind: 'endEvent';
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

export interface ServiceTaskNode extends ActivityBase {
  kind: 'serviceTask';
  /** `zeebe:taskDefinition type`: the Temporal activity type that runs the task. */
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
  | TimerCatchEventNode
  | MessageCatchEventNode
  | BoundaryEventNode
  | ServiceTaskNode
  | UserTaskNode
  | ReceiveTaskNode
  | ExclusiveGatewayNode
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
  /** None start events, where a new instance's token starts. */
  startNodeIds: string[];
  /** Nodes in document order (exclusive gateways evaluate flows in that order too). */
  nodes: Record<string, GraphNode>;
  flows: Record<string, SequenceFlow>;
}

/** The node kinds boundary events may be attached to. */
export type ActivityNode = ServiceTaskNode | UserTaskNode | ReceiveTaskNode;
const ACTIVITY_KINDS: readonly NodeKind[] = ['serviceTask', 'userTask', 'receiveTask'];

export function isActivity(node: GraphNode): node is ActivityNode {
  return ACTIVITY_KINDS.includes(node.kind);
}
