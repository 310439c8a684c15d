import { Router } from 'express';
import { z } from 'zod';
import { aiPolicyOf, compilerCatalog, elementTemplates, type AiRuntime } from '../../activities';
import { inputJsonSchema } from '../../activities/catalog';

/**
 * The AI activities a diagram can use, their element templates, the providers configured, and
 * the compiler's view of every activity type the worker serves.
 * The catalog is fixed for the life of the process, so both answers are built once.
 */
export function catalogRouter(ai: AiRuntime): Router {
  const router = Router();
  const compilerEntries = compilerCatalog(ai.catalog);
  const compilerView = new Map(compilerEntries.map((entry) => [entry.type, entry.inputs]));
  const catalog = {
    items: ai.catalog.map((activity) => ({
      type: activity.type,
      title: activity.title,
      description: activity.description,
      acceptsClassification: activity.acceptsClassification,
      promptVersion: activity.promptVersion,
      /** What the compiler checks tasks against (`CatalogActivity`), for validation in the browser. */
      inputs: compilerView.get(activity.type) ?? [],
      inputSchema: inputJsonSchema(activity),
      outputSchema: z.toJSONSchema(activity.output, { unrepresentable: 'any' }),
    })),
    policy: aiPolicyOf(ai),
    /** Every type the compiler knows, built-in non-AI ones (`rouage.notify`) included: what the modeler validates with. */
    compilerCatalog: compilerEntries,
  };
  const templates = elementTemplates(ai.catalog);
  router.get('/', (_req, res) => {
    res.json(catalog);
  });
  router.get('/element-templates', (_req, res) => {
    res.json(templates);
  });
  return router;
}
