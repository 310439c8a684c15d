/** Durations as people read them on the instance page: « 3 min 05 s », « 2 h 10 min », « 1 j 4 h ». */
import { t } from '../i18n';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Two units at most: the largest that fits, and the next one (a step of days needs no seconds). */
export function formatDuration(ms: number): string {
  const { second, minute, hour, day } = t.monitor.units;
  if (ms < SECOND) return t.monitor.lessThanASecond;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (ms < MINUTE) return `${Math.floor(ms / SECOND)} ${second}`;
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)} ${minute} ${pad(Math.floor((ms % MINUTE) / SECOND))} ${second}`;
  if (ms < DAY) return `${Math.floor(ms / HOUR)} ${hour} ${pad(Math.floor((ms % HOUR) / MINUTE))} ${minute}`;
  return `${Math.floor(ms / DAY)} ${day} ${Math.floor((ms % DAY) / HOUR)} ${hour}`;
}

export function durationBetween(from: string, to: string | Date): number {
  return Math.max(0, new Date(to).getTime() - new Date(from).getTime());
}
