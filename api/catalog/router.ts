import { Router } from 'express';
import { z } from 'zod';
import { aiPolicyOf, compilerCatalog, elementTemplates, type AiRuntime } from '../../activities';
import { inputJsonSchema } from '../../activities/catalog';

/**
 * The AI activities a diagram can use, their element templates, and the providers configured.
 * The catalog is fixed for the life of the process, so both answers are built once.
 */
export function catalogRouter(ai: AiRuntime): Router {
  const router = Router();
  const compilerView = new Map(compilerCatalog(ai.catalog).map((entry) => [entry.type, entry.inputs]));
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
