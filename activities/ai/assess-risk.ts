import { z } from 'zod';
import { assessRisk as assessRiskLocally } from '../providers/local/risk';
import { defineAiActivity } from './define-ai-activity';

const assessment = z.object({
  urgency: z.enum(['low', 'medium', 'high']),
  legalRisk: z.boolean(),
  mediaRisk: z.boolean(),
  signals: z.array(z.string()),
  confidence: z.number().min(0).max(1),
});

export const assessRisk = defineAiActivity({
  type: 'ai.assess-risk',
  title: { fr: 'Évaluer l’urgence et les risques', en: 'Assess urgency and risks' },
  description: {
    fr: 'Estime l’urgence (danger immédiat...) et repère un risque juridique (recours, avocat...) ou médiatique (presse, réseaux sociaux).',
    en: 'Estimates urgency (immediate danger...) and spots a legal (appeal, lawyer...) or media (press, social networks) risk.',
  },
  acceptsClassification: 'sensitive',
  promptVersion: 'assess-risk-1',
  input: z.object({ text: z.string().min(1).max(200_000).describe('Le texte à évaluer') }),
  output: assessment,
  async run({ text }, { provider, signal, recordUsage }) {
    if (!provider.languageModel) return assessRiskLocally(text);
    const { object, usage } = await provider.languageModel.generateObject({
      schemaName: 'risk_assessment',
      schema: assessment,
      system:
        "Tu évalues des messages adressés à une administration française. urgency : high s'il y a un danger immédiat pour des personnes, medium si une intervention rapide est nécessaire, sinon low. " +
        "legalRisk : menace de recours, plainte, avocat, tribunal. mediaRisk : menace de presse ou de réseaux sociaux. signals : les passages qui justifient ta réponse. confidence : entre 0 et 1.",
      prompt: text,
      signal,
    });
    recordUsage(usage);
    return object;
  },
});
