import { extension, elementList, stringProperty, type ModdleElement } from '../bpmn-xml';
import type { ValueSource, VariableMapping } from '../graph';

/** Camunda's convention: a leading `=` makes a field a FEEL expression, else it is a literal. */
export function valueSource(raw: string): ValueSource {
  return raw.startsWith('=') ? { feel: raw.slice(1).trim() } : { value: raw };
}

export function optionalValueSource(raw: string | undefined): ValueSource | undefined {
  return raw === undefined || raw.trim() === '' ? undefined : valueSource(raw.trim());
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
