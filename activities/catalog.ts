/**
 * The AI activity catalog: the one list of AI activity files. Add a file under `ai/`, add it
 * to `builtinCatalog`, and the worker registers it, the compiler checks tasks against it, the
 * modeler gets its element template and the API lists it. Every consumer takes the catalog as a
 * parameter, so a deployment (or a test) can extend it.
 */
import { z } from 'zod';
import type { CatalogActivity } from '../compiler';
import { assessRisk } from './ai/assess-risk';
import { classify } from './ai/classify';
import type { AiActivityDefinition } from './ai/define-ai-activity';
import { draftReply } from './ai/draft-reply';
import { extract } from './ai/extract';
import { notifyCatalogEntry } from './notifications/notify';
import { pseudonymize } from './ai/pseudonymize';
import { summarize } from './ai/summarize';

export type AiCatalog = readonly AiActivityDefinition[];

export const builtinCatalog: AiCatalog = [pseudonymize, classify, extract, summarize, draftReply, assessRisk];

interface InputJsonSchema {
  properties?: Record<string, { description?: string; type?: string | string[] }>;
  required?: string[];
}

/** The input schema as JSON Schema: what callers must send (defaults make fields optional). */
export function inputJsonSchema(activity: AiActivityDefinition): InputJsonSchema {
  return z.toJSONSchema(activity.input, { io: 'input', unrepresentable: 'any' }) as InputJsonSchema;
}

/** The catalog as the compiler sees it: input names and whether each is required. */
export function compilerCatalog(catalog: AiCatalog = builtinCatalog): CatalogActivity[] {
  // The built-in non-AI activities the worker always registers come after the AI ones.
  return [...aiCompilerCatalog(catalog), notifyCatalogEntry];
}

function aiCompilerCatalog(catalog: AiCatalog): CatalogActivity[] {
  return catalog.map((activity) => {
    const schema = inputJsonSchema(activity);
    const required = new Set(schema.required ?? []);
    return {
      type: activity.type,
      inputs: Object.keys(schema.properties ?? {}).map((name) => ({ name, required: required.has(name) })),
      acceptsClassification: activity.acceptsClassification,
      ...(activity.localOnly ? { localOnly: true } : {}),
    };
  });
}
