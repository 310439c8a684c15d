/**
 * Multinomial naive Bayes over TF-IDF weighted, length-normalised term counts (Rennie et al.,
 * "Tackling the poor assumptions of naive Bayes text classifiers", 2003: steps 1-3). Small,
 * deterministic, trained in milliseconds from a few dozen labelled examples.
 */
import type { LabelledExample } from '../provider';
import { tokenize } from './text';

export interface NaiveBayesModel {
  labels: string[];
  logPriors: Map<string, number>;
  /** log P(term | label) for terms seen in training. */
  logLikelihoods: Map<string, Map<string, number>>;
  /** log P(unseen term | label): the smoothing floor. */
  logUnseen: Map<string, number>;
}

const SMOOTHING = 0.1;

function termCounts(tokens: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
  return counts;
}

export function train(examples: readonly LabelledExample[]): NaiveBayesModel {
  const documents = examples.map((e) => ({ label: e.label, counts: termCounts(tokenize(e.text)) }));
  const documentFrequency = new Map<string, number>();
  for (const { counts } of documents) for (const term of counts.keys()) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  const vocabularySize = documentFrequency.size;

  const labels = [...new Set(examples.map((e) => e.label))].sort();
  const weightByLabel = new Map(labels.map((label) => [label, new Map<string, number>()]));
  const totalByLabel = new Map(labels.map((label) => [label, 0]));
  for (const { label, counts } of documents) {
    // TF transform (log), IDF weighting, then L2 normalisation so long texts do not dominate.
    const weights = [...counts].map(([term, count]) => {
      const idf = Math.log(documents.length / (documentFrequency.get(term) ?? 1));
      return [term, Math.log1p(count) * (idf + 1)] as const;
    });
    const norm = Math.sqrt(weights.reduce((sum, [, w]) => sum + w * w, 0)) || 1;
    const labelWeights = weightByLabel.get(label)!;
    for (const [term, weight] of weights) {
      labelWeights.set(term, (labelWeights.get(term) ?? 0) + weight / norm);
      totalByLabel.set(label, totalByLabel.get(label)! + weight / norm);
    }
  }

  const logPriors = new Map(labels.map((label) => [label, Math.log(documents.filter((d) => d.label === label).length / documents.length)]));
  const logLikelihoods = new Map<string, Map<string, number>>();
  const logUnseen = new Map<string, number>();
  for (const label of labels) {
    const denominator = totalByLabel.get(label)! + SMOOTHING * vocabularySize;
    logUnseen.set(label, Math.log(SMOOTHING / denominator));
    for (const [term, weight] of weightByLabel.get(label)!) {
      if (!logLikelihoods.has(term)) logLikelihoods.set(term, new Map());
      logLikelihoods.get(term)!.set(label, Math.log((weight + SMOOTHING) / denominator));
    }
  }
  return { labels, logPriors, logLikelihoods, logUnseen };
}

/** Posterior probability of every label, most likely first (ties broken by label order). */
export function predict(model: NaiveBayesModel, text: string): { label: string; probability: number }[] {
  const terms = tokenize(text).filter((term) => model.logLikelihoods.has(term));
  const logScores = model.labels.map((label) => {
    let score = model.logPriors.get(label)!;
    for (const term of terms) score += model.logLikelihoods.get(term)!.get(label) ?? model.logUnseen.get(label)!;
    return score;
  });
  const max = Math.max(...logScores);
  const exps = logScores.map((s) => Math.exp(s - max));
  const total = exps.reduce((a, b) => a + b, 0);
  return model.labels
    .map((label, i) => ({ label, probability: exps[i]! / total }))
    .sort((a, b) => b.probability - a.probability || a.label.localeCompare(b.label));
}
