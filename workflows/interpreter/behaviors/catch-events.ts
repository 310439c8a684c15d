import type { MessageCatchEventNode, ReceiveTaskNode, SignalCatchEventNode, TimerCatchEventNode, VariableMapping } from '../../../compiler/graph';
import type { ActiveElement } from '../../definitions';
import type { Behavior, EventOccurrence, ExecutionContext } from '../context';
import { waitForMessage } from '../messages';
import type { WaitParking } from '../parking';
import { waitForSignal } from '../signals';
import { sleepUntil, timerDueAt } from '../timers';
import { applyResult } from './service-task';

export type CatchNode = TimerCatchEventNode | MessageCatchEventNode | SignalCatchEventNode | ReceiveTaskNode;

/**
 * Waits for what a catch event or receive task waits for (also used by the event-based gateway).
 * `parking`: where the wait is reported while it lasts, and the wait a continued instance takes up.
 */
export async function awaitEvent(node: CatchNode, context: ExecutionContext, active?: ActiveElement, parking?: WaitParking): Promise<EventOccurrence> {
  if (node.kind === 'timerCatchEvent') {
    const resumed = parking?.resume?.kind === 'timer' ? parking.resume.dueAt : undefined;
    const due = resumed ?? timerDueAt(node.timer, context.scope.variables.visible(), node.id, new Date().getTime());
    await sleepUntil(due, node.id, context.parking, { ...(active ? { active } : {}), ...(parking ? { slot: parking.slot } : {}) });
    return { type: 'timer' };
  }
  if (node.kind === 'signalCatchEvent') return { type: 'signal', delivery: await waitForSignal(node.signal, node.id, context, active, parking) };
  return { type: 'message', delivery: await waitForMessage(node.message, node.id, context, active, parking) };
}

/** A message's or signal's variables become process variables: through output mappings when present (Camunda). */
export function applyOccurrence(node: { id: string; outputs: readonly VariableMapping[] }, occurred: EventOccurrence, context: ExecutionContext): void {
  if (occurred.type === 'message' || occurred.type === 'signal') applyResult(node, occurred.delivery.variables, context);
}

const catchEvent: Behavior<CatchNode> = async (node, context, token) => {
  const resume = token.resume?.wait;
  const occurred = token.occurred ?? (await awaitEvent(node, context, token.active, { slot: token.slot, ...(resume ? { resume } : {}) }));
  applyOccurrence(node, occurred, context);
  return node.outgoing;
};

export const timerCatchEvent: Behavior<TimerCatchEventNode> = catchEvent;
export const messageCatchEvent: Behavior<MessageCatchEventNode> = catchEvent;
export const signalCatchEvent: Behavior<SignalCatchEventNode> = catchEvent;
/** A receive task waits like a message catch event, and may carry boundary events. */
export const receiveTask: Behavior<ReceiveTaskNode> = catchEvent;
