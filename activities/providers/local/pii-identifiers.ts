/** Checksummed identifiers: the French NIR and IBANs of any country. */
import { IBAN_LENGTHS, isValidIban, isValidNir } from './checksums';
import { entityAt, type PiiEntity } from './pii-types';

// Sex, year, month, department (2A/2B for Corsica), commune, order, key: spaces, dots or dashes
// allowed between the groups, and no digit or letter glued on either side.
const SEP = '[ \\u00a0.-]?';
const NIR_PATTERN = new RegExp(
  `(?<![\\p{L}\\d])[1-478]${SEP}\\d{2}${SEP}\\d{2}${SEP}(?:\\d{2}|2[AaBb])${SEP}\\d{3}${SEP}\\d{3}${SEP}\\d{2}(?![\\p{L}\\d])`,
  'gu',
);

/** Only NIRs whose key checks: a wrong key is a typo or another number, not reported. */
export function detectNirs(text: string): PiiEntity[] {
  return [...text.matchAll(NIR_PATTERN)].filter((m) => isValidNir(m[0])).map((m) => entityAt(text, 'nir', m.index, m.index + m[0].length, 1));
}

// Where an IBAN may start: a country code and two check digits, not inside a word.
const IBAN_START = /(?<![\p{L}\d])([A-Za-z]{2})(\d{2})/gu;
const ALNUM = /[A-Za-z0-9]/;

/**
 * Reads exactly the country's IBAN length from `start`, allowing single spaces between
 * characters (groups of 4, or the RIB grouping), then checks mod 97. Returns the end offset.
 */
function readIban(text: string, start: number, length: number): number | null {
  let count = 0;
  let i = start;
  while (i < text.length && count < length) {
    const char = text[i]!;
    if (ALNUM.test(char)) {
      count += 1;
      i += 1;
    } else if ((char === ' ' || char === '\u00a0') && count > 0 && ALNUM.test(text[i + 1] ?? '')) {
      i += 1;
    } else break;
  }
  if (count !== length || ALNUM.test(text[i] ?? '')) return null;
  return isValidIban(text.slice(start, i)) ? i : null;
}

export function detectIbans(text: string): PiiEntity[] {
  const found: PiiEntity[] = [];
  for (const match of text.matchAll(IBAN_START)) {
    const length = IBAN_LENGTHS[match[1]!.toUpperCase()];
    if (length === undefined || (found.at(-1)?.end ?? 0) > match.index) continue;
    const end = readIban(text, match.index, length);
    if (end !== null) found.push(entityAt(text, 'iban', match.index, end, 1));
  }
  return found;
}
