/**
 * The process graph: the compiled, validated, JSON form of one BPMN process (the IR).
 *
 * It is what a deployed version stores and what every instance carries, so it must stay plain
 * JSON (no classes, no Maps) and its shape only changes with `GRAPH_FORMAT_VERSION`.
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

export interface StartEventNode extends NodeBase {
  kind: 'startEvent';
}

export interface EndEventNode extends NodeBase {
  kind: 'endEvent';
}

export interface ServiceTaskNode extends NodeBase {
  kind: 'serviceTask';
  /** `zeebe:taskDefinition type`: the Temporal activity type that runs the task. */
  taskType: string;
  /** Total attempts, from `zeebe:taskDefinition retries` (Camunda's default is 3). */
  retries: number;
  headers: Record<string, string>;
  /** True when the type is not in the activity catalog: a team's own worker serves it. */
  external: boolean;
}

export interface UserTaskNode extends NodeBase {
  kind: 'userTask';
  assignee?: ValueSource;
  /** Comma-separated list or FEEL list of group ids. */
  candidateGroups?: ValueSource;
  candidateUsers?: ValueSource;
  /** `zeebe:formDefinition formId` / `formKey`, or an embedded `zeebe:userTaskForm` schema. */
  form?: { formId: string } | { formKey: string } | { schema: unknown };
}

export interface ExclusiveGatewayNode extends NodeBase {
  kind: 'exclusiveGateway';
  defaultFlowId?: string;
}

export type GraphNode = StartEventNode | EndEventNode | ServiceTaskNode | UserTaskNode | ExclusiveGatewayNode;
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
