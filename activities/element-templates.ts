/**
 * Camunda 8 element templates derived from the catalog, so each AI activity appears in the
 * modeler (bpmn-js-element-templates) as a service task with its type set and one field per
 * input. Validated against the Zeebe element template schema in the tests.
 */
import type { AiActivityDefinition } from './ai/define-ai-activity';
import { builtinCatalog, inputJsonSchema, type AiCatalog } from './catalog';

const TEMPLATE_SCHEMA = 'https://unpkg.com/@camunda/zeebe-element-templates-json-schema/resources/schema.json';

export interface ElementTemplate {
  $schema: string;
  id: string;
  name: string;
  description: string;
  version: number;
  category: { id: string; name: string };
  appliesTo: string[];
  elementType: { value: string };
  groups: { id: string; label: string }[];
  properties: Record<string, unknown>[];
}

function inputProperties(activity: AiActivityDefinition): Record<string, unknown>[] {
  const schema = inputJsonSchema(activity);
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([name, field]) => {
    const isText = field.type === 'string';
    return {
      id: `input.${name}`,
      label: name,
      ...(field.description ? { description: field.description } : {}),
      group: 'inputs',
      type: isText ? 'String' : 'Text',
      // Text inputs may be typed as is or computed; lists and objects are always FEEL.
      feel: isText ? 'optional' : 'required',
      binding: { type: 'zeebe:input', name },
      ...(required.has(name) ? { constraints: { notEmpty: true } } : { optional: true }),
    };
  });
}

export function elementTemplate(activity: AiActivityDefinition): ElementTemplate {
  return {
    $schema: TEMPLATE_SCHEMA,
    id: `rouage.${activity.type}`,
    name: activity.title.fr,
    description: activity.description.fr,
    version: 1,
    category: { id: 'rouage-ai', name: 'IA Rouage' },
    appliesTo: ['bpmn:Task'],
    elementType: { value: 'bpmn:ServiceTask' },
    groups: [
      { id: 'inputs', label: 'Entrées' },
      { id: 'output', label: 'Résultat' },
    ],
    properties: [
      { type: 'Hidden', value: activity.type, binding: { type: 'zeebe:taskDefinition', property: 'type' } },
      ...inputProperties(activity),
      {
        id: 'resultVariable',
        label: 'Variable du résultat',
        description: 'Nom de la variable qui reçoit la sortie de l’activité (avec sa confiance et sa provenance).',
        group: 'output',
        type: 'String',
        value: activity.type.replace(/^ai\./, '').replace(/-(\w)/g, (_, c: string) => c.toUpperCase()),
        binding: { type: 'zeebe:taskHeader', key: 'resultVariable' },
        constraints: { notEmpty: true },
      },
    ],
  };
}

export function elementTemplates(catalog: AiCatalog = builtinCatalog): ElementTemplate[] {
  return catalog.map(elementTemplate);
}
