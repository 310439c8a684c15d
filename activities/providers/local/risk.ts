/**
 * Risk assessment of a citizen's message from French lexicons: urgency (danger to people,
 * then hazards and pressing situations), legal risk (litigation words) and media risk (press,
 * social networks). Negation-aware: a lexicon hit preceded in the same clause by a negation
 * ("pas de danger", "aucun blessé", "il n'y a plus de fuite de gaz") does not count, and a
 * danger word after "risque de" is a hazard (medium), not an emergency.
 */
import { HIGH_URGENCY, LEGAL, MEDIA, MEDIUM_URGENCY, NEGATIONS } from './risk-lexicons';
import { wordTokens, type WordToken } from './word-tokens';

export interface RiskAssessment {
  urgency: 'low' | 'medium' | 'high';
  legalRisk: boolean;
  mediaRisk: boolean;
  /** What was found, e.g. "urgence-haute: incendie", "juridique: avocat", "nié: pas de danger". */
  signals: string[];
  confidence: number;
}

type Lexicon = 'urgence-haute' | 'urgence-moyenne' | 'juridique' | 'mediatique';

interface Hit {
  lexicon: Lexicon;
  start: number;
  end: number;
  /** Token index of the phrase's first word. */
  index: number;
}

const compile = (phrases: readonly string[]) => phrases.map((phrase) => phrase.split(' '));
const LEXICONS: [Lexicon, string[][]][] = [
  ['urgence-haute', compile(HIGH_URGENCY)],
  ['urgence-moyenne', compile(MEDIUM_URGENCY)],
  ['juridique', compile(LEGAL)],
  ['mediatique', compile(MEDIA)],
];
const NEGATION_WORDS = new Set(NEGATIONS);
const HYPOTHETICAL = new Set(['risque', 'risquer', 'risquent', 'risquerait', 'eviter', 'peur', 'craindre', 'crains']);

const matchesWord = (pattern: string, word: string) => (pattern.endsWith('*') ? word.startsWith(pattern.slice(0, -1)) : word === pattern);

function findHits(tokens: WordToken[]): Hit[] {
  const hits: Hit[] = [];
  tokens.forEach((_token, i) => {
    for (const [lexicon, phrases] of LEXICONS) {
      const phrase = phrases.find((words) => words.every((pattern, k) => tokens[i + k] && matchesWord(pattern, tokens[i + k]!.word)));
      if (!phrase) continue;
      const last = tokens[i + phrase.length - 1]!;
      // A phrase overlapping one already found adds nothing ("danger de mort", then "danger").
      if (hits.some((h) => h.lexicon === lexicon && h.start < last.end && tokens[i]!.start < h.end)) continue;
      hits.push({ lexicon, start: tokens[i]!.start, end: last.end, index: i });
    }
  });
  return hits;
}

/** A negation among the 4 words before the hit, in the same clause ("ne ... plus" counts too). */
function isNegated(tokens: WordToken[], hit: Hit): boolean {
  if (NEGATION_WORDS.has(tokens[hit.index]!.word)) return false; // the phrase itself is negative ("sans eau")
  const before = (n: number) =>
    tokens.slice(Math.max(0, hit.index - n), hit.index).filter((t) => t.clause === tokens[hit.index]!.clause).map((t) => t.word);
  const near = before(4);
  return near.some((w) => NEGATION_WORDS.has(w)) || (near.includes('plus') && before(7).some((w) => w === 'ne' || w === 'n'));
}

function isHypothetical(tokens: WordToken[], hit: Hit): boolean {
  return tokens.slice(Math.max(0, hit.index - 3), hit.index).some((t) => t.clause === tokens[hit.index]!.clause && HYPOTHETICAL.has(t.word));
}

export function assessRisk(text: string): RiskAssessment {
  const tokens = wordTokens(text);
  const signals: string[] = [];
  const found = new Set<Lexicon>();
  let negated = 0;
  for (const hit of findHits(tokens)) {
    const words = text.slice(hit.start, hit.end);
    if (isNegated(tokens, hit)) {
      negated += 1;
      signals.push(`nié: ${text.slice(tokens[Math.max(0, hit.index - 2)]!.start, hit.end)}`);
      continue;
    }
    const lexicon = hit.lexicon === 'urgence-haute' && isHypothetical(tokens, hit) ? 'urgence-moyenne' : hit.lexicon;
    found.add(lexicon);
    signals.push(`${lexicon}: ${words}`);
  }
  // Shouting is pressure too: several exclamation marks or URGENT in capitals.
  if (/!{2,}|(?<![\p{L}])URGENT(?![\p{L}])/u.test(text)) {
    found.add('urgence-moyenne');
    signals.push('urgence-moyenne: ton pressant');
  }
  const urgency = found.has('urgence-haute') ? 'high' : found.has('urgence-moyenne') ? 'medium' : 'low';
  // Confidence grows with the evidence found; negations make the reading less certain.
  const positive = new Set(signals.filter((s) => !s.startsWith('nié')));
  const confidence = Math.max(0.5, Math.min(0.95, 0.6 + 0.1 * positive.size - 0.05 * negated));
  return {
    urgency,
    legalRisk: found.has('juridique'),
    mediaRisk: found.has('mediatique'),
    signals: [...new Set(signals)],
    confidence: Math.round(confidence * 100) / 100,
  };
}
