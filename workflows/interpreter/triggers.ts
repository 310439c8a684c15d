/**
 * Waiting for an event trigger (timer, message, signal) on behalf of a boundary event or an
 * event subprocess's start event, once or each time it fires. Errors and escalations are not
 * waited for: they are thrown (see throws.ts).
 */
import type { EventTrigger } from '../../compiler/graph';
import type { ActiveElement } from '../definitions';
import type { EventOccurrence, ExecutionContext } from './context';
import { IncidentError } from './incident';
import { waitForMessage } from './messages';
import { waitForSignal } from './signals';
import { sleepUntil, timerCycle, timerDueAt } from './timers';

/** Shows a boundary timer on its host's state while it waits; returns how to withdraw it. */
function showTimer(host: ActiveElement, elementId: string, dueAt: number): () => void {
  const entry = { elementId, dueAt: new Date(dueAt).toISOString() };
  (host.boundaryTimers ??= []).push(entry);
  return () => {
    host.boundaryTimers?.splice(host.boundaryTimers.indexOf(entry), 1);
    if (host.boundaryTimers?.length === 0) delete host.boundaryTimers;
  };
}

/**
 * Waits for one occurrence of the trigger; `dueAt` overrides the timer's own due time (cycles);
 * `host`: the activity a boundary timer is on, whose state shows it.
 */
export async function awaitTrigger(trigger: EventTrigger, elementId: string, context: ExecutionContext, dueAt?: number, host?: ActiveElement): Promise<EventOccurrence> {
  switch (trigger.type) {
    case 'message':
      return { type: 'message', delivery: await waitForMessage(trigger.message, elementId, context) };
    case 'signal':
      return { type: 'signal', delivery: await waitForSignal(trigger.signal, elementId, context) };
    case 'timer': {
      const due = dueAt ?? timerDueAt(trigger.timer, context.scope.variables.visible(), elementId, new Date().getTime());
      const withdraw = host ? showTimer(host, elementId, due) : undefined;
      try {
        await sleepUntil(due, elementId);
      } finally {
        withdraw?.();
      }
      return { type: 'timer' };
    }
    default:
      throw new IncidentError(elementId, `a ${trigger.type} is thrown, not waited for`);
  }
}

/**
 * Calls `fire` for each occurrence while the caller's scope runs: messages and signals every
 * time one arrives, a timer cycle `R<n>/<duration>` n times (forever without n), a duration or
 * date timer once.
 */
export async function listenRepeatedly(trigger: EventTrigger, elementId: string, context: ExecutionContext, fire: (occurred: EventOccurrence) => void, host?: ActiveElement): Promise<void> {
  if (trigger.type === 'timer') {
    if (trigger.timer.type !== 'cycle') {
      fire(await awaitTrigger(trigger, elementId, context, undefined, host));
      return;
    }
    const variables = context.scope.variables.visible();
    const cycle = timerCycle(trigger.timer, variables, elementId);
    for (let fired = 0, dueAt = timerDueAt(trigger.timer, variables, elementId, new Date().getTime()); cycle.repetitions === undefined || fired < cycle.repetitions; fired++) {
      fire(await awaitTrigger(trigger, elementId, context, dueAt, host));
      dueAt = timerDueAt(trigger.timer, variables, elementId, dueAt);
    }
    return;
  }
  for (;;) fire(await awaitTrigger(trigger, elementId, context));
}
