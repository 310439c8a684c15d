/** French month names: parsing ("12 mars 2026", "1er févr.") and formatting dates in letters. */
import { foldAccents } from './text';

export const MONTH_NAMES = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

// Full names and the usual abbreviations, accent-folded, to their month number.
const MONTH_BY_WORD = new Map<string, number>([
  ...MONTH_NAMES.map((name, i) => [foldAccents(name), i + 1] as const),
  ['janv', 1], ['fev', 2], ['fevr', 2], ['avr', 4], ['juil', 7], ['sept', 9], ['oct', 10], ['nov', 11], ['dec', 12],
]);

/** Regex source matching a month word (full or abbreviated, with or without accents). */
export const MONTH_PATTERN = 'janvier|janv\\.?|f[ée]vrier|f[ée]vr?\\.?|mars|avril|avr\\.?|mai|juin|juillet|juil\\.?|ao[ûu]t|septembre|sept\\.?|octobre|oct\\.?|novembre|nov\\.?|d[ée]cembre|d[ée]c\\.?';

export function monthNumber(word: string): number | undefined {
  return MONTH_BY_WORD.get(foldAccents(word.toLowerCase()).replace(/\.$/, ''));
}

export function daysInMonth(month: number, year?: number): number {
  if (month === 2) return year === undefined || (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** ISO date when the year is known (YYYY-MM-DD), else the ISO 8601 day-of-year form --MM-DD. */
export function isoDate(day: number, month: number, year?: number): string {
  return year === undefined ? `--${pad(month)}-${pad(day)}` : `${year}-${pad(month)}-${pad(day)}`;
}

/** "2026-03-12" → "12 mars 2026", "2026-04-01" → "1er avril 2026". */
export function formatFrenchDate(iso: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return null;
  const day = Number(match[3]);
  const month = MONTH_NAMES[Number(match[2]) - 1];
  return month ? `${day === 1 ? '1er' : day} ${month} ${Number(match[1])}` : null;
}
