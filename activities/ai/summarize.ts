import { z } from 'zod';
import { summarizeText } from '../providers/local/summarize';
import { defineAiActivity } from './define-ai-activity';

export const summarize = defineAiActivity({
  type: 'ai.summarize',
  title: { fr: 'Résumer un texte', en: 'Summarise a text' },
  description: {
    fr: 'Résume un texte en quelques phrases (extraites du texte avec le fournisseur local).',
    en: 'Summarises a text in a few sentences (taken from the text with the local provider).',
  },
  acceptsClassification: 'sensitive',
  promptVersion: 'summarize-1',
  input: z.object({
    text: z.string().min(1).max(200_000).describe('Le texte à résumer'),
    sentences: z.number().int().min(1).max(10).default(3).describe('Nombre de phrases du résumé'),
  }),
  output: z.object({ summary: z.string(), confidence: z.number().min(0).max(1) }),
  async run({ text, sentences }, { provider, signal, recordUsage }) {
    if (!provider.languageModel) {
      const { summary, confidence } = summarizeText(text, sentences);
      return { summary, confidence };
    }
    const { object, usage } = await provider.languageModel.generateObject({
      schemaName: 'summary',
      schema: z.object({ summary: z.string(), confidence: z.number().min(0).max(1) }),
      system:
        "Tu résumes des courriers adressés à une administration française. Réponds en français clair, sans rien inventer. " +
        'Les jetons entre crochets comme [NOM_1] remplacent des données personnelles : garde-les tels quels. ' +
        'confidence : ta confiance entre 0 et 1 que le résumé est fidèle.',
      prompt: `Résume ce texte en ${sentences} phrase(s) au plus :\n\n${text}`,
      signal,
    });
    recordUsage(usage);
    return object;
  },
});
