/**
 * Waiting for an event trigger (timer, message, signal) on behalf of a boundary event or an
 * event subprocess's start event, once or each time it fires. Errors and escalations are not
 * waited for: they are thrown (see throws.ts).
 */
import type { EventTrigger } from '../../compiler/graph';
import type { EventOccurrence, ExecutionContext } from './context';
import { IncidentError } from './incident';
import { waitForMessage } from './messages';
import { waitForSignal } from './signals';
import { sleepUntil, timerCycle, timerDueAt } from './timers';

/** Waits for one occurrence of the trigger; `dueAt` overrides the timer's own due time (cycles). */
export async function awaitTrigger(trigger: EventTrigger, elementId: string, context: ExecutionContext, dueAt?: number): Promise<EventOccurrence> {
  switch (trigger.type) {
    case 'message':
      return { type: 'message', delivery: await waitForMessage(trigger.message, elementId, context) };
    case 'signal':
      return { type: 'signal', delivery: await waitForSignal(trigger.signal, elementId, context) };
    case 'timer':
      await sleepUntil(dueAt ?? timerDueAt(trigger.timer, context.scope.variables.visible(), elementId, new Date().getTime()), elementId);
      return { type: 'timer' };
    default:
      throw new IncidentError(elementId, `a ${trigger.type} is thrown, not waited for`);
  }
}

/**
 * Calls `fire` for each occurrence while the caller's scope runs: messages and signals every
 * time one arrives, a timer cycle `R<n>/<duration>` n times (forever without n), a duration or
 * date timer once.
 */
export async function listenRepeatedly(trigger: EventTrigger, elementId: string, context: ExecutionContext, fire: (occurred: EventOccurrence) => void): Promise<void> {
  if (trigger.type === 'timer') {
    if (trigger.timer.type !== 'cycle') {
      fire(await awaitTrigger(trigger, elementId, context));
      return;
    }
    const variables = context.scope.variables.visible();
    const cycle = timerCycle(trigger.timer, variables, elementId);
    for (let fired = 0, dueAt = timerDueAt(trigger.timer, variables, elementId, new Date().getTime()); cycle.repetitions === undefined || fired < cycle.repetitions; fired++) {
      fire(await awaitTrigger(trigger, elementId, context, dueAt));
      dueAt = timerDueAt(trigger.timer, variables, elementId, dueAt);
    }
    return;
  }
  for (;;) fire(await awaitTrigger(trigger, elementId, context));
}
