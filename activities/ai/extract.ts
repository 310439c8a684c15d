import { z } from 'zod';
import { extractFields } from '../providers/local/extract';
import { defineAiActivity } from './define-ai-activity';

const FIELD_TYPES = ['amount', 'date', 'number', 'string', 'email', 'phone'] as const;

const extractedField = z.object({ value: z.union([z.string(), z.number()]), confidence: z.number().min(0).max(1), evidence: z.string() });

export const extract = defineAiActivity({
  type: 'ai.extract',
  title: { fr: 'Extraire des informations', en: 'Extract information' },
  description: {
    fr: 'Lit dans un texte les champs décrits (montants, dates, nombres...) avec, pour chacun, sa confiance et le passage lu.',
    en: 'Reads the described fields (amounts, dates, numbers...) in a text, each with its confidence and the passage read.',
  },
  acceptsClassification: 'sensitive',
  promptVersion: 'extract-1',
  input: z.object({
    text: z.string().min(1).max(200_000).describe('Le texte à lire'),
    fields: z
      .array(z.object({ name: z.string().regex(/^[A-Za-z_][\w]*$/), type: z.enum(FIELD_TYPES), description: z.string().optional() }))
      .min(1)
      .max(50)
      .describe('Les champs à extraire : [{ name, type, description }]'),
  }),
  output: z.object({ fields: z.record(z.string(), extractedField.nullable()), confidence: z.number().min(0).max(1) }),
  async run({ text, fields }, { provider, signal, recordUsage }) {
    let found: Record<string, z.infer<typeof extractedField> | null>;
    if (!provider.languageModel) {
      found = extractFields(text, fields);
    } else {
      // Strict structured output has no open records: ask for a list, then key it by name.
      const { object, usage } = await provider.languageModel.generateObject({
        schemaName: 'extraction',
        schema: z.object({
          fields: z.array(z.object({ name: z.enum(fields.map((f) => f.name) as [string, ...string[]]), value: z.union([z.string(), z.number()]).nullable(), confidence: z.number(), evidence: z.string() })),
        }),
        system:
          "Tu extrais des informations de courriers adressés à une administration française. N'invente rien : valeur null si l'information est absente. " +
          'Montants en nombre (euros), dates au format AAAA-MM-JJ. evidence : le passage exact du texte.',
        prompt: `Champs à extraire :\n${fields.map((f) => `- ${f.name} (${f.type})${f.description ? ` : ${f.description}` : ''}`).join('\n')}\n\nTexte :\n${text}`,
        signal,
      });
      recordUsage(usage);
      found = Object.fromEntries(fields.map((f) => [f.name, null]));
      for (const field of object.fields) {
        if (field.value !== null) found[field.name] = { value: field.value, confidence: Math.min(1, Math.max(0, field.confidence)), evidence: field.evidence };
      }
    }
    const values = Object.values(found);
    // Missing fields count as zero confidence: a half-read file should route to a human.
    const confidence = values.reduce((sum: number, field) => sum + (field?.confidence ?? 0), 0) / values.length;
    return { fields: found, confidence };
  },
});
