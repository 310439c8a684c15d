import { extension, elementList, stringProperty, type ModdleElement } from '../bpmn-xml';
import type { Report } from '../diagnostics';
import type { ValueSource, VariableMapping } from '../graph';

/** Camunda's convention: a leading `=` makes a field a FEEL expression, else it is a literal. */
export function valueSource(raw: string): ValueSource {
  return raw.startsWith('=') ? { feel: raw.slice(1).trim() } : { value: raw };
}

export function optionalValueSource(raw: string | undefined): ValueSource | undefined {
  return raw === undefined || raw.trim() === '' ? undefined : valueSource(raw.trim());
}

/**
 * A field Camunda always reads as FEEL (multi-instance collections, script expressions): the
 * `=` is customary but optional, so the graph stores the expression without it.
 */
export function feelBody(raw: string | undefined): string | undefined {
  const body = raw?.trim().replace(/^=/, '').trim();
  return body === undefined || body === '' ? undefined : body;
}

/** How diagnostics name an element: its label, else its id. */
export function label(element: ModdleElement): string {
  return element.name ?? element.id ?? '';
}

/** The BPMN type without its prefix, as owners see it in the modeler (e.g. "ScriptTask"). */
export function kindOf(element: ModdleElement): string {
  return element.$type.replace(/^bpmn:/, '');
}

/**
 * Something Camunda 8 models may hold that Rouage does not run: an error naming the element,
 * never a silent skip, with what to draw instead.
 */
export function reportUnsupported(element: ModdleElement, report: Report, hint: { fr: string; en: string }, what = kindOf(element)): undefined {
  report({
    ruleId: 'unsupported-element',
    elementId: element.id,
    message: {
      fr: `L'élément « ${label(element)} » (${what}) n'est pas pris en charge par Rouage.`,
      en: `Element "${label(element)}" (${what}) is not supported by Rouage.`,
    },
    hint,
  });
  return undefined;
}

function mappings(element: ModdleElement, property: 'inputParameters' | 'outputParameters'): VariableMapping[] {
  const ioMapping = extension(element, 'zeebe:IoMapping');
  if (!ioMapping) return [];
  return elementList(ioMapping[property]).map((parameter) => ({
    // An empty source maps null, as in Camunda.
    source: valueSource(stringProperty(parameter, 'source') ?? '=null'),
    target: stringProperty(parameter, 'target') ?? '',
  }));
}

/** `zeebe:taskHeaders` as a plain record (document order; a repeated key keeps its last value). */
export function readHeaders(element: ModdleElement): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const header of elementList(extension(element, 'zeebe:TaskHeaders')?.values)) {
    const key = stringProperty(header, 'key');
    if (key) headers[key] = stringProperty(header, 'value') ?? '';
  }
  return headers;
}

/** The fields every graph node has; flows are filled in once all flows are read. */
export function nodeBase(element: ModdleElement) {
  return {
    id: element.id ?? '',
    ...(element.name ? { name: element.name } : {}),
    incoming: [] as string[],
    outgoing: [] as string[],
    inputs: mappings(element, 'inputParameters'),
    outputs: mappings(element, 'outputParameters'),
  };
}
