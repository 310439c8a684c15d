import { Router } from 'express';
import { z } from 'zod';
import { aiPolicyOf, compilerCatalog, elementTemplates, type AiRuntime } from '../../activities';

/** The AI activities a diagram can use, their element templates, and the providers configured. */
export function catalogRouter(ai: AiRuntime): Router {
  const router = Router();
  const compilerView = new Map(compilerCatalog(ai.catalog).map((entry) => [entry.type, entry.inputs]));
  router.get('/', (_req, res) => {
    res.json({
      items: ai.catalog.map((activity) => ({
        type: activity.type,
        title: activity.title,
        description: activity.description,
        acceptsClassification: activity.acceptsClassification,
        promptVersion: activity.promptVersion,
        /** What the compiler checks tasks against (`CatalogActivity`), for validation in the browser. */
        inputs: compilerView.get(activity.type) ?? [],
        inputSchema: z.toJSONSchema(activity.input, { io: 'input', unrepresentable: 'any' }),
        outputSchema: z.toJSONSchema(activity.output, { unrepresentable: 'any' }),
      })),
      policy: aiPolicyOf(ai),
    });
  });
  router.get('/element-templates', (_req, res) => {
    res.json(elementTemplates(ai.catalog));
  });
  return router;
}
