/**
 * French sentence splitting with offsets. A full stop ends a sentence only when followed by a
 * space and a capital, digit or quote, and not after an abbreviation (M., Mme., art., n°...) or
 * an initial (J. Dupont). Decimals (3.5, 1,5) never split. A blank line always splits; a single
 * line break splits when the next line starts like a sentence (capital, digit, bullet).
 */

export interface Sentence {
  text: string;
  start: number;
  end: number;
}

const ABBREVIATIONS = new Set(
  ('m mm mme mmes mlle mlles dr drs me pr prof st ste art al cf ex env av bd bld boul fg pl rte imp chap fig vol p pp ' +
    'tel tél mr mrs janv fevr févr avr juil sept oct nov dec déc etc min max approx no n° réf ref coll dép dept ' +
    'vs sq ss hab ann suiv cie ets éts adj resp dir').split(/\s+/),
);

const TERMINATORS = /[.!?…]+["»”)’]*/gu;

function isBoundaryAfter(text: string, index: number, terminator: string): boolean {
  const rest = text.slice(index, index + 200);
  if (!/^\s/.test(rest) && rest.length > 0) return false;
  const next = /^\s*(.)/su.exec(rest)?.[1];
  if (next === undefined) return true;
  if (!/[\p{Lu}\d«"“(\-–•*]/u.test(next)) return false;
  if (terminator.startsWith('.') && terminator.length === 1) {
    const before = /([\p{L}°]+)$/u.exec(text.slice(Math.max(0, index - 40), index - 1))?.[1] ?? '';
    if (ABBREVIATIONS.has(before.toLowerCase())) return false;
    if (/^\p{Lu}$/u.test(before)) return false; // an initial
  }
  return true;
}

export function splitSentences(text: string): Sentence[] {
  const cuts = new Set<number>();
  for (const match of text.matchAll(TERMINATORS)) {
    const end = match.index + match[0].length;
    if (isBoundaryAfter(text, end, match[0])) cuts.add(end);
  }
  for (const match of text.matchAll(/\n[ \t]*\n\s*|\n(?=[ \t]*[\p{Lu}\d«"“\-–•*])/gu)) cuts.add(match.index);
  const sentences: Sentence[] = [];
  let start = 0;
  for (const cut of [...cuts, text.length].sort((a, b) => a - b)) {
    const raw = text.slice(start, cut);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed) sentences.push({ text: trimmed.replace(/\s+/g, ' '), start: start + lead, end: start + lead + trimmed.length });
    start = cut;
  }
  return sentences;
}
