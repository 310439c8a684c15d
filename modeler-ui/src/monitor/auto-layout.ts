/**
 * Diagram interchange (BPMNDI) for processes deployed without it. A file written by a program
 * (or by hand, as the API and CLI accept) often has no layout; the engine does not need one,
 * but bpmn-js draws nothing without it. Elements are placed left to right by their longest
 * distance from a start along sequence flows, and flows are drawn with right-angle bends.
 * Only the process level is laid out: a subprocess is drawn collapsed.
 */

/** What this layout reads of the bpmn-moddle elements. */
export interface SemanticElement {
  $type: string;
  id: string;
  flowElements?: SemanticElement[];
  rootElements?: SemanticElement[];
  diagrams?: unknown[];
  sourceRef?: SemanticElement;
  targetRef?: SemanticElement;
  attachedToRef?: SemanticElement;
}

export interface Moddle {
  create(type: string, attributes?: Record<string, unknown>): unknown;
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const COLUMN = 180;
const ROW = 150;
const MARGIN = 60;

function sizeOf(element: SemanticElement): { width: number; height: number } {
  if (element.$type.endsWith('Event')) return { width: 36, height: 36 };
  if (element.$type.endsWith('Gateway')) return { width: 50, height: 50 };
  return { width: 100, height: 80 };
}

/** Columns by longest path from the sources; flows closing a loop (back edges of a depth-first walk) do not count. */
function columnsOf(nodes: SemanticElement[], flows: SemanticElement[]): { column: Map<string, number>; backEdges: Set<string> } {
  const outgoing = new Map<string, SemanticElement[]>(nodes.map((node) => [node.id, []]));
  const incoming = new Map<string, number>(nodes.map((node) => [node.id, 0]));
  for (const flow of flows) {
    if (!flow.sourceRef || !flow.targetRef || !outgoing.has(flow.sourceRef.id) || !outgoing.has(flow.targetRef.id)) continue;
    outgoing.get(flow.sourceRef.id)!.push(flow);
    incoming.set(flow.targetRef.id, incoming.get(flow.targetRef.id)! + 1);
  }
  const backEdges = new Set<string>();
  const state = new Map<string, 'open' | 'done'>();
  const order: string[] = [];
  const visit = (id: string) => {
    state.set(id, 'open');
    for (const flow of outgoing.get(id)!) {
      const target = flow.targetRef!.id;
      if (state.get(target) === 'open') backEdges.add(flow.id);
      else if (!state.has(target)) visit(target);
    }
    state.set(id, 'done');
    order.push(id);
  };
  // Sources first (start events, elements without incoming flows), then whatever a cycle hides.
  for (const node of nodes) if (incoming.get(node.id) === 0) visit(node.id);
  for (const node of nodes) if (!state.has(node.id)) visit(node.id);

  const column = new Map<string, number>(nodes.map((node) => [node.id, 0]));
  for (const id of order.reverse()) {
    for (const flow of outgoing.get(id)!) {
      if (backEdges.has(flow.id)) continue;
      const target = flow.targetRef!.id;
      column.set(target, Math.max(column.get(target)!, column.get(id)! + 1));
    }
  }
  return { column, backEdges };
}

/** Adds a diagram to `definitions` when it has none; returns whether it did. */
export function layOutIfMissing(definitions: SemanticElement, moddle: Moddle): boolean {
  if ((definitions.diagrams ?? []).length > 0) return false;
  const process = definitions.rootElements?.find((root) => root.$type === 'bpmn:Process' && (root.flowElements ?? []).length > 0);
  if (!process) return false;
  const elements = process.flowElements!;
  const flows = elements.filter((element) => element.$type === 'bpmn:SequenceFlow');
  const boundaries = elements.filter((element) => element.$type === 'bpmn:BoundaryEvent');
  const nodes = elements.filter((element) => element.$type !== 'bpmn:SequenceFlow' && element.$type !== 'bpmn:BoundaryEvent' && !element.$type.startsWith('bpmn:Data'));
  const { column, backEdges } = columnsOf(nodes, flows);

  const boxes = new Map<string, Box>();
  const rowsUsed = new Map<number, number>();
  for (const node of nodes) {
    const c = column.get(node.id)!;
    const row = rowsUsed.get(c) ?? 0;
    rowsUsed.set(c, row + 1);
    const { width, height } = sizeOf(node);
    // Centred in its cell, so flows between elements of one row are straight.
    boxes.set(node.id, { x: MARGIN + c * COLUMN + (100 - width) / 2, y: MARGIN + row * ROW + (80 - height) / 2, width, height });
  }
  const hosted = new Map<string, number>();
  for (const boundary of boundaries) {
    const host = boundary.attachedToRef && boxes.get(boundary.attachedToRef.id);
    if (!host) continue;
    const index = hosted.get(boundary.attachedToRef!.id) ?? 0;
    hosted.set(boundary.attachedToRef!.id, index + 1);
    boxes.set(boundary.id, { x: host.x + host.width - 30 - index * 40, y: host.y + host.height - 18, width: 36, height: 36 });
  }
  const bottom = Math.max(...[...boxes.values()].map((box) => box.y + box.height));

  const point = (x: number, y: number) => moddle.create('dc:Point', { x: Math.round(x), y: Math.round(y) });
  const planeElements: unknown[] = [];
  for (const [id, box] of boxes) {
    const element = elements.find((candidate) => candidate.id === id)!;
    planeElements.push(
      moddle.create('bpmndi:BPMNShape', {
        id: `${id}_di`,
        bpmnElement: element,
        bounds: moddle.create('dc:Bounds', { ...box }),
        ...(element.$type === 'bpmn:SubProcess' ? { isExpanded: false } : {}),
      }),
    );
  }
  for (const flow of flows) {
    const source = flow.sourceRef && boxes.get(flow.sourceRef.id);
    const target = flow.targetRef && boxes.get(flow.targetRef.id);
    if (!source || !target) continue;
    const sourceY = source.y + source.height / 2;
    const targetY = target.y + target.height / 2;
    let waypoints;
    if (backEdges.has(flow.id) || target.x <= source.x) {
      // Back to an earlier column: under every element, so the loop reads as one.
      const below = bottom + 30;
      waypoints = [point(source.x + source.width / 2, source.y + source.height), point(source.x + source.width / 2, below), point(target.x + target.width / 2, below), point(target.x + target.width / 2, target.y + target.height)];
    } else if (flow.sourceRef!.$type === 'bpmn:BoundaryEvent') {
      waypoints = [point(source.x + source.width / 2, source.y + source.height), point(source.x + source.width / 2, targetY), point(target.x, targetY)];
    } else if (sourceY === targetY) {
      waypoints = [point(source.x + source.width, sourceY), point(target.x, targetY)];
    } else {
      const middle = target.x - 30;
      waypoints = [point(source.x + source.width, sourceY), point(middle, sourceY), point(middle, targetY), point(target.x, targetY)];
    }
    planeElements.push(moddle.create('bpmndi:BPMNEdge', { id: `${flow.id}_di`, bpmnElement: flow, waypoint: waypoints }));
  }
  const plane = moddle.create('bpmndi:BPMNPlane', { id: `${process.id}_plane`, bpmnElement: process, planeElement: planeElements });
  definitions.diagrams = [moddle.create('bpmndi:BPMNDiagram', { id: `${process.id}_diagram`, plane })];
  return true;
}
