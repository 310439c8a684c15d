/**
 * Reads BPMN 2.0 XML with the Zeebe extensions into moddle elements, and gives the few typed
 * accessors the compiler needs (moddle itself is untyped).
 */
import { BpmnModdle } from 'bpmn-moddle';
import zeebeSchema from 'zeebe-bpmn-moddle/resources/zeebe.json';

/** A moddle element as the compiler reads it: `$type` plus whatever properties it has. */
export interface ModdleElement {
  $type: string;
  id?: string;
  name?: string;
  [property: string]: unknown;
}

export interface XmlProblem {
  message: string;
  line?: number;
  column?: number;
}

export type ReadResult =
  | { ok: true; definitions: ModdleElement; warnings: XmlProblem[] }
  | { ok: false; error: XmlProblem };

const moddle = new BpmnModdle({ zeebe: zeebeSchema });

/** moddle writes positions as "\n\tline: 2\n\tcolumn: 39" inside its messages. */
function toXmlProblem(message: string): XmlProblem {
  const line = /\bline: (\d+)/.exec(message)?.[1];
  const column = /\bcolumn: (\d+)/.exec(message)?.[1];
  const cleaned = message
    .replace(/\n\t(line|column): \d+/g, '')
    .replace(/\n\tnested error: /, ': ')
    .trim();
  return {
    message: cleaned,
    // moddle counts lines from 0; editors count from 1.
    line: line === undefined ? undefined : Number(line) + 1,
    column: column === undefined ? undefined : Number(column),
  };
}

/**
 * The diagram interchange (shapes, edges, labels) is half of a typical file and none of the
 * compiler's business: it is blanked before parsing, which halves the parse time. Its newlines
 * are kept, so the lines of XML errors stay right.
 */
const DIAGRAM_INTERCHANGE = /<([A-Za-z_][\w.-]*):BPMNDiagram\b[\s\S]*?<\/\1:BPMNDiagram\s*>/g;

function withoutDiagramInterchange(xml: string): string {
  return xml.replace(DIAGRAM_INTERCHANGE, (block) => '\n'.repeat(block.split('\n').length - 1));
}

export async function readBpmnXml(xml: string): Promise<ReadResult> {
  try {
    const { rootElement, warnings } = await moddle.fromXML(withoutDiagramInterchange(xml), 'bpmn:Definitions');
    return {
      ok: true,
      definitions: rootElement as ModdleElement,
      warnings: (warnings as { message: string }[]).map((w) => toXmlProblem(w.message)),
    };
  } catch (error) {
    return { ok: false, error: toXmlProblem(error instanceof Error ? error.message : String(error)) };
  }
}

export function isElement(value: unknown): value is ModdleElement {
  return typeof value === 'object' && value !== null && typeof (value as ModdleElement).$type === 'string';
}

export function elementList(value: unknown): ModdleElement[] {
  return Array.isArray(value) ? value.filter(isElement) : [];
}

export function stringProperty(element: ModdleElement, property: string): string | undefined {
  const value = element[property];
  return typeof value === 'string' ? value : undefined;
}

/** The extension elements of `element` whose `$type` is `type` (e.g. `zeebe:TaskDefinition`). */
export function extensions(element: ModdleElement, type: string): ModdleElement[] {
  const container = element.extensionElements;
  if (!isElement(container)) return [];
  return elementList(container.values).filter((value) => value.$type === type);
}

export function extension(element: ModdleElement, type: string): ModdleElement | undefined {
  return extensions(element, type)[0];
}
