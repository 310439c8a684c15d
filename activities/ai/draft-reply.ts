import { z } from 'zod';
import { draftFromTemplate, PLAIN_LANGUAGE_TEMPLATES, STANDARD_TEMPLATES, type ReplyKind } from '../providers/local/draft';
import { defineAiActivity } from './define-ai-activity';

const REPLY_KINDS = Object.keys(STANDARD_TEMPLATES) as [ReplyKind, ...ReplyKind[]];

/**
 * A draft only: an agent edits and validates it before anything reaches a citizen. Locally, a
 * template filled with the task's slots; with a language model, a letter written from the
 * request, the decision elements and the same template as a guide.
 */
export const draftReply = defineAiActivity({
  type: 'ai.draft-reply',
  title: { fr: 'Rédiger un projet de réponse', en: 'Draft a reply' },
  description: {
    fr: 'Prépare une réponse en français clair (ou en FALC, facile à lire et à comprendre) à partir d’un modèle et des éléments du dossier.',
    en: 'Prepares a reply in plain French (or easy-to-read FALC) from a template and the case’s elements.',
  },
  acceptsClassification: 'sensitive',
  promptVersion: 'draft-reply-1',
  input: z.object({
    kind: z.enum(REPLY_KINDS).describe(`Type de réponse : ${REPLY_KINDS.join(', ')}`),
    style: z.enum(['standard', 'falc']).default('standard').describe('standard, ou falc (facile à lire et à comprendre)'),
    slots: z.record(z.string(), z.unknown()).default({}).describe('Les éléments du dossier à placer dans la réponse'),
    request: z.string().max(200_000).optional().describe('La demande de l’usager, pour un fournisseur à modèle de langue'),
  }),
  output: z.object({ text: z.string(), missing: z.array(z.string()), confidence: z.number().min(0).max(1) }),
  async run({ kind, style, slots, request }, { provider, signal, recordUsage }) {
    const template = (style === 'falc' ? PLAIN_LANGUAGE_TEMPLATES : STANDARD_TEMPLATES)[kind];
    const draft = draftFromTemplate(template.body, slots);
    if (!provider.languageModel) {
      // Every blank an agent must fill lowers the confidence.
      return { text: draft.text, missing: draft.missing, confidence: draft.missing.length === 0 ? 0.9 : 0.6 };
    }
    const { object, usage } = await provider.languageModel.generateObject({
      schemaName: 'reply',
      schema: z.object({ text: z.string(), confidence: z.number().min(0).max(1) }),
      system:
        "Tu rédiges des projets de réponse d'une administration française à un usager. Vouvoiement, phrases courtes, mots courants" +
        (style === 'falc' ? ', règles du FALC (facile à lire et à comprendre) : une idée par phrase, pas de sigle.' : '.') +
        " N'invente aucun fait ni aucune décision : utilise seulement les éléments donnés. Garde tels quels les jetons entre crochets comme [NOM_1].",
      prompt: `Modèle à suivre :\n${draft.text}\n\nÉléments du dossier :\n${JSON.stringify(slots, null, 2)}${request ? `\n\nDemande de l'usager :\n${request}` : ''}`,
      signal,
    });
    recordUsage(usage);
    return { text: object.text, missing: draft.missing, confidence: object.confidence };
  },
});
