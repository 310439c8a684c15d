/**
 * ISO 8601 timer values as Camunda 8 accepts them: durations (PT15M, P10D, P1Y2M), date-times
 * with an offset (2026-03-01T09:00:00+01:00, ...Z) and cycles `R<n>/<duration>` (`R/` repeats
 * forever). Pure functions: the compiler checks literals with them and the interpreter workflow
 * computes its timers with them (deterministically, from the workflow's clock).
 */

export interface IsoDuration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

export interface IsoCycle {
  /** Undefined: repeats for as long as the timer is active. */
  repetitions?: number;
  interval: IsoDuration;
}

const INT = '(\\d+)';
const DECIMAL = '(\\d+(?:[.,]\\d+)?)';
const DURATION = new RegExp(`^P(?:${INT}Y)?(?:${INT}M)?(?:${INT}W)?(?:${INT}D)?(?:T(?:${INT}H)?(?:${INT}M)?(?:${DECIMAL}S)?)?$`);
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})(?:\[[A-Za-z0-9_+\-/]+\])?$/;

export function parseIsoDuration(text: string): IsoDuration | undefined {
  const trimmed = text.trim();
  const match = DURATION.exec(trimmed);
  // "P" and "PT" alone match the pattern but say nothing.
  if (!match || trimmed === 'P' || trimmed.endsWith('T')) return undefined;
  const [years, months, weeks, days, hours, minutes] = match.slice(1, 7).map((part) => (part === undefined ? 0 : Number(part)));
  const seconds = match[7] === undefined ? 0 : Number(match[7].replace(',', '.'));
  return { years: years!, months: months!, weeks: weeks!, days: days!, hours: hours!, minutes: minutes!, seconds };
}

/** Milliseconds since the epoch, or undefined when `text` is not a date-time with an offset. */
export function parseIsoDateTime(text: string): number | undefined {
  const trimmed = text.trim();
  const match = DATE_TIME.exec(trimmed);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match;
  if (Number(month) < 1 || Number(month) > 12 || Number(day) < 1 || Number(day) > 31 || Number(hour) > 23 || Number(minute) > 59 || Number(second ?? 0) > 59) {
    return undefined;
  }
  const time = Date.parse(trimmed.replace(/\[.*\]$/, ''));
  if (Number.isNaN(time)) return undefined;
  // Date.parse rolls 2026-02-30 over to March: refuse days a month does not have.
  if (new Date(Date.UTC(Number(year), Number(month) - 1, Number(day))).getUTCDate() !== Number(day)) return undefined;
  return time;
}

export function parseIsoCycle(text: string): IsoCycle | undefined {
  const match = /^R(\d*)\/(P[^/]+)$/.exec(text.trim());
  if (!match) return undefined;
  const interval = parseIsoDuration(match[2]!);
  if (!interval || durationIsZero(interval)) return undefined;
  const repetitions = match[1] === '' ? undefined : Number(match[1]);
  if (repetitions === 0) return undefined;
  return repetitions === undefined ? { interval } : { repetitions, interval };
}

export function durationIsZero(duration: IsoDuration): boolean {
  return Object.values(duration).every((part) => part === 0);
}

/** `from` + `duration`, years and months on the UTC calendar (P1M from 31 January: 3 March). */
export function addIsoDuration(from: number, duration: IsoDuration): number {
  const date = new Date(from);
  if (duration.years !== 0 || duration.months !== 0) {
    date.setUTCFullYear(date.getUTCFullYear() + duration.years, date.getUTCMonth() + duration.months);
  }
  const fixed = (((duration.weeks * 7 + duration.days) * 24 + duration.hours) * 60 + duration.minutes) * 60 + duration.seconds;
  return date.getTime() + Math.round(fixed * 1000);
}
