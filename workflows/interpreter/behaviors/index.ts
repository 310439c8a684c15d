/** One behaviour per element kind; the `satisfies` makes a new kind without behaviour a type error. */
import type { GraphNode, NodeKind } from '../../../compiler/graph';
import type { Behavior } from '../context';
import { messageCatchEvent, receiveTask, timerCatchEvent } from './catch-events';
import { boundaryEvent, endEvent, startEvent, terminateEndEvent } from './events';
import { exclusiveGateway } from './exclusive-gateway';
import { eventBasedGateway, parallelGateway } from './gateways';
import { serviceTask } from './service-task';
import { userTask } from './user-task';

type BehaviorTable = { [K in NodeKind]: Behavior<Extract<GraphNode, { kind: K }>> };

export const behaviors = {
  startEvent,
  endEvent,
  terminateEndEvent,
  timerCatchEvent,
  messageCatchEvent,
  boundaryEvent,
  serviceTask,
  userTask,
  receiveTask,
  exclusiveGateway,
  parallelGateway,
  eventBasedGateway,
} satisfies BehaviorTable;

export function behaviorOf(node: GraphNode): Behavior {
  return behaviors[node.kind] as Behavior;
}
