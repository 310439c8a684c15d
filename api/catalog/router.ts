import { Router } from 'express';
import { z } from 'zod';
import { aiActivities, compilerCatalog } from '../../activities';

/** The AI activities a diagram can use, with their input and output schemas. */
export function catalogRouter(): Router {
  const router = Router();
  const compilerView = new Map(compilerCatalog().map((entry) => [entry.type, entry.inputs]));
  router.get('/', (_req, res) => {
    res.json({
      items: aiActivities.map((activity) => ({
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
    });
  });
  return router;
}
