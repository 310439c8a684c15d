/**
 * French postal addresses: a street number (optionally bis/ter), a street type, the street
 * name (particles and capitalised words), then optionally a 5-digit postcode and a city.
 */
import { entityAt, type PiiEntity } from './pii-types';

const STREET_TYPES = [
  'rue', 'ruelle', 'avenue', 'av\\.', 'boulevard', 'bd', 'bld', 'allée', 'allee', 'chemin', 'impasse', 'place', 'quai',
  'route', 'cours', 'square', 'passage', 'sentier', 'sente', 'voie', 'rond-point', 'esplanade', 'promenade', 'parvis',
  'hameau', 'lieu-dit', 'faubourg', 'montée', 'traverse', 'villa', 'cité', 'résidence', 'lotissement', 'chaussée',
  'venelle', 'mail', 'clos', 'carrefour', 'galerie', 'domaine',
];

// Number, suffix, street type; the name is read word by word afterwards.
const STREET_START = new RegExp(
  `(?<![\\p{L}\\d])\\d{1,4}(?:[ \\u00a0]?(?:bis|ter|quater|[A-D])(?![\\p{L}]))?,?[ \\u00a0]+(?:${STREET_TYPES.join('|')})(?![\\p{L}-])`,
  'giu',
);

// Lower-case words that belong inside street and city names ("rue de la Paix", "quai des Grands Augustins").
const PARTICLES = new Set(['de', 'du', 'des', 'la', 'le', 'les', 'aux', 'au', 'sur', 'sous', 'en', 'et', 'à']);
const MONTHS = new Set(['Janvier', 'Février', 'Mars', 'Avril', 'Mai', 'Juin', 'Juillet', 'Août', 'Septembre', 'Octobre', 'Novembre', 'Décembre']);
const TOKEN = /[ \u00a0]+([\p{L}\p{N}'’-]+)/uy;

type NameToken = { kind: 'capital' | 'particle' | 'number'; text: string; end: number };

function classify(word: string): NameToken['kind'] | null {
  if (/^(?:[dl]['’])?\p{Lu}/u.test(word)) return 'capital';
  if (PARTICLES.has(word)) return 'particle';
  if (/^[dl]['’]$/.test(word)) return 'particle';
  if (/^\d{1,4}(?:er|e)?$/.test(word)) return 'number';
  return null;
}

/**
 * Reads a proper name after `start` (which must be followed by a space): capitalised words,
 * with particles between them and numbers before a capitalised word ("rue du 8 Mai 1945").
 * Stops at punctuation, a lower-case word or a postcode. Returns the end offset of the name's
 * last capitalised word (or of a year after a month), or null when there is none.
 */
export function readProperName(text: string, start: number, maxWords = 7): number | null {
  const tokens: NameToken[] = [];
  TOKEN.lastIndex = start;
  for (let match = TOKEN.exec(text); match && tokens.length < maxWords; match = TOKEN.exec(text)) {
    const kind = classify(match[1]!);
    if (!kind) break;
    tokens.push({ kind, text: match[1]!, end: TOKEN.lastIndex });
    if (/^[ \u00a0]/.test(text[TOKEN.lastIndex] ?? '') === false) break; // punctuation or end of line
  }
  let end: number | null = null;
  tokens.forEach((token, i) => {
    const previous = tokens[i - 1];
    if (token.kind === 'capital') end = token.end;
    else if (token.kind === 'number' && /^\d{4}$/.test(token.text) && previous && MONTHS.has(previous.text) && end === previous.end) end = token.end;
  });
  return end;
}

/** After a street: ", 75011 Paris", " 13001 MARSEILLE", "69100 Villeurbanne Cedex". */
const POSTCODE_CITY = /^,?[ \u00a0]*(?:\n[ \u00a0]*)?\d{5}(?=[ \u00a0])/u;

// Rural addresses often have no street number: "lieu-dit Les Combes", "hameau de Fontaine".
const LOCALITY = /(?<![\p{L}])(?:lieu-dit|lieudit|hameau)(?![\p{L}-])/giu;

export function detectAddresses(text: string): PiiEntity[] {
  const found: PiiEntity[] = [];
  for (const match of text.matchAll(STREET_START)) {
    if ((found.at(-1)?.end ?? 0) > match.index) continue;
    const nameEnd = readProperName(text, match.index + match[0].length);
    if (nameEnd === null) continue;
    let end = nameEnd;
    let confidence = 0.8;
    const postcode = POSTCODE_CITY.exec(text.slice(end, end + 40));
    if (postcode) {
      const cityEnd = readProperName(text, end + postcode[0].length, 5);
      if (cityEnd !== null) {
        end = cityEnd;
        const after = text.slice(end, end + 30);
        const cedex = /cedex$/i.test(text.slice(Math.max(0, end - 5), end))
          ? /^[ \u00a0]+\d{1,2}(?![\p{L}\d])/u.exec(after)
          : /^[ \u00a0]+cedex(?:[ \u00a0]+\d{1,2})?(?![\p{L}\d])/iu.exec(after);
        if (cedex) end += cedex[0].length;
        confidence = 0.9;
      }
    }
    found.push(entityAt(text, 'address', match.index, end, confidence));
  }
  for (const match of text.matchAll(LOCALITY)) {
    const end = readProperName(text, match.index + match[0].length, 4);
    if (end !== null) found.push(entityAt(text, 'address', match.index, end, 0.7));
  }
  return found.sort((a, b) => a.start - b.start);
}
