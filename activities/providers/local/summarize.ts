/**
 * Extractive summary: the most central sentences of a text, in their original order.
 * Each sentence is a TF-IDF vector (the sentences are the documents); a sentence's centrality is
 * its mean cosine similarity to the others (degree centrality, as in LexRank), blended with its
 * position (the first sentences of an administrative text state its object) and a penalty for
 * greetings and very short sentences.
 */
import { splitSentences } from './sentences';
import { tokenize } from './text';

export interface Summary {
  summary: string;
  sentences: string[];
  /** Share of the text's TF-IDF weight carried by the summary's terms (1 if nothing was cut). */
  confidence: number;
}

const FORMULA = /^(?:bonjour|bonsoir|madame|monsieur|mesdames|messieurs|cordialement|bien (?:à vous|cordialement)|merci|veuillez agréer|je vous prie d['’]agréer|salutations|dans l['’]attente)/i;

type Vector = Map<string, number>;

function tfidfVectors(documents: string[][]): { vectors: Vector[]; idf: Map<string, number> } {
  const df = new Map<string, number>();
  for (const terms of documents) for (const term of new Set(terms)) df.set(term, (df.get(term) ?? 0) + 1);
  const idf = new Map([...df].map(([term, n]) => [term, Math.log(1 + documents.length / n)]));
  const vectors = documents.map((terms) => {
    const vector: Vector = new Map();
    for (const term of terms) vector.set(term, (vector.get(term) ?? 0) + 1);
    for (const [term, count] of vector) vector.set(term, (1 + Math.log(count)) * idf.get(term)!);
    return vector;
  });
  return { vectors, idf };
}

function normalised(vector: Vector): Vector {
  const norm = Math.sqrt([...vector.values()].reduce((sum, w) => sum + w * w, 0));
  return norm ? new Map([...vector].map(([term, w]) => [term, w / norm])) : new Map();
}

/**
 * Mean cosine similarity of each sentence to the others. With unit vectors, the sum of the
 * similarities to all others is the dot product with the sum of all vectors minus itself:
 * linear in the number of sentences rather than quadratic.
 */
function degreeCentrality(vectors: Vector[]): number[] {
  const units = vectors.map(normalised);
  const total: Vector = new Map();
  for (const unit of units) for (const [term, w] of unit) total.set(term, (total.get(term) ?? 0) + w);
  return units.map((unit) => {
    let dot = 0;
    for (const [term, w] of unit) dot += w * (total.get(term) ?? 0);
    return (dot - (unit.size ? 1 : 0)) / Math.max(1, vectors.length - 1);
  });
}

export function summarizeText(text: string, sentences = 3): Summary {
  const all = splitSentences(text);
  if (all.length <= sentences) return { summary: all.map((s) => s.text).join(' '), sentences: all.map((s) => s.text), confidence: 1 };

  const terms = all.map((s) => tokenize(s.text));
  const { vectors, idf } = tfidfVectors(terms);
  const centrality = degreeCentrality(vectors);
  const maxCentrality = Math.max(...centrality) || 1;
  const scores = all.map((sentence, i) => {
    const position = 1 - i / all.length;
    const length = Math.min(1, terms[i]!.length / 6);
    const formula = FORMULA.test(sentence.text) && terms[i]!.length < 8 ? 0.2 : 1;
    return (0.65 * (centrality[i]! / maxCentrality) + 0.25 * position + 0.1) * length * formula;
  });

  const chosen = scores
    .map((score, i) => ({ score, i }))
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .slice(0, sentences)
    .map(({ i }) => i)
    .sort((a, b) => a - b);
  const picked = chosen.map((i) => all[i]!.text);

  // Confidence: how much of the text's vocabulary weight the summary keeps.
  const weight = (set: Set<string>) => [...set].reduce((sum, term) => sum + (idf.get(term) ?? 0), 0);
  const total = weight(new Set(terms.flat()));
  const kept = weight(new Set(chosen.flatMap((i) => terms[i]!)));
  return { summary: picked.join(' '), sentences: picked, confidence: total ? Math.round((kept / total) * 100) / 100 : 0 };
}
