/**
 * Generates a valid executable diagram of exactly `elements` flow elements (nodes and sequence
 * flows), laid out with its diagram interchange so editors render it readably: start, AI
 * service tasks and user tasks with their zeebe extensions, exclusive gateways with a condition
 * and a default flow whose branches join again, end. Used by bench:compile and bench:modeler.
 */

// A snake of rows, left to right then right to left, so it stays readable.

const COLUMNS = 14;
const COLUMN_WIDTH = 150;
const ROW_HEIGHT = 260;
const BRANCH_OFFSET = 70;
const SIZES = { start: [36, 36], end: [36, 36], task: [100, 80], gateway: [50, 50] } as const;

type Kind = keyof typeof SIZES;
interface Node {
  id: string;
  kind: Kind;
  xml: string;
  /** Centre. */
  cx: number;
  cy: number;
  /** +1 when its row runs left to right. */
  direction: 1 | -1;
}
interface Point {
  x: number;
  y: number;
}

/** Counted elements: nodes and sequence flows. Start, end and a flow from the start: 3; a task and its outgoing flow: 2; a gateway, its two branch tasks and their 4 flows: 7. */
function segmentCounts(elements: number): { tasks: number; branches: number } {
  const branches = 7;
  const tasks = (elements - 3 - 7 * branches) / 2;
  if (!Number.isInteger(tasks)) throw new Error(`cannot build exactly ${elements} elements`);
  return { tasks, branches };
}

export function generateDiagram(elements: number): { xml: string; counts: Record<string, number> } {
  const { tasks, branches } = segmentCounts(elements);
  const nodes: Node[] = [];
  const flows: { id: string; source: Node; target: Node; condition?: string; waypoints: Point[] }[] = [];
  let column = 0;
  const place = (id: string, kind: Kind, xml: string, offset = 0): Node => {
    const row = Math.floor(column / COLUMNS);
    const inRow = column % COLUMNS;
    const direction = row % 2 === 0 ? 1 : -1;
    const x = 150 + (direction === 1 ? inRow : COLUMNS - 1 - inRow) * COLUMN_WIDTH;
    const node: Node = { id, kind, xml, cx: x, cy: 150 + row * ROW_HEIGHT + offset, direction };
    nodes.push(node);
    return node;
  };
  const half = (node: Node) => ({ w: SIZES[node.kind][0] / 2, h: SIZES[node.kind][1] / 2 });
  let flowCount = 0;
  const connect = (source: Node, target: Node, condition?: string): string => {
    const id = `Flow_${++flowCount}`;
    const s = half(source);
    const t = half(target);
    let waypoints: Point[];
    if (source.cy === target.cy) {
      // Same row: from the side facing the target to the other's.
      const towards = Math.sign(target.cx - source.cx);
      waypoints = [{ x: source.cx + towards * s.w, y: source.cy }, { x: target.cx - towards * t.w, y: target.cy }];
    } else if (source.cx === target.cx) {
      // Next row, straight below.
      waypoints = [{ x: source.cx, y: source.cy + s.h }, { x: target.cx, y: target.cy - t.h }];
    } else if (source.kind === 'gateway') {
      // Into a branch: out of the gateway's top or bottom corner, then across.
      const down = target.cy > source.cy ? 1 : -1;
      const towards = Math.sign(target.cx - source.cx);
      waypoints = [{ x: source.cx, y: source.cy + down * s.h }, { x: source.cx, y: target.cy }, { x: target.cx - towards * t.w, y: target.cy }];
    } else {
      // Out of a branch: across, then into the next node's top or bottom.
      const down = target.cy > source.cy ? 1 : -1;
      const towards = Math.sign(target.cx - source.cx);
      waypoints = [{ x: source.cx + towards * s.w, y: source.cy }, { x: target.cx, y: source.cy }, { x: target.cx, y: target.cy - down * t.h }];
    }
    flows.push({ id, source, target, condition, waypoints });
    return id;
  };

  let taskCount = 0;
  const task = (offset = 0): Node => {
    const n = ++taskCount;
    const id = `Tache_${n}`;
    // Two service tasks (AI activities) for one user task.
    if (n % 3 === 0) {
      const group = n % 2 === 0 ? 'group-a' : 'group-b';
      return place(id, 'task', `<bpmn:userTask id="${id}" name="Vérifier le dossier ${n}"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="${group}" /></bpmn:extensionElements>%FLOWS%</bpmn:userTask>`, offset);
    }
    const type = ['ai.classify', 'ai.summarize', 'ai.assess-risk', 'ai.pseudonymize'][n % 4]!;
    return place(
      id,
      'task',
      `<bpmn:serviceTask id="${id}" name="${type} ${n}"><bpmn:extensionElements><zeebe:taskDefinition type="${type}" retries="3" />` +
        `<zeebe:ioMapping><zeebe:input source="=description" target="text" /></zeebe:ioMapping>` +
        `<zeebe:taskHeaders><zeebe:header key="resultVariable" value="resultat${n}" /></zeebe:taskHeaders></bpmn:extensionElements>%FLOWS%</bpmn:serviceTask>`,
      offset,
    );
  };

  let previous = place('Debut', 'start', '<bpmn:startEvent id="Debut" name="Demande reçue">%FLOWS%</bpmn:startEvent>');
  column += 1;
  let singles = 0;
  let branchCount = 0;
  // A branch at the 7th column of each of the first rows, single tasks elsewhere.
  while (singles < tasks || branchCount < branches) {
    if (column % COLUMNS === 6 && branchCount < branches) {
      const n = ++branchCount;
      const gateway = place(`Passerelle_${n}`, 'gateway', `<bpmn:exclusiveGateway id="Passerelle_${n}" name="Urgent ?" default="%DEFAULT_${n}%">%FLOWS%</bpmn:exclusiveGateway>`);
      connect(previous, gateway);
      column += 1;
      const urgent = task(-BRANCH_OFFSET);
      const ordinary = task(BRANCH_OFFSET);
      column += 1;
      connect(gateway, urgent, '=priorite = "haute"');
      const defaultFlow = connect(gateway, ordinary);
      gateway.xml = gateway.xml.replace(`%DEFAULT_${n}%`, defaultFlow);
      // Both branches join on the next task.
      if (singles === tasks) throw new Error('no task left to join the branches');
      const next = task();
      singles += 1;
      column += 1;
      connect(urgent, next);
      connect(ordinary, next);
      previous = next;
      continue;
    }
    const next = task();
    singles += 1;
    column += 1;
    connect(previous, next);
    previous = next;
  }
  const end = place('Fin', 'end', '<bpmn:endEvent id="Fin" name="Demande traitée">%FLOWS%</bpmn:endEvent>');
  connect(previous, end);

  const refs = (node: Node) =>
    flows.filter((f) => f.target === node).map((f) => `<bpmn:incoming>${f.id}</bpmn:incoming>`).join('') +
    flows.filter((f) => f.source === node).map((f) => `<bpmn:outgoing>${f.id}</bpmn:outgoing>`).join('');
  const processXml = [
    ...nodes.map((node) => node.xml.replace('%FLOWS%', refs(node))),
    ...flows.map((f) =>
      f.condition
        ? `<bpmn:sequenceFlow id="${f.id}" sourceRef="${f.source.id}" targetRef="${f.target.id}"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${f.condition}</bpmn:conditionExpression></bpmn:sequenceFlow>`
        : `<bpmn:sequenceFlow id="${f.id}" sourceRef="${f.source.id}" targetRef="${f.target.id}" />`,
    ),
  ];
  const di = [
    ...nodes.map((node) => {
      const { w, h } = half(node);
      return `<bpmndi:BPMNShape id="${node.id}_di" bpmnElement="${node.id}"><dc:Bounds x="${node.cx - w}" y="${node.cy - h}" width="${2 * w}" height="${2 * h}" /></bpmndi:BPMNShape>`;
    }),
    ...flows.map((f) => `<bpmndi:BPMNEdge id="${f.id}_di" bpmnElement="${f.id}">${f.waypoints.map((p) => `<di:waypoint x="${p.x}" y="${p.y}" />`).join('')}</bpmndi:BPMNEdge>`),
  ];
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Definitions_bench" targetNamespace="http://bpmn.io/schema/bpmn" exporter="Rouage bench" exporterVersion="1">
  <bpmn:process id="bench-modeleur-${elements}" name="Banc d'essai du modeleur (${elements} éléments)" isExecutable="true">
    ${processXml.join('\n    ')}
  </bpmn:process>
  <bpmndi:BPMNDiagram id="BPMNDiagram_bench">
    <bpmndi:BPMNPlane id="BPMNPlane_bench" bpmnElement="bench-modeleur-${elements}">
      ${di.join('\n      ')}
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
  const counts = {
    elements: nodes.length + flows.length,
    tasks: nodes.filter((n) => n.kind === 'task').length,
    userTasks: nodes.filter((n) => n.xml.startsWith('<bpmn:userTask')).length,
    gateways: nodes.filter((n) => n.kind === 'gateway').length,
    flows: flows.length,
  };
  if (counts.elements !== elements) throw new Error(`generated ${counts.elements} elements instead of ${elements}`);
  return { xml, counts };
}
