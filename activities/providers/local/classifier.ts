/** Text classification with naive Bayes, one trained model per example set. */
import type { LabelledExample } from '../provider';
import { predict, train, type NaiveBayesModel } from './naive-bayes';

export interface Classification {
  label: string;
  confidence: number;
  /** Every label with its probability, most likely first. */
  scores: { label: string; probability: number }[];
}

// Training is cheap, but tasks reuse the same examples: keep one model per example set.
const models = new WeakMap<readonly LabelledExample[], NaiveBayesModel>();

export function classifyText(text: string, examples: readonly LabelledExample[]): Classification {
  let model = models.get(examples);
  if (!model) {
    model = train(examples);
    models.set(examples, model);
  }
  const scores = predict(model, text);
  const best = scores[0]!;
  return { label: best.label, confidence: best.probability, scores };
}
