/** One behaviour per element kind; the `satisfies` makes a new kind without behaviour a type error. */
import type { GraphNode, NodeKind } from '../../../compiler/graph';
import type { Behavior } from '../context';
import { messageCatchEvent, receiveTask, signalCatchEvent, timerCatchEvent } from './catch-events';
import {
  boundaryEvent,
  endEvent,
  errorEndEvent,
  escalationThrowEvent,
  intermediateThrowEvent,
  linkCatchEvent,
  linkThrowEvent,
  signalThrowEvent,
  startEvent,
  terminateEndEvent,
} from './events';
import { exclusiveGateway } from './exclusive-gateway';
import { eventBasedGateway, inclusiveGateway, parallelGateway } from './gateways';
import { serviceTask } from './service-task';
import { callActivity, eventSubProcess, subProcess } from './subprocess';
import { passThroughTask, scriptTask } from './tasks';
import { userTask } from './user-task';

type BehaviorTable = { [K in NodeKind]: Behavior<Extract<GraphNode, { kind: K }>> };

export const behaviors = {
  startEvent,
  endEvent,
  terminateEndEvent,
  intermediateThrowEvent,
  errorEndEvent,
  escalationThrowEvent,
  signalThrowEvent,
  signalCatchEvent,
  linkCatchEvent,
  linkThrowEvent,
  timerCatchEvent,
  messageCatchEvent,
  boundaryEvent,
  serviceTask,
  userTask,
  receiveTask,
  scriptTask,
  passThroughTask,
  subProcess,
  eventSubProcess,
  callActivity,
  exclusiveGateway,
  inclusiveGateway,
  parallelGateway,
  eventBasedGateway,
} satisfies BehaviorTable;

export function behaviorOf(node: GraphNode): Behavior {
  return behaviors[node.kind] as Behavior;
}
