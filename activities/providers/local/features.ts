/**
 * Feature expansion for the naive Bayes classifier: the text is kept and each word found in a
 * thesaurus adds a concept token ("zzkvoirieq"), which `tokenize` keeps as it is (no accent,
 * no stop word, no suffix it strips). The classifier then learns from the concepts as well
 * as from the words, so a word unseen in training still counts through its concept.
 */
import { classifyText, type Classification } from './classifier';
import { MUNICIPAL_THESAURUS } from './municipal-thesaurus';
import type { LabelledExample } from '../provider';
import { foldAccents, tokenize } from './text';

export type Thesaurus = Readonly<Record<string, string>>;

const indexes = new WeakMap<Thesaurus, Map<string, string[]>>();

/** Word and stem → concepts, built once per thesaurus. */
function conceptIndex(thesaurus: Thesaurus): Map<string, string[]> {
  let index = indexes.get(thesaurus);
  if (!index) {
    index = new Map();
    for (const [concept, words] of Object.entries(thesaurus)) {
      for (const word of words.split(/\s+/)) {
        for (const key of new Set([word, ...tokenize(word)])) index.set(key, [...new Set([...(index.get(key) ?? []), concept])]);
      }
    }
    indexes.set(thesaurus, index);
  }
  return index;
}

export const conceptToken = (concept: string) => `zzk${concept.replace(/[^a-z0-9]/g, '')}q`;

/** The text followed by one concept token per thesaurus word it contains. */
export function expandFeatures(text: string, thesaurus: Thesaurus = MUNICIPAL_THESAURUS): string {
  const index = conceptIndex(thesaurus);
  const concepts: string[] = [];
  for (const word of foldAccents(text.toLowerCase()).split(/[^a-z0-9]+/)) {
    if (!word) continue;
    const found = index.get(word) ?? index.get(tokenize(word)[0] ?? '');
    if (found) concepts.push(...found.map(conceptToken));
  }
  return concepts.length ? `${text} ${concepts.join(' ')}` : text;
}

// The naive Bayes model is cached per example array: keep one expanded array per original
// (and per thesaurus).
const expanded = new WeakMap<Thesaurus, WeakMap<readonly LabelledExample[], LabelledExample[]>>();

/** `classifyText` on thesaurus-expanded texts (training examples and the text alike). */
export function classifyWithThesaurus(text: string, examples: readonly LabelledExample[], thesaurus: Thesaurus = MUNICIPAL_THESAURUS): Classification {
  if (!expanded.has(thesaurus)) expanded.set(thesaurus, new WeakMap());
  const cache = expanded.get(thesaurus)!;
  let training = cache.get(examples);
  if (!training) {
    training = examples.map((e) => ({ text: expandFeatures(e.text, thesaurus), label: e.label }));
    cache.set(examples, training);
  }
  return classifyText(expandFeatures(text, thesaurus), training);
}
