/**
 * Timers as Temporal timers (`sleep`), computed from the workflow's clock (`new Date()` is
 * deterministic in the workflow sandbox: the time of the current workflow task).
 */
import { sleep } from '@temporalio/workflow';
import type { TimerDefinition } from '../../compiler/graph';
import { addIsoDuration, parseIsoCycle, parseIsoDateTime, parseIsoDuration, type IsoCycle } from '../../compiler/elements/iso8601';
import type { ActiveElement } from '../definitions';
import { resolveValue, type Variables } from './feel';
import { IncidentError } from './incident';
import { reportWait, type Parking, type ParkSlot } from './parking';

/** The timer's text: a literal, or what its FEEL gives (a FEEL duration or date prints as ISO 8601). */
function timerText(timer: TimerDefinition, variables: Variables, elementId: string): string {
  const value = resolveValue(timer.value, variables, elementId);
  if (value === null || value === undefined || (typeof value !== 'string' && typeof value !== 'object')) {
    throw new IncidentError(elementId, `the timer's ${timer.type} expression gave ${JSON.stringify(value)}, not an ISO 8601 ${timer.type}`);
  }
  return String(value);
}

function invalid(elementId: string, timer: TimerDefinition, text: string): IncidentError {
  return new IncidentError(elementId, `"${text}" is not an ISO 8601 ${timer.type === 'cycle' ? 'cycle R<n>/<duration>' : timer.type}`);
}

/** When a duration or date timer fires, in milliseconds since the epoch. */
export function timerDueAt(timer: TimerDefinition, variables: Variables, elementId: string, now: number): number {
  const text = timerText(timer, variables, elementId);
  if (timer.type === 'date') {
    const at = parseIsoDateTime(text);
    if (at === undefined) throw invalid(elementId, timer, text);
    return at;
  }
  if (timer.type === 'cycle') return addIsoDuration(now, timerCycle(timer, variables, elementId).interval);
  const duration = parseIsoDuration(text);
  if (duration === undefined) throw invalid(elementId, timer, text);
  return addIsoDuration(now, duration);
}

export function timerCycle(timer: TimerDefinition, variables: Variables, elementId: string): IsoCycle {
  const text = timerText(timer, variables, elementId);
  const cycle = parseIsoCycle(text);
  if (!cycle) throw invalid(elementId, timer, text);
  return cycle;
}

/**
 * Sleeps until `dueAt` (a date in the past fires at once). `active`: the token whose state
 * shows the due time; `slot`: where the timer is reported as parked meanwhile. Once due in a
 * frozen instance, it holds there (parking.ts).
 */
export async function sleepUntil(dueAt: number, elementId: string, parking: Parking, { active, slot }: { active?: ActiveElement; slot?: ParkSlot } = {}): Promise<void> {
  const delay = dueAt - new Date().getTime();
  if (active) active.timerDueAt = new Date(dueAt).toISOString();
  const withdraw = reportWait(slot, () => ({ kind: 'timer', dueAt }));
  try {
    if (delay > 0) await sleep(delay, { summary: elementId });
    if (parking.isFrozen) await parking.hold();
  } finally {
    withdraw();
    if (active) delete active.timerDueAt;
  }
}
