/**
 * Values in French administrative text: amounts in euros, dates, and counts with an obvious
 * unit ("3 enfants", "foyer de 4 personnes", "depuis 2 mois"), each with offsets and a
 * normalised value.
 */
import { daysInMonth, isoDate, MONTH_PATTERN, monthNumber } from './french-calendar';

interface Span {
  start: number;
  end: number;
  /** The text as written. */
  text: string;
}

export interface AmountValue extends Span {
  kind: 'amount';
  value: number;
  currency: 'EUR';
}

export interface DateValue extends Span {
  kind: 'date';
  /** YYYY-MM-DD when complete; --MM-DD without a year; YYYY-MM without a day. */
  value: string;
  complete: boolean;
}

export interface NumberValue extends Span {
  kind: 'number';
  value: number;
  /** Singular, accent-free unit: enfant, personne, m2, an, mois... */
  unit: string;
}

export type ExtractedValue = AmountValue | DateValue | NumberValue;

// 1 200 / 1.200 / 1200, then an optional decimal part (,50 or .50).
const NUMBER = String.raw`(?:\d{1,3}(?:[  .]\d{3})+|\d+)(?:,\d{1,2}|\.\d{1,2})?(?!\d)`;
const AMOUNT = new RegExp(String.raw`(?<![\d,.])(${NUMBER})[  ]?(?:€|euros?(?![\p{L}])|EUR(?![\p{L}]))|(?:€|EUR)[  ]?(${NUMBER})`, 'gu');

/** "1 200,50" → 1200.5, "1.200" → 1200, "12.50" → 12.5. */
export function parseFrenchNumber(written: string): number {
  const compact = written.replace(/[  ]/g, '');
  if (compact.includes(',')) return Number(compact.replace(/\./g, '').replace(',', '.'));
  if (/^\d{1,3}(?:\.\d{3})+$/.test(compact)) return Number(compact.replace(/\./g, ''));
  return Number(compact);
}

function amounts(text: string): AmountValue[] {
  return [...text.matchAll(AMOUNT)].map((m) => ({
    kind: 'amount',
    start: m.index,
    end: m.index + m[0].length,
    text: m[0],
    value: parseFrenchNumber((m[1] ?? m[2])!),
    currency: 'EUR',
  }));
}

const NUMERIC_DATE = /(?<![\d/.-])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?![\d/.-]?\d)/g;
const ISO_DATE = /(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d])/g;
const WORD_DATE = new RegExp(String.raw`(?<![\p{L}\d])(1er|premier|\d{1,2})[  ](${MONTH_PATTERN})(?![\p{L}])(?:[  ](\d{4})(?!\d))?`, 'giu');
const MONTH_YEAR = new RegExp(String.raw`(?<![\p{L}])(${MONTH_PATTERN})[  ](\d{4})(?!\d)`, 'giu');

function date(m: RegExpMatchArray, day: number, month: number, year?: number): DateValue | null {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(month, year)) return null;
  return { kind: 'date', start: m.index!, end: m.index! + m[0].length, text: m[0], value: isoDate(day, month, year), complete: year !== undefined };
}

function dates(text: string): DateValue[] {
  const found: (DateValue | null)[] = [];
  for (const m of text.matchAll(NUMERIC_DATE)) {
    const year = m[3]!.length === 2 ? 2000 + Number(m[3]) - (Number(m[3]) > 69 ? 100 : 0) : Number(m[3]);
    found.push(date(m, Number(m[1]), Number(m[2]), year));
  }
  for (const m of text.matchAll(ISO_DATE)) found.push(date(m, Number(m[3]), Number(m[2]), Number(m[1])));
  for (const m of text.matchAll(WORD_DATE)) {
    const day = /^\d+$/.test(m[1]!) ? Number(m[1]) : 1;
    found.push(date(m, day, monthNumber(m[2]!)!, m[3] ? Number(m[3]) : undefined));
  }
  for (const m of text.matchAll(MONTH_YEAR)) {
    found.push({ kind: 'date', start: m.index, end: m.index + m[0].length, text: m[0], value: `${m[2]}-${String(monthNumber(m[1]!)).padStart(2, '0')}`, complete: false });
  }
  return found.filter((d): d is DateValue => d !== null);
}

const NUMBER_WORDS: Record<string, number> = {
  un: 1, une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, six: 6, sept: 7, huit: 8, neuf: 9, dix: 10, onze: 11, douze: 12, quinze: 15, vingt: 20,
};

// Unit words (and their plural) to a normalised singular unit.
const UNITS: [RegExp, string][] = [
  [/^enfants?$/, 'enfant'], [/^personnes?$/, 'personne'], [/^adultes?$/, 'adulte'], [/^(?:pieces?|pièces?)$/, 'piece'],
  [/^chambres?$/, 'chambre'], [/^(?:m²|m2|metres? carres?|mètres? carrés?)$/, 'm2'], [/^(?:metres?|mètres?|m)$/, 'm'],
  [/^km$/, 'km'], [/^kg$/, 'kg'], [/^ans?$/, 'an'], [/^mois$/, 'mois'], [/^jours?$/, 'jour'], [/^semaines?$/, 'semaine'],
  [/^heures?$/, 'heure'], [/^habitants?$/, 'habitant'], [/^logements?$/, 'logement'], [/^parts?$/, 'part'], [/^nuits?$/, 'nuit'],
  [/^(?:eleves?|élèves?)$/, 'eleve'], [/^places?$/, 'place'], [/^(?:etages?|étages?)$/, 'etage'], [/^lampadaires?$/, 'lampadaire'],
];
const COUNT = new RegExp(
  String.raw`(?<![\p{L}\d,.])(\d+(?:,\d+)?|${Object.keys(NUMBER_WORDS).join('|')})[  ](?:(?:jeunes|petits?|petites?|grands?|grandes?|autres|adultes et)[  ])?(m²|m2|mètres? carrés?|metres? carres?|[\p{L}]+)`,
  'giu',
);

const SINGLE_UNITS = new Set(['enfant', 'personne', 'adulte', 'an', 'mois', 'jour', 'semaine', 'heure', 'nuit', 'chambre', 'piece']);

function counts(text: string): NumberValue[] {
  const found: NumberValue[] = [];
  for (const m of text.matchAll(COUNT)) {
    const unit = UNITS.find(([pattern]) => pattern.test(m[2]!.toLowerCase()))?.[1];
    if (!unit) continue;
    const written = m[1]!.toLowerCase();
    if ((written === 'un' || written === 'une') && !SINGLE_UNITS.has(unit)) continue; // "un logement" is not a count
    const value = NUMBER_WORDS[written] ?? Number(written.replace(',', '.'));
    found.push({ kind: 'number', start: m.index, end: m.index + m[0].length, text: m[0], value, unit });
  }
  return found;
}

/** Amounts, dates and counts of `text`, sorted by position; amounts and dates win overlaps. */
export function extractValues(text: string): ExtractedValue[] {
  const kept: ExtractedValue[] = [];
  for (const value of [...amounts(text), ...dates(text), ...counts(text)]) {
    if (!kept.some((k) => value.start < k.end && k.start < value.end)) kept.push(value);
  }
  return kept.sort((a, b) => a.start - b.start);
}
