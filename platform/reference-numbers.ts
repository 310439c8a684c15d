/**
 * Reference numbers such as AFE-2026-000123: a process whose property `referencePattern` is set
 * (e.g. `AFE-{year}-{seq:6}`) gives each instance started without a business key the next
 * number of its pattern and year: processes that share a pattern share its numbers, so two
 * cases never get the same reference (messages correlate on it). `{year}` is the year in France (Europe/Paris), `{seq}` the
 * sequence (`{seq:6}` pads it to 6 digits); it starts at 1 each year.
 *
 * The API reserves it when it starts an instance; the interpreter, through the
 * `reserveReference` activity, for instances started without the API (a timer start event's
 * schedule). The property and variable names are in workflows/definitions.ts.
 */
import { insertOnce, ReferenceNumberModel } from './storage';

const TOKEN = /\{(year|seq)(?::(\d{1,2}))?\}/g;
/** Concurrent starts each take the next free number; this bounds a pathological race. */
const MAX_ATTEMPTS = 1000;

const parisYear = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Paris', year: 'numeric' });

export function formatReference(pattern: string, year: number, seq: number): string {
  return pattern.replace(TOKEN, (_token, name: string, width?: string) =>
    name === 'year' ? String(year) : String(seq).padStart(width ? Number(width) : 0, '0'),
  );
}

/** Reserves and returns the next reference of `pattern` for the current year, for an instance of `processKey`. */
export async function nextReference(processKey: string, pattern: string, now = new Date()): Promise<string> {
  const year = Number(parisYear.format(now));
  const last = await ReferenceNumberModel.findOne({ series: pattern, year }, { seq: 1 }).sort({ seq: -1 }).lean();
  let seq = (last?.seq ?? 0) + 1;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1, seq += 1) {
    const reference = formatReference(pattern, year, seq);
    // The unique _id is the arbiter: a number another start took is refused, so try the next.
    if (await insertOnce(ReferenceNumberModel, { _id: `${pattern}/${year}/${seq}`, series: pattern, processKey, year, seq, reference, at: now })) return reference;
  }
  throw new Error(`No reference number of ${processKey} could be reserved after ${MAX_ATTEMPTS} attempts / Aucun numéro de référence réservé pour ${processKey} après ${MAX_ATTEMPTS} essais.`);
}
