/**
 * Field extraction: fills named, typed fields from a text, using the values `extractValues`
 * finds (and e-mails, phones, "label : value" lines) and keyword proximity.
 *
 * Heuristic. Each field gives keywords: the stems of its name (split at camelCase, _ and -) and
 * of its description, widened with a few French synonyms (montant ~ somme ~ total...). Every
 * candidate of the field's type is scored by its nearest keyword occurrence in the text:
 *   proximity = direction × clause / (1 + words between keyword and value / 4)
 * with direction 1 when the keyword comes first ("loyer : 650 €") and 0.8 after, clause 1 in
 * the same clause and 0.5 otherwise. A count whose unit is itself a keyword ("3 enfants" for
 * `nombreEnfants`) scores 1. The best candidate wins, with confidence 0.3 + 0.65 × proximity.
 * With no keyword in the text, a lone candidate is returned at 0.45 (a guess, and the caller sees
 * it); several candidates, or none, give null: never an invented or arbitrary value.
 */
import { extractValues, type ExtractedValue } from './extract-values';
import { detectEmails, detectPhones } from './pii-contacts';
import { splitSentences } from './sentences';
import { foldAccents, tokenize } from './text';
import { wordTokens, type WordToken } from './word-tokens';

export type FieldType = 'amount' | 'date' | 'number' | 'string' | 'email' | 'phone';

export interface FieldSpec {
  name: string;
  type: FieldType;
  description?: string;
}

export interface ExtractedField {
  value: string | number;
  confidence: number;
  /** The sentence (or line) the value was read from. */
  evidence: string;
}

const SYNONYMS = [
  'montant somme total prix cout tarif frais facture paiement',
  'revenu salaire ressource gagne',
  'loyer logement',
  'naissance ne nee',
  'enfant fils fille',
  'personne foyer menage famille',
  'telephone tel portable mobile joindre appeler numero',
  'email courriel mail electronique',
  'debut depuis commence partir',
  'fin jusqu termine',
  'depot depose envoye reception recu',
  'surface superficie m2',
].map((group) => new Set(group.split(' ').flatMap((word) => [word, ...tokenize(word)])));

function fieldKeywords(field: FieldSpec): Set<string> {
  const words = `${field.name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]/g, ' ')} ${field.description ?? ''}`;
  const keywords = new Set([...tokenize(words), ...foldAccents(words.toLowerCase()).split(/[^a-z0-9]+/).filter((w) => w.length >= 3)]);
  for (const group of SYNONYMS) if ([...group].some((word) => keywords.has(word))) for (const word of group) keywords.add(word);
  return keywords;
}

interface Candidate {
  value: string | number;
  start: number;
  end: number;
  /** A unit that names the field by itself ("enfant" for nombreEnfants). */
  unit?: string;
}

function candidates(text: string, type: FieldType, values: ExtractedValue[]): Candidate[] {
  switch (type) {
    case 'amount':
    case 'date':
      return values.filter((v) => v.kind === type).map((v) => ({ value: v.value, start: v.start, end: v.end }));
    case 'number':
      return values.flatMap((v) => (v.kind === 'number' ? [{ value: v.value, start: v.start, end: v.end, unit: v.unit }] : []));
    case 'email':
      return detectEmails(text).map((e) => ({ value: e.value, start: e.start, end: e.end }));
    case 'phone':
      return detectPhones(text).map((e) => ({ value: e.value, start: e.start, end: e.end }));
    case 'string':
      return [];
  }
}

function proximity(candidate: Candidate, tokens: WordToken[], keywords: Set<string>): number {
  if (candidate.unit && (keywords.has(candidate.unit) || tokenize(candidate.unit).some((s) => keywords.has(s)))) return 1;
  const inside = tokens.filter((t) => t.start >= candidate.start && t.end <= candidate.end);
  const clause = inside[0]?.clause ?? tokens.find((t) => t.start >= candidate.start)?.clause ?? -1;
  const first = tokens.findIndex((t) => t.end > candidate.start);
  const last = first + Math.max(inside.length, 1) - 1;
  let best = 0;
  tokens.forEach((token, i) => {
    if (i >= first && i <= last) return;
    if (!keywords.has(token.word) && !(token.stem && keywords.has(token.stem))) return;
    const before = i < first;
    const between = before ? first - i - 1 : i - last - 1;
    const score = ((before ? 1 : 0.8) * (token.clause === clause ? 1 : 0.5)) / (1 + between / 4);
    best = Math.max(best, score);
  });
  return best;
}

function evidenceAt(text: string, start: number): string {
  return splitSentences(text).find((s) => s.start <= start && start < s.end)?.text ?? text.slice(Math.max(0, start - 60), start + 60).trim();
}

/** "Nom du demandeur : Jean Dupont" lines whose label shares words with the field. */
function labelledLine(text: string, keywords: Set<string>): ExtractedField | null {
  let best: ExtractedField | null = null;
  for (const m of text.matchAll(/^[ \t•*-]*([^:\n]{1,50}?)[ \t]*:[ \t]*(\S[^\n]*?)[ \t]*$/gmu)) {
    const label = tokenize(m[1]!);
    const shared = label.filter((stem) => keywords.has(stem)).length;
    if (!label.length || !shared) continue;
    const confidence = Math.round((0.5 + (0.4 * shared) / label.length) * 100) / 100;
    if (!best || confidence > best.confidence) best = { value: m[2]!, confidence, evidence: m[0].trim() };
  }
  return best;
}

export function extractFields(text: string, fields: readonly FieldSpec[]): Record<string, ExtractedField | null> {
  const values = extractValues(text);
  const tokens = wordTokens(text);
  const result: Record<string, ExtractedField | null> = {};
  for (const field of fields) {
    const keywords = fieldKeywords(field);
    if (field.type === 'string') {
      result[field.name] = labelledLine(text, keywords);
      continue;
    }
    const found = candidates(text, field.type, values);
    if (!found.length) {
      result[field.name] = null;
      continue;
    }
    const scored = found.map((candidate) => ({ candidate, score: proximity(candidate, tokens, keywords) }));
    const best = scored.reduce((a, b) => (b.score > a.score ? b : a));
    if (best.score === 0 && found.length > 1) {
      result[field.name] = null; // several values and nothing telling which: no guess
      continue;
    }
    const confidence = best.score > 0 ? 0.3 + 0.65 * best.score : 0.45;
    result[field.name] = { value: best.candidate.value, confidence: Math.round(confidence * 100) / 100, evidence: evidenceAt(text, best.candidate.start) };
  }
  return result;
}
