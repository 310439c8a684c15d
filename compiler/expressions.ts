/** Every FEEL expression a graph holds, with the element and field it belongs to. */
import type { GraphNode, MessageDefinition, ProcessGraph, TimerDefinition, ValueSource } from './graph';

export interface LocatedExpression {
  elementId: string;
  field: string;
  feel: string;
}

function feelOf(source: ValueSource | undefined): string | undefined {
  return source && 'feel' in source ? source.feel : undefined;
}

/** The timer and the message a node waits for, if it waits for one. */
export function nodeEvent(node: GraphNode): { timer?: TimerDefinition; message?: MessageDefinition } {
  switch (node.kind) {
    case 'timerCatchEvent':
      return { timer: node.timer };
    case 'messageCatchEvent':
    case 'receiveTask':
      return { message: node.message };
    case 'boundaryEvent':
      return node.trigger.type === 'timer' ? { timer: node.trigger.timer } : { message: node.trigger.message };
    default:
      return {};
  }
}

export function graphExpressions(graph: ProcessGraph): LocatedExpression[] {
  const found: LocatedExpression[] = [];
  const add = (elementId: string, field: string, feel: string | undefined) => {
    if (feel !== undefined) found.push({ elementId, field, feel });
  };
  for (const node of Object.values(graph.nodes)) {
    node.inputs.forEach((m) => add(node.id, `input ${m.target}`, feelOf(m.source)));
    node.outputs.forEach((m) => add(node.id, `output ${m.target}`, feelOf(m.source)));
    if (node.kind === 'userTask') {
      add(node.id, 'assignee', feelOf(node.assignee));
      add(node.id, 'candidateGroups', feelOf(node.candidateGroups));
      add(node.id, 'candidateUsers', feelOf(node.candidateUsers));
    }
    const { timer, message } = nodeEvent(node);
    if (timer) add(node.id, `timer ${timer.type}`, feelOf(timer.value));
    if (message) {
      add(node.id, 'message name', feelOf(message.name));
      add(node.id, 'correlationKey', feelOf(message.correlationKey));
    }
  }
  for (const flow of Object.values(graph.flows)) add(flow.id, 'condition', flow.condition);
  return found;
}
