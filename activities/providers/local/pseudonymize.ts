/**
 * Pseudonymisation: personal data replaced by stable tokens ([NOM_1], [NIR_1]...) before a
 * text leaves the worker, and put back afterwards. The same value gets the same token within
 * one text, so a model still sees that two mentions are the same person. No encryption here:
 * the activity that stores the replacements encrypts them.
 */
import { detectPii } from './pii';
import type { PiiEntity, PiiType } from './pii-types';

export interface Replacement {
  token: string;
  type: PiiType;
  value: string;
}

export interface PseudonymizedText {
  text: string;
  replacements: Replacement[];
}

export const TOKEN_LABELS: Readonly<Record<PiiType, string>> = {
  nir: 'NIR',
  iban: 'IBAN',
  email: 'EMAIL',
  phone: 'TEL',
  address: 'ADRESSE',
  name: 'NOM',
};

const TOKEN = /\[(?:NIR|IBAN|EMAIL|TEL|ADRESSE|NOM)_\d+\]/g;

/** What pseudonymisation needs of an entity (a `PiiEntity` fits; confidence is not used). */
export type Span = Pick<PiiEntity, 'type' | 'start' | 'end' | 'value'> & { confidence?: number };

/**
 * Entities whose offsets do not match their value (given by another detector, or computed on
 * a slightly different text) are located by their value instead, at every occurrence: a
 * wrong offset must not leave personal data in clear.
 */
function anchored(text: string, entities: readonly Span[]): Span[] {
  return entities.flatMap((entity) => {
    if (text.slice(entity.start, entity.end) === entity.value) return [entity];
    if (!entity.value) return [];
    const spans: Span[] = [];
    for (let at = text.indexOf(entity.value); at >= 0; at = text.indexOf(entity.value, at + entity.value.length)) {
      spans.push({ type: entity.type, start: at, end: at + entity.value.length, value: entity.value });
    }
    return spans;
  });
}

/**
 * Replaces each entity (detected with `detectPii` unless given) by its token. Of overlapping
 * entities, the first (then the longest) is kept.
 */
export function pseudonymizeText(text: string, entities: readonly Span[] = detectPii(text)): PseudonymizedText {
  const replacements: Replacement[] = [];
  const tokenOf = new Map<string, string>();
  const counters = new Map<PiiType, number>();
  let output = '';
  let cursor = 0;
  for (const entity of anchored(text, entities).sort((a, b) => a.start - b.start || b.end - a.end)) {
    if (entity.start < cursor) continue;
    const value = text.slice(entity.start, entity.end);
    const key = `${entity.type}\u0000${value}`;
    let token = tokenOf.get(key);
    if (!token) {
      const n = (counters.get(entity.type) ?? 0) + 1;
      counters.set(entity.type, n);
      token = `[${TOKEN_LABELS[entity.type]}_${n}]`;
      tokenOf.set(key, token);
      replacements.push({ token, type: entity.type, value });
    }
    output += text.slice(cursor, entity.start) + token;
    cursor = entity.end;
  }
  return { text: output + text.slice(cursor), replacements };
}

/** The inverse: every known token back to its value (unknown tokens are left as they are). */
export function restoreText(text: string, replacements: readonly Replacement[]): string {
  const values = new Map(replacements.map((r) => [r.token, r.value]));
  return text.replace(TOKEN, (token) => values.get(token) ?? token);
}
