/** Every FEEL expression a graph holds, with the element and field it belongs to. */
import type { ProcessGraph, ValueSource } from './graph';

export interface LocatedExpression {
  elementId: string;
  field: string;
  feel: string;
}

function feelOf(source: ValueSource | undefined): string | undefined {
  return source && 'feel' in source ? source.feel : undefined;
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
  }
  for (const flow of Object.values(graph.flows)) add(flow.id, 'condition', flow.condition);
  return found;
}
