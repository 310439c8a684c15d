/**
 * Waiting for an event trigger (timer, message, signal) on behalf of a boundary event or an
 * event subprocess's start event, once or each time it fires. Errors and escalations are not
 * waited for: they are thrown (see throws.ts).
 */
import { patched } from '@temporalio/workflow';
import type { EventTrigger } from '../../compiler/graph';
import type { ActiveElement, TimerProgress } from '../definitions';
import type { ParkedListener, WaitParking } from './parking';
import type { EventOccurrence, ExecutionContext } from './context';
import { IncidentError } from './incident';
import { listenForMessages, waitForMessage } from './messages';
import { listenForSignals, waitForSignal } from './signals';
import { sleepUntil, timerCycle, timerDueAt } from './timers';

const LISTENERS_KEEP_THEIR_SUBSCRIPTION = 'listeners-keep-their-subscription';

/** Shows a boundary timer on its host's state while it waits; returns how to withdraw it. */
function showTimer(host: ActiveElement, elementId: string, dueAt: number): () => void {
  const entry = { elementId, dueAt: new Date(dueAt).toISOString() };
  (host.boundaryTimers ??= []).push(entry);
  return () => {
    host.boundaryTimers?.splice(host.boundaryTimers.indexOf(entry), 1);
    if (host.boundaryTimers?.length === 0) delete host.boundaryTimers;
  };
}

export interface TriggerOptions {
  /** The activity a boundary timer is on, whose state shows it. */
  host?: ActiveElement;
  /** Where the wait reports itself for a continuation, and where the previous run left it. */
  parking?: WaitParking<ParkedListener>;
}

/**
 * Waits for one occurrence of the trigger; `dueAt` overrides the timer's own due time (cycles,
 * continued instances).
 */
export async function awaitTrigger(trigger: EventTrigger, elementId: string, context: ExecutionContext, options: TriggerOptions & { dueAt?: number } = {}): Promise<EventOccurrence> {
  const { host, parking } = options;
  switch (trigger.type) {
    case 'message':
      return { type: 'message', delivery: await waitForMessage(trigger.message, elementId, context, undefined, parking) };
    case 'signal':
      return { type: 'signal', delivery: await waitForSignal(trigger.signal, elementId, context, undefined, parking) };
    case 'timer': {
      const resumed = parking?.resume?.kind === 'timer' ? parking.resume.dueAt : undefined;
      const due = options.dueAt ?? resumed ?? timerDueAt(trigger.timer, context.scope.variables.visible(), elementId, new Date().getTime());
      const withdraw = host ? showTimer(host, elementId, due) : undefined;
      try {
        await sleepUntil(due, elementId, context.parking, parking ? { slot: parking.slot } : {});
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
 * date timer once. A timer reports its progress (next due time, how often it fired, whether it
 * is over) for the whole time, so a continued instance takes it up where it was.
 */
export async function listenRepeatedly(
  trigger: EventTrigger,
  elementId: string,
  context: ExecutionContext,
  fire: (occurred: EventOccurrence) => void,
  options: TriggerOptions = {},
): Promise<void> {
  const { host, parking } = options;
  if (trigger.type === 'timer') {
    const resumed = parking?.resume?.kind === 'timer' ? parking.resume : undefined;
    const progress: TimerProgress = { fired: resumed?.fired ?? 0, ...(resumed?.dueAt !== undefined ? { dueAt: resumed.dueAt } : {}), ...(resumed?.done ? { done: true } : {}) };
    if (parking) parking.slot.describe = () => ({ kind: 'timer', ...progress });
    if (progress.done) return;
    const variables = context.scope.variables.visible();
    progress.dueAt ??= timerDueAt(trigger.timer, variables, elementId, new Date().getTime());
    if (trigger.timer.type !== 'cycle') {
      fire(await awaitTrigger(trigger, elementId, context, { dueAt: progress.dueAt, ...(host ? { host } : {}) }));
      progress.done = true;
      return;
    }
    const cycle = timerCycle(trigger.timer, variables, elementId);
    for (; cycle.repetitions === undefined || progress.fired < cycle.repetitions; progress.fired++) {
      fire(await awaitTrigger(trigger, elementId, context, { dueAt: progress.dueAt, ...(host ? { host } : {}) }));
      progress.dueAt = timerDueAt(trigger.timer, variables, elementId, progress.dueAt);
    }
    progress.done = true;
    return;
  }
  // Since this patch a message or signal listener keeps one subscription for the whole time.
  if (patched(LISTENERS_KEEP_THEIR_SUBSCRIPTION)) {
    if (trigger.type === 'message') return listenForMessages(trigger.message, elementId, context, (delivery) => fire({ type: 'message', delivery }), parking);
    if (trigger.type === 'signal') return listenForSignals(trigger.signal, elementId, context, (delivery) => fire({ type: 'signal', delivery }), parking);
  }
  let resume = parking?.resume;
  for (;;) {
    const occurred = await awaitTrigger(trigger, elementId, context, parking ? { parking: { slot: parking.slot, ...(resume ? { resume } : {}) } } : {});
    resume = undefined;
    fire(occurred);
  }
}
