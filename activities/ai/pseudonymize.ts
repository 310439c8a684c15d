import { z } from 'zod';
import { PII_TYPES } from '../providers/local/pii';
import { pseudonymizeText } from '../providers/local/pseudonymize';
import { defineAiActivity } from './define-ai-activity';

/**
 * Always runs in the worker, whatever the process's provider: personal data must be found and
 * replaced before anything leaves the trust boundary. The originals go to the pseudonym vault,
 * encrypted; only agents allowed on the case can see them again.
 */
export const pseudonymize = defineAiActivity({
  type: 'ai.pseudonymize',
  title: { fr: 'Pseudonymiser un texte', en: 'Pseudonymise a text' },
  description: {
    fr: 'Remplace les données personnelles (NIR, IBAN, courriel, téléphone, adresse, nom) par des jetons ; les originaux sont gardés chiffrés.',
    en: 'Replaces personal data (NIR, IBAN, email, phone, address, name) with tokens; the originals are kept encrypted.',
  },
  acceptsClassification: 'sensitive',
  localOnly: true,
  promptVersion: 'pseudonymize-1',
  input: z.object({ text: z.string().min(1).max(200_000).describe('Le texte à pseudonymiser') }),
  output: z.object({
    text: z.string(),
    entities: z.array(z.object({ token: z.string(), type: z.enum(PII_TYPES as [string, ...string[]]) })),
    confidence: z.number().min(0).max(1),
  }),
  async run({ text }, { task, vault }) {
    const { text: pseudonymized, replacements } = pseudonymizeText(text);
    await vault.store(task.runId, { instanceId: task.instanceId, processKey: task.processKey, elementId: task.elementId }, replacements);
    return {
      text: pseudonymized,
      entities: replacements.map(({ token, type }) => ({ token, type })),
      // Pattern detection misses what it cannot recognise (names above all): never full confidence.
      confidence: replacements.length === 0 ? 0.8 : 0.9,
    };
  },
});
