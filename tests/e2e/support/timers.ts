/**
 * Timers of days cannot elapse in a test: what the tests check instead is that the instance
 * scheduled them, with the right delay, in Temporal's own history (TimerStarted events).
 */
import type { Client } from '@temporalio/client';

const DAY_MS = 86_400_000;

/** The durations (ms) of every timer the instance started, in order. */
export async function startedTimers(client: Client, instanceId: string): Promise<number[]> {
  const history = await client.workflow.getHandle(instanceId).fetchHistory();
  return (history.events ?? []).flatMap((event) => {
    const timeout = event.timerStartedEventAttributes?.startToFireTimeout;
    if (!timeout) return [];
    return [Number(timeout.seconds ?? 0) * 1000 + Math.round((timeout.nanos ?? 0) / 1e6)];
  });
}

/** Whether `iso` is `days` days after a moment between `since` and now (when the element was reached). */
export function isDueAfterDays(iso: string | null | undefined, days: number, since: number): boolean {
  if (!iso) return false;
  const reachedAt = new Date(iso).getTime() - days * DAY_MS;
  return reachedAt >= since - 5_000 && reachedAt <= Date.now() + 5_000;
}

/** Whether one of `durations` is `days` days long, to the second (Temporal may round). */
export function hasTimerOf(durations: number[], days: number): boolean {
  return durations.some((ms) => Math.abs(ms - days * DAY_MS) < 60_000);
}
