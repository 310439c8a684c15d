import { z } from 'zod';
import { classifyText } from '../providers/local/classifier';
import demandes from '../providers/local/datasets/demandes.json';
import signalements from '../providers/local/datasets/signalements.json';
import { defineAiActivity } from './define-ai-activity';

/** Example sets shipped with Rouage, selectable by name from a task's `dataset` input. */
const DATASETS = { signalements: signalements.examples, demandes: demandes.examples } as const;

const example = z.object({ text: z.string().min(1), label: z.string().min(1) });

export const classify = defineAiActivity({
  type: 'ai.classify',
  title: { fr: 'Classer un texte', en: 'Classify a text' },
  description: {
    fr: 'Range un texte dans une catégorie apprise à partir d’exemples étiquetés, avec un indice de confiance.',
    en: 'Puts a text in a category learnt from labelled examples, with a confidence score.',
  },
  acceptsClassification: 'sensitive',
  promptVersion: 'classify-1',
  input: z
    .object({
      text: z.string().min(1, 'text must not be empty').max(50_000),
      dataset: z.enum(Object.keys(DATASETS) as [keyof typeof DATASETS]).default('signalements'),
      /** Overrides `dataset`: the task's own labelled examples. */
      examples: z.array(example).min(2).optional(),
    })
    .refine((input) => !input.examples || new Set(input.examples.map((e) => e.label)).size >= 2, {
      message: 'examples must cover at least two labels',
      path: ['examples'],
    }),
  output: z.object({
    category: z.string(),
    confidence: z.number().min(0).max(1),
    scores: z.array(z.object({ label: z.string(), probability: z.number() })),
  }),
  async run(input, { provider, signal, recordUsage }) {
    const examples = input.examples ?? DATASETS[input.dataset];
    if (!provider.languageModel) {
      const result = classifyText(input.text, examples);
      return { category: result.label, confidence: result.confidence, scores: result.scores };
    }
    const labels = [...new Set(examples.map((e) => e.label))].sort();
    const shots = labels.flatMap((label) => examples.filter((e) => e.label === label).slice(0, 3));
    const { object, usage } = await provider.languageModel.generateObject({
      schemaName: 'classification',
      schema: z.object({ category: z.enum(labels as [string, ...string[]]), confidence: z.number().min(0).max(1) }),
      system:
        "Tu classes des demandes adressées à une administration française dans l'une des catégories données. " +
        'confidence : ta confiance entre 0 et 1.',
      prompt: `Catégories : ${labels.join(', ')}.\n\nExemples :\n${shots.map((e) => `- « ${e.text} » → ${e.label}`).join('\n')}\n\nTexte à classer :\n${input.text}`,
      signal,
    });
    recordUsage(usage);
    return { category: object.category, confidence: object.confidence, scores: [{ label: object.category, probability: object.confidence }] };
  },
});
