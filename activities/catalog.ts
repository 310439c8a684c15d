/**
 * The AI activity catalog: the one list of AI activity files. Add a file under `ai/`, add it
 * here, and the worker registers it, the compiler checks tasks against it, and the API lists it.
 */
import { z } from 'zod';
import type { CatalogActivity } from '../compiler';
import { classify } from './ai/classify';
import type { AiActivityDefinition } from './ai/define-ai-activity';

export const aiActivities: readonly AiActivityDefinition[] = [classify];

/** The catalog as the compiler sees it: input names and whether each is required. */
export function compilerCatalog(): CatalogActivity[] {
  return aiActivities.map((activity) => {
    const schema = z.toJSONSchema(activity.input, { io: 'input', unrepresentable: 'any' }) as { properties?: object; required?: string[] };
    const required = new Set(schema.required ?? []);
    return {
      type: activity.type,
      inputs: Object.keys(schema.properties ?? {}).map((name) => ({ name, required: required.has(name) })),
    };
  });
}
