/**
 * Waiting for an event trigger (timer, message, signal) on behalf of a boundary event or an
 * event subprocess's start event, once or each time it fires. Errors and escalations are not
 * waited for: they are thrown (see throws.ts).
 */
import type { EventTrigger } from '../../compiler/graph';
import type { ActiveElement, TimerProgress } from '../definitions';
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
 * date timer once. `progress`, when given, is where a timer starts from (a continued instance)
 * and where it records how far it went.
 */
export async function listenRepeatedly(
  trigger: EventTrigger,
  elementId: string,
  context: ExecutionContext,
  fire: (occurred: EventOccurrence) => void,
  host?: ActiveElement,
  progress: TimerProgress = { fired: 0 },
): Promise<void> {
  if (trigger.type === 'timer') {
    if (progress.done) return;
    const variables = context.scope.variables.visible();
    progress.dueAt ??= timerDueAt(trigger.timer, variables, elementId, new Date().getTime());
    if (trigger.timer.type !== 'cycle') {
      fire(await awaitTrigger(trigger, elementId, context, progress.dueAt, host));
      progress.done = true;
      return;
    }
    const cycle = timerCycle(trigger.timer, variables, elementId);
    for (; cycle.repetitions === undefined || progress.fired < cycle.repetitions; progress.fired++) {
      fire(await awaitTrigger(trigger, elementId, context, progress.dueAt, host));
      progress.dueAt = timerDueAt(trigger.timer, variables, elementId, progress.dueAt);
    }
    progress.done = true;
    return;
  }
  for (;;) fire(await awaitTrigger(trigger, elementId, context));
}
