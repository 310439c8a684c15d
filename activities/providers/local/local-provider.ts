/**
 * The embedded provider: runs in the worker's process, needs no network and no model
 * download, and is deterministic. Honest about what it is: `provider: local`.
 */
import type { AiProvider, ClassifyRequest, LabelledExample } from '../provider';
import { predict, train, type NaiveBayesModel } from './naive-bayes';

export const LOCAL_MODEL = 'rouage-local-nb-tfidf-1';

export function createLocalProvider(): AiProvider {
  // Training is cheap, but tasks reuse the same examples: keep one model per example set.
  const models = new WeakMap<readonly LabelledExample[], NaiveBayesModel>();
  const modelFor = (examples: readonly LabelledExample[]) => {
    let model = models.get(examples);
    if (!model) {
      model = train(examples);
      models.set(examples, model);
    }
    return model;
  };
  return {
    id: 'local',
    location: 'on-premise',
    model: LOCAL_MODEL,
    async classify({ text, examples }: ClassifyRequest) {
      const scores = predict(modelFor(examples), text);
      const best = scores[0]!;
      return { label: best.label, confidence: best.probability, scores };
    },
  };
}
