/** Contact details: e-mail addresses and French telephone numbers. */
import { entityAt, type PiiEntity } from './pii-types';

const EMAIL = /(?<![\w.+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]*[A-Za-z0-9_%+-])?@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![\w-])/g;

export function detectEmails(text: string): PiiEntity[] {
  return [...text.matchAll(EMAIL)].map((m) => entityAt(text, 'email', m.index, m.index + m[0].length, 0.95));
}

/*
 * French numbers: a trunk 0 or the +33 / 0033 prefix (optionally "(0)"), then 9 digits
 * grouped by two after the first, separated by spaces, dots or dashes (or not at all).
 * Free numbers are also written 0 800 123 456. Neither may touch another digit group, which
 * rules out pieces of NIRs, SIRETs, amounts and reference numbers.
 */
const SEP = '[ \\u00a0.-]?';
const PREFIX = `(?:(?:\\+|00)33${SEP}(?:\\(0\\)${SEP})?|0)`;
const PHONE = new RegExp(
  `(?<![\\d+]|\\d[ \\u00a0.-])(?:${PREFIX}[1-9](?:${SEP}\\d{2}){4}|0${SEP}8\\d{2}${SEP}\\d{3}${SEP}\\d{3})(?![ \\u00a0.-]?\\d)`,
  'g',
);

// An unseparated 10-digit run after these words is a reference, not a number to call.
const REFERENCE_CONTEXT = /(?:dossier|r[ée]f(?:[ée]rence)?\.?|n°|num[ée]ro (?:fiscal|de (?:dossier|facture|contrat|client|allocataire))|facture|contrat|siret|siren|allocataire|commande)\s*:?\s*$/i;

export function detectPhones(text: string): PiiEntity[] {
  const found: PiiEntity[] = [];
  for (const match of text.matchAll(PHONE)) {
    const compact = !/[^\d+]/.test(match[0]);
    if (compact && REFERENCE_CONTEXT.test(text.slice(Math.max(0, match.index - 40), match.index))) continue;
    found.push(entityAt(text, 'phone', match.index, match.index + match[0].length, compact ? 0.85 : 0.95));
  }
  return found;
}
