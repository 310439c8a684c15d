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
  /** `content`: well-formed XML whose content moddle cannot place (see readBpmnXml); else not XML at all. */
  | { ok: false; error: XmlProblem; content?: true };

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
 *
 * One pass over openers and closers, whatever the input: searching each opener's closer anew
 * would take quadratic time on a file of unclosed `<x:BPMNDiagram/>` (seconds per 100 KiB).
 */
const DIAGRAM_OPENER = /<([A-Za-z_][\w.-]*):BPMNDiagram\b/g;
const DIAGRAM_CLOSER = /<\/([A-Za-z_][\w.-]*):BPMNDiagram\s*>/g;

function withoutDiagramInterchange(xml: string): string {
  // Where each prefix's closers end, in document order.
  const closerEnds = new Map<string, number[]>();
  for (const match of xml.matchAll(DIAGRAM_CLOSER)) {
    const ends = closerEnds.get(match[1]!) ?? [];
    ends.push(match.index + match[0].length);
    closerEnds.set(match[1]!, ends);
  }
  const next = new Map<string, number>();
  const kept: string[] = [];
  let copied = 0;
  for (const match of xml.matchAll(DIAGRAM_OPENER)) {
    if (match.index < copied) continue; // inside a diagram already blanked
    const ends = closerEnds.get(match[1]!) ?? [];
    let i = next.get(match[1]!) ?? 0;
    while (i < ends.length && ends[i]! <= match.index) i += 1;
    next.set(match[1]!, i);
    const end = ends[i];
    if (end === undefined) continue;
    kept.push(xml.slice(copied, match.index), '\n'.repeat(xml.slice(match.index, end).split('\n').length - 1));
    copied = end;
  }
  kept.push(xml.slice(copied));
  return kept.join('');
}

/** The end of a start tag from just after its `<`: quoted attribute values may hold `>`. */
const START_TAG_REST = /[^"'>]*(?:(?:"[^"]*"|'[^']*')[^"'>]*)*>/y;

/** What a `<` opens that is not an element: skipped to its end marker. */
const NON_ELEMENTS: readonly [string, string][] = [
  ['<!--', '-->'],
  ['<![CDATA[', ']]>'],
  ['<?', '?>'],
  ['<!', '>'],
];

/**
 * The line (from 1) where elements first nest deeper than `limit`, or undefined. A quick scan
 * before parsing, so that every recursive walk after it (the compiler's, the interpreter's, the
 * modeler's) only ever sees shallow trees. It needs no well-formed XML: on broken input its
 * answer may be off, and the parser then reports the real problem.
 */
export function lineNestedBeyond(xml: string, limit: number): number | undefined {
  let depth = 0;
  for (let at = xml.indexOf('<'); at !== -1; at = xml.indexOf('<', at)) {
    const skipped = NON_ELEMENTS.find(([open]) => xml.startsWith(open, at));
    if (skipped) {
      const end = xml.indexOf(skipped[1], at + skipped[0].length);
      if (end === -1) return undefined;
      at = end + skipped[1].length;
      continue;
    }
    if (xml[at + 1] === '/') {
      depth -= 1;
      at += 2;
      continue;
    }
    START_TAG_REST.lastIndex = at + 1;
    if (!START_TAG_REST.test(xml)) return undefined;
    const end = START_TAG_REST.lastIndex;
    if (xml[end - 2] !== '/') depth += 1;
    if (depth > limit) return xml.slice(0, at).split('\n').length;
    at = end;
  }
  return undefined;
}

/** moddle's reader, with the option its declaration (moddle.d.ts) leaves out. */
const reader = moddle as unknown as {
  fromXML(xml: string, typeName: string, options: { lax: boolean }): Promise<{ rootElement: unknown; warnings: unknown[] }>;
};

/**
 * Up to this length, a file moddle cannot fully read is read again leniently, to report all its
 * problems at once. Lenient reading finds each problem's line by scanning from the start of the
 * file, which is quadratic on a file full of problems (30,000 unknown elements take half a
 * minute): beyond this length only the first problem is reported. Diagrams drawn in a modeler
 * never have such problems; hand-edited ones get them one at a time.
 */
export const LENIENT_READ_LIMIT = 32 * 1024;

async function parse(input: string, lax: boolean): Promise<ReadResult> {
  try {
    const { rootElement, warnings } = await reader.fromXML(input, 'bpmn:Definitions', { lax });
    return {
      ok: true,
      definitions: rootElement as ModdleElement,
      warnings: (warnings as { message: string }[]).map((w) => toXmlProblem(w.message)),
    };
  } catch (error) {
    return { ok: false, error: toXmlProblem(error instanceof Error ? error.message : String(error)) };
  }
}

/**
 * The errors moddle raises on an element it cannot place (lenient reading makes them warnings),
 * as opposed to the XML parser's, which end reading in both modes.
 */
const CONTENT_ERROR = /^unparsable content .* detected: (unknown type|duplicate ID|illegal ID|unrecognized element|unexpected element|expected no sub nodes|unexpected body text) /;

/**
 * Reads strictly first, in time linear in the input. A file with content moddle cannot place
 * (unknown elements, duplicate or illegal ids) is read again leniently when small enough, so that
 * every such problem comes back as a warning; a larger one gets its first problem as a `content`
 * error.
 */
export async function readBpmnXml(xml: string): Promise<ReadResult> {
  const input = withoutDiagramInterchange(xml);
  const strict = await parse(input, false);
  if (strict.ok || !CONTENT_ERROR.test(strict.error.message)) return strict;
  if (input.length > LENIENT_READ_LIMIT) return { ...strict, content: true };
  return parse(input, true);
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
