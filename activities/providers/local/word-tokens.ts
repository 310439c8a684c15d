/** Words with their offsets, accent-folded and lower-cased, for lexicon and proximity matching. */
import { foldAccents, tokenize } from './text';

export interface WordToken {
  /** Lower-case, accent-free form ("reseaux"). */
  word: string;
  /** The stem `tokenize` gives, or null for a stop word. */
  stem: string | null;
  start: number;
  end: number;
  /** Index of the clause (split at . ! ? ; line breaks and "mais"; not at ":", which introduces a value). */
  clause: number;
}

export function wordTokens(text: string): WordToken[] {
  const tokens: WordToken[] = [];
  let clause = 0;
  let cursor = 0;
  for (const match of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    if (/[!?;\n]|\.(?!\S)/.test(text.slice(cursor, match.index))) clause += 1;
    const word = foldAccents(match[0].toLowerCase());
    if (word === 'mais') clause += 1;
    tokens.push({ word, stem: tokenize(word)[0] ?? null, start: match.index, end: match.index + match[0].length, clause });
    cursor = match.index + match[0].length;
  }
  return tokens;
}
