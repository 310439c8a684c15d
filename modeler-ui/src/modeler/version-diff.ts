// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the API tests compile this file without modeler-ui's other declarations
/// <reference path="./bpmn-js-differ.d.ts" />
/**
 * What changed between two versions of a diagram: elements added, removed, changed (with the
 * properties that changed, Zeebe extensions included) or only moved. bpmn-js-differ finds the
 * elements (matched by id); the changed properties are found here by comparing each changed
 * element's properties flattened to paths, so a changed candidate group or input mapping is
 * named, not only "extension elements changed".
 */
import { diff } from 'bpmn-js-differ';

export type ChangeKind = 'added' | 'removed' | 'changed' | 'layout';

export interface PropertyChange {
  /** A path such as `name` or `extensionElements.values[0].candidateGroups`. */
  path: string;
  before?: string;
  after?: string;
}

export interface ElementChange {
  id: string;
  kind: ChangeKind;
  /** The BPMN type without its prefix (`UserTask`). */
  type: string;
  name?: string;
  properties: PropertyChange[];
}

interface ModdleObject {
  $type: string;
  id?: string;
  name?: string;
  [property: string]: unknown;
}

const isModdle = (value: unknown): value is ModdleObject => typeof value === 'object' && value !== null && typeof (value as ModdleObject).$type === 'string';
const MAX_VALUE_LENGTH = 160;
/** Properties that hold other elements or the element's neighbours: their own changes are listed as theirs. */
const NOT_OWN = new Set(['flowElements', 'incoming', 'outgoing', 'artifacts', 'laneSets', 'di', 'rootElements', 'diagrams']);

function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

interface PropertyDescriptor {
  name: string;
  isReference?: boolean;
}

/** The properties moddle knows for the element (references are not enumerable), else its own keys (generic extension elements). */
function propertiesOf(element: ModdleObject): PropertyDescriptor[] {
  const known = (element.$descriptor as { properties?: PropertyDescriptor[] } | undefined)?.properties;
  return known && known.length > 0 ? known : Object.keys(element).filter((key) => !key.startsWith('$')).map((name) => ({ name }));
}

const idOf = (value: unknown) => (isModdle(value) ? (value.id ?? value.$type) : shown(value));

/** The element's own properties as `path → value`, referenced elements (a flow's source and target) by their id. */
function flatten(value: unknown, path: string, into: Map<string, string>): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => flatten(item, `${path}[${index}]`, into));
    return;
  }
  if (isModdle(value)) {
    for (const property of propertiesOf(value)) {
      const child = value[property.name];
      const at = path ? `${path}.${property.name}` : property.name;
      if (child === undefined || child === null || NOT_OWN.has(property.name) || (Array.isArray(child) && child.length === 0)) continue;
      if (property.isReference) into.set(at, Array.isArray(child) ? child.map(idOf).join(', ') : idOf(child));
      else flatten(child, at, into);
    }
    for (const [key, child] of Object.entries((value.$attrs as Record<string, unknown> | undefined) ?? {})) into.set(path ? `${path}.${key}` : key, shown(child));
    return;
  }
  into.set(path, shown(value));
}

export function changedProperties(before: object, after: object): PropertyChange[] {
  const [old, now] = [new Map<string, string>(), new Map<string, string>()];
  flatten(before, '', old);
  flatten(after, '', now);
  const paths = [...new Set([...old.keys(), ...now.keys()])].filter((path) => old.get(path) !== now.get(path)).sort();
  return paths.map((path) => ({ path, before: old.get(path), after: now.get(path) }));
}

function describe(element: unknown, kind: ChangeKind, properties: PropertyChange[] = []): ElementChange {
  const moddle = element as ModdleObject;
  return { id: moddle.id ?? '', kind, type: moddle.$type.replace(/^bpmn:/, ''), ...(moddle.name ? { name: moddle.name } : {}), properties };
}

/** The diagram's elements by id: processes and what they hold (nested sub-processes included), collaborations, lanes. */
function elementsById(definitions: ModdleObject): Map<string, ModdleObject> {
  const found = new Map<string, ModdleObject>();
  // Breadth first, in document order: the list of changes follows the file.
  const pending: unknown[] = [definitions.rootElements];
  while (pending.length > 0) {
    const next = pending.shift();
    if (Array.isArray(next)) pending.push(...(next as unknown[]));
    else if (isModdle(next)) {
      if (next.id) found.set(next.id, next);
      for (const key of ['flowElements', 'participants', 'messageFlows', 'laneSets', 'lanes', 'artifacts']) if (next[key]) pending.push(next[key]);
    }
  }
  return found;
}

/** The changes from `before` to `after` (both moddle `bpmn:Definitions`), added first, then removed, changed, moved. */
export function diffDefinitions(before: object, after: object): ElementChange[] {
  const changes = diff(before, after);
  // Every element in both versions is compared, not only those the differ reports: it misses
  // some changes (a flow's new target, an extension's attribute).
  const [old, now] = [elementsById(before as ModdleObject), elementsById(after as ModdleObject)];
  const changed = [...now].flatMap(([id, element]) => {
    const previous = old.get(id);
    if (!previous || element.$type === 'bpmn:Process' || element.$type === 'bpmn:Collaboration' || element.$type === 'bpmn:LaneSet') return [];
    const properties = changedProperties(previous, element);
    return properties.length > 0 ? [describe(element, 'changed', properties)] : [];
  });
  // A moved element that also changed, was added or is the process itself is listed once, for what matters more.
  const listed = new Set([...changed.map((c) => c.id), ...Object.keys(changes._added), ...Object.keys(changes._removed)]);
  const moved = Object.values(changes._layoutChanged).filter((element) => isModdle(element) && element.$type !== 'bpmn:Process' && !listed.has(element.id ?? ''));
  return [
    ...Object.values(changes._added).map((element) => describe(element, 'added')),
    ...Object.values(changes._removed).map((element) => describe(element, 'removed')),
    ...changed,
    ...moved.map((element) => describe(element, 'layout')),
  ];
}
