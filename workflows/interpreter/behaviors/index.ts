/** One behaviour per element kind; the `satisfies` makes a new kind without behaviour a type error. */
import type { GraphNode, NodeKind } from '../../../compiler/graph';
import type { Behavior } from '../context';
import { endEvent, startEvent } from './events';
import { exclusiveGateway } from './exclusive-gateway';
import { serviceTask } from './service-task';
import { userTask } from './user-task';

type BehaviorTable = { [K in NodeKind]: Behavior<Extract<GraphNode, { kind: K }>> };

export const behaviors = {
  startEvent,
  endEvent,
  serviceTask,
  userTask,
  exclusiveGateway,
} satisfies BehaviorTable;

export function behaviorOf(node: GraphNode): Behavior {
  return behaviors[node.kind] as Behavior;
}
