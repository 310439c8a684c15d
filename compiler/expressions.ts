/** Every FEEL expression a graph holds, with the element and field it belongs to. */
import type { EventTrigger, GraphNode, MessageDefinition, ProcessGraph, SignalDefinition, TimerDefinition, ValueSource } from './graph';

export interface LocatedExpression {
  elementId: string;
  field: string;
  feel: string;
}

function feelOf(source: ValueSource | undefined): string | undefined {
  return source && 'feel' in source ? source.feel : undefined;
}

export interface NodeEvent {
  timer?: TimerDefinition;
  message?: MessageDefinition;
  signal?: SignalDefinition;
}

function triggerEvent(trigger: EventTrigger | undefined): NodeEvent {
  switch (trigger?.type) {
    case 'timer':
      return { timer: trigger.timer };
    case 'message':
      return { message: trigger.message };
    case 'signal':
      return { signal: trigger.signal };
    default:
      return {};
  }
}

/** The timer, message or signal a node waits for or throws, if any. */
export function nodeEvent(node: GraphNode): NodeEvent {
  switch (node.kind) {
    case 'timerCatchEvent':
      return { timer: node.timer };
    case 'messageCatchEvent':
    case 'receiveTask':
      return { message: node.message };
    case 'signalCatchEvent':
    case 'signalThrowEvent':
      return { signal: node.signal };
    case 'boundaryEvent':
    case 'startEvent':
      return triggerEvent(node.trigger);
    default:
      return {};
  }
}

/** The FEEL fields of a node beyond its mappings and its event, by field name. */
function nodeFields(node: GraphNode): [string, string | undefined][] {
  const fields: [string, string | undefined][] = [];
  switch (node.kind) {
    case 'userTask':
      fields.push(
        ['assignee', feelOf(node.assignee)],
        ['candidateGroups', feelOf(node.candidateGroups)],
        ['candidateUsers', feelOf(node.candidateUsers)],
        ['dueDate', feelOf(node.dueDate)],
        ['followUpDate', feelOf(node.followUpDate)],
        ['priority', feelOf(node.priority)],
      );
      break;
    case 'scriptTask':
      fields.push(['script', node.expression]);
      break;
    case 'serviceTask':
      if (node.taskType.startsWith('=')) fields.push(['taskType', node.taskType.slice(1).trim()]);
      break;
    case 'callActivity':
      fields.push(['processId', feelOf(node.processKey)]);
      break;
    default:
      break;
  }
  if ('multiInstance' in node && node.multiInstance) {
    const { inputCollection, outputElement, completionCondition } = node.multiInstance;
    fields.push(['inputCollection', inputCollection], ['outputElement', outputElement], ['completionCondition', completionCondition]);
  }
  return fields;
}

const expressionsOfGraph = new WeakMap<ProcessGraph, LocatedExpression[]>();

/** Every FEEL expression of the graph, where it is (collected once per graph: several rules read them). */
export function graphExpressions(graph: ProcessGraph): readonly LocatedExpression[] {
  let found = expressionsOfGraph.get(graph);
  if (!found) expressionsOfGraph.set(graph, (found = collectExpressions(graph)));
  return found;
}

function collectExpressions(graph: ProcessGraph): LocatedExpression[] {
  const found: LocatedExpression[] = [];
  const add = (elementId: string, field: string, feel: string | undefined) => {
    if (feel !== undefined) found.push({ elementId, field, feel });
  };
  for (const node of Object.values(graph.nodes)) {
    node.inputs.forEach((m) => add(node.id, `input ${m.target}`, feelOf(m.source)));
    node.outputs.forEach((m) => add(node.id, `output ${m.target}`, feelOf(m.source)));
    for (const [field, feel] of nodeFields(node)) add(node.id, field, feel);
    const { timer, message, signal } = nodeEvent(node);
    if (timer) add(node.id, `timer ${timer.type}`, feelOf(timer.value));
    if (message) {
      add(node.id, 'message name', feelOf(message.name));
      add(node.id, 'correlationKey', feelOf(message.correlationKey));
    }
    if (signal) add(node.id, 'signal name', feelOf(signal.name));
  }
  for (const flow of Object.values(graph.flows)) add(flow.id, 'condition', flow.condition);
  return found;
}
