/**
 * `npm run bench:modeler`: how fast the modeler opens a large diagram, in headless Chromium.
 *
 * Starts what it needs (Temporal and FerretDB unless TEMPORAL_ADDRESS / MONGODB_URI point at
 * running ones, the web app build when stale, the API in-process on a throwaway database),
 * generates a 300-element diagram (start, 138 service and user tasks with their zeebe
 * extensions, 7 exclusive gateways with conditions, 153 sequence flows, end; laid out with its
 * diagram interchange), signs in as a process owner and opens it 5 times through the modeler
 * page's « Ouvrir un fichier .bpmn », each time in a fresh page. The page itself measures (User
 * Timing marks of modeler-ui/src/modeler/timing.ts):
 * - time to interactive: from the file chosen to its drawing painted (`rouage:open`);
 * - time to first validation: from the import's end to the diagnostics list showing the
 *   compiler's result (`rouage:first-validation`).
 * Readable figures first; the last output line is one JSON object with `open_300_ms` and
 * `first_validation_ms` (medians, ms). Exit code 1 when a median misses its target.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { DEMO_PASSWORD, startTestPlatform } from '../../tests/support/platform';
import { profiles, provideInfrastructure } from '../infra';
import { ensureWebApp } from '../web-app';

const ELEMENTS = 300;
const RUNS = 5;
const TARGETS = { open: 1500, firstValidation: 200 };

// ---------------------------------------------------------------------------------------------
// The diagram: a snake of rows, left to right then right to left, so it stays readable.

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

export function generateDiagram(elements = ELEMENTS): { xml: string; counts: Record<string, number> } {
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

// ---------------------------------------------------------------------------------------------
// The measurement.

interface Run {
  openMs: number;
  firstValidationMs: number;
  /** The first validation's parts: the diagram written as XML (NaN: an import compiles the file as read), then compiled. */
  serializeMs: number;
  compileMs: number;
  /** From Playwright's setInputFiles to the page reporting both figures (includes polling). */
  wallMs: number;
  shapes: number;
  status: string;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const ms = (value: number) => `${value.toFixed(0).padStart(6)} ms`;

async function measureOnce(page: Page, baseUrl: string, file: string): Promise<Run> {
  await page.goto(`${baseUrl}/modeler`);
  // The page is ready: new diagram shown and validated.
  await page.locator('.djs-element[data-element-id="Debut"]').waitFor();
  await page.getByText('Aucune erreur : le diagramme peut être déployé.').waitFor();
  await page.evaluate(() => {
    performance.clearMarks();
    performance.clearMeasures();
  });
  const started = Date.now();
  await page.getByLabel('Ouvrir un fichier .bpmn').setInputFiles(file);
  // No named functions inside: tsx would wrap them in a helper the page does not have.
  const figures = await page.waitForFunction(
    () => {
      const [open, validation, serialize, compile] = ['rouage:open', 'rouage:first-validation', 'rouage:validation-serialize', 'rouage:validation-compile'].map(
        (name) => performance.getEntriesByName(name, 'measure')[0]?.duration,
      );
      return open !== undefined && validation !== undefined
        ? { openMs: open, firstValidationMs: validation, serializeMs: serialize ?? NaN, compileMs: compile ?? NaN }
        : undefined;
    },
    undefined,
    { polling: 'raf', timeout: 60_000 },
  );
  const wallMs = Date.now() - started;
  const { openMs, firstValidationMs, serializeMs, compileMs } = (await figures.jsonValue())!;
  const shapes = await page.locator('.djs-container .djs-element').count();
  const status = (await page.locator('.diagnostics__status').textContent())?.trim() ?? '';
  return { openMs, firstValidationMs, serializeMs, compileMs, wallMs, shapes, status };
}

async function main(): Promise<number> {
  const log = (line: string) => console.log(`[bench] ${line}`);
  const infra = await provideInfrastructure(profiles.test, log);
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'rouage-bench-modeler-'));
  let platform: Awaited<ReturnType<typeof startTestPlatform>> | undefined;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  try {
    process.env.ROUAGE_TEST_TEMPORAL_ADDRESS = infra.temporalAddress;
    process.env.ROUAGE_TEST_MONGODB_URI = infra.mongodbUri;
    await ensureWebApp(log);
    platform = await startTestPlatform({ worker: false });

    const { xml, counts } = generateDiagram(ELEMENTS);
    const file = path.join(workDir, `bench-${ELEMENTS}.bpmn`);
    writeFileSync(file, xml);
    log(
      `diagram: ${counts.elements} elements (${counts.tasks} tasks of which ${counts.userTasks} user tasks, ${counts.gateways} exclusive gateways, ${counts.flows} flows, start, end), ${(xml.length / 1024).toFixed(0)} KiB`,
    );

    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'fr-FR' });
    const login = await context.newPage();
    await login.goto(`${platform.baseUrl}/modeler`);
    await login.getByLabel('Identifiant').fill('owner');
    await login.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
    await login.getByRole('button', { name: 'Se connecter' }).click();
    await login.waitForURL(/\/modeler$/);
    await login.close();

    const runs: Run[] = [];
    for (let i = 1; i <= RUNS; i += 1) {
      const page = await context.newPage();
      const run = await measureOnce(page, platform.baseUrl, file);
      await page.close();
      runs.push(run);
      log(
        `run ${i}: open ${ms(run.openMs)}, first validation ${ms(run.firstValidationMs)} (of which compile ${ms(run.compileMs)}${Number.isNaN(run.serializeMs) ? '' : `, XML ${ms(run.serializeMs)}`}); wall ${ms(run.wallMs)}, ${run.shapes} drawn elements, « ${run.status} »`,
      );
    }
    const open = median(runs.map((r) => r.openMs));
    const firstValidation = median(runs.map((r) => r.firstValidationMs));
    const verdict = (value: number, target: number) => (value <= target ? `target ${target} ms met` : `TARGET ${target} ms MISSED`);
    console.log('');
    console.log(`Modeler, ${ELEMENTS}-element diagram, headless Chromium, median of ${RUNS} runs:`);
    console.log(`  time to interactive (file chosen → drawing painted)    ${ms(open)}   ${verdict(open, TARGETS.open)}`);
    console.log(`  first validation (import done → diagnostics shown)     ${ms(firstValidation)}   ${verdict(firstValidation, TARGETS.firstValidation)}`);
    console.log(JSON.stringify({ open_300_ms: Math.round(open), first_validation_ms: Math.round(firstValidation) }));
    return open <= TARGETS.open && firstValidation <= TARGETS.firstValidation ? 0 : 1;
  } finally {
    await browser.close();
    await platform?.stop();
    await infra.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(2);
    },
  );
}
