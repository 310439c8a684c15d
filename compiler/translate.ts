/** Turns the moddle tree of one executable BPMN process into the process graph. */
import { DATA_CLASSIFICATIONS, DEFAULT_CLASSIFICATION, type DataClassification } from './ai-policy';
import { elementList, extension, isElement, stringProperty, type ModdleElement } from './bpmn-xml';
import type { Report } from './diagnostics';
import { GRAPH_FORMAT_VERSION, isActivity, type GraphNode, type ProcessGraph, type SequenceFlow } from './graph';
import {
  alternatives,
  applyLoopCharacteristics,
  completeEventSubProcess,
  completeSubProcess,
  documentationOnly,
  GENERAL_ALTERNATIVE,
  linkName,
  noneStartsOf,
  resolveLinks,
  translators,
  type LinkEvent,
  type Scope,
  type TranslateContext,
} from './elements';
import { reportUnsupported } from './elements/common';

function translateFlow(element: ModdleElement, report: Report): SequenceFlow | undefined {
  const source = element.sourceRef;
  const target = element.targetRef;
  if (!isElement(source) || !isElement(target) || !source.id || !target.id) {
    report({
      ruleId: 'flow-endpoints',
      elementId: element.id,
      message: {
        fr: `Le flux « ${element.id} » n'a pas ${isElement(source) ? 'de cible' : 'de source'}.`,
        en: `Sequence flow "${element.id}" has no ${isElement(source) ? 'target' : 'source'}.`,
      },
      hint: { fr: 'Reliez le flux à deux éléments, ou supprimez-le.', en: 'Connect the flow to two elements, or delete it.' },
    });
    return undefined;
  }
  const flow: SequenceFlow = { id: element.id ?? '', sourceId: source.id, targetId: target.id };
  if (element.name) flow.name = element.name;
  const condition = isElement(element.conditionExpression) ? stringProperty(element.conditionExpression, 'body') : undefined;
  if (condition !== undefined && condition.trim() !== '') flow.condition = condition.trim().replace(/^=/, '').trim();
  return flow;
}

function readProperties(process: ModdleElement): Record<string, string> {
  const properties: Record<string, string> = {};
  for (const property of elementList(extension(process, 'zeebe:Properties')?.properties)) {
    const name = stringProperty(property, 'name');
    if (name) properties[name] = stringProperty(property, 'value') ?? '';
  }
  return properties;
}

function readClassification(process: ModdleElement, properties: Record<string, string>, report: Report): DataClassification {
  const declared = properties.dataClassification;
  if (declared === undefined) return DEFAULT_CLASSIFICATION;
  if ((DATA_CLASSIFICATIONS as readonly string[]).includes(declared)) return declared as DataClassification;
  report({
    ruleId: 'data-classification',
    elementId: process.id,
    message: {
      fr: `La classification des données « ${declared} » du processus est inconnue.`,
      en: `The process's data classification "${declared}" is unknown.`,
    },
    hint: {
      fr: `Donnez à la propriété dataClassification l'une des valeurs ${DATA_CLASSIFICATIONS.join(', ')}.`,
      en: `Set the dataClassification property to one of ${DATA_CLASSIFICATIONS.join(', ')}.`,
    },
  });
  return DEFAULT_CLASSIFICATION;
}

/** Lists each boundary event on its host, which must be an activity the interpreter can interrupt. */
function attachBoundaryEvents(nodes: Record<string, GraphNode>, report: Report): void {
  for (const node of Object.values(nodes)) {
    if (node.kind !== 'boundaryEvent') continue;
    const host = nodes[node.attachedToId];
    if (!host) continue; // the host could not be translated: its own diagnostic says why
    if (isActivity(host)) {
      host.boundaryEventIds = [...(host.boundaryEventIds ?? []), node.id];
      continue;
    }
    report({
      ruleId: 'boundary-event-host',
      elementId: node.id,
      message: {
        fr: `L'événement de bordure « ${node.name ?? node.id} » est attaché à « ${host.name ?? host.id} », qui ne peut pas porter d'événement de bordure.`,
        en: `Boundary event "${node.name ?? node.id}" is attached to "${host.name ?? host.id}", which cannot carry boundary events.`,
      },
      hint: {
        fr: 'Attachez-le à une tâche, un sous-processus intégré ou une activité d’appel.',
        en: 'Attach it to a task, an embedded subprocess or a call activity.',
      },
    });
  }
}

/**
 * The other processes of the file (pools of a collaboration) do not run: one holding steps
 * is reported on its pool (what the modeler shows), so that nobody believes it runs. Empty
 * pools (black boxes) are documentation.
 */
function reportOtherProcesses(process: ModdleElement, report: Report): void {
  const definitions = process.$parent;
  if (!isElement(definitions)) return;
  const rootElements = elementList(definitions.rootElements);
  const participants = rootElements.flatMap((root) => (root.$type === 'bpmn:Collaboration' ? elementList(root.participants) : []));
  for (const other of rootElements) {
    if (other.$type !== 'bpmn:Process' || other === process) continue;
    if (!elementList(other.flowElements).some((element) => !documentationOnly.has(element.$type))) continue;
    reportUnsupported(
      participants.find((participant) => participant.processRef === other) ?? other,
      report,
      {
        fr: 'Seul le processus exécutable d’un fichier s’exécute : réduisez ce participant (boîte noire) et reliez-le par des flux de messages, ou déployez-le dans son propre fichier, appelé par une activité d’appel.',
        en: "Only a file's executable process runs: collapse this participant (black box) and connect it with message flows, or deploy it in a file of its own, called by a call activity.",
      },
      'Process, isExecutable="false"',
    );
  }
}

/** What the translation of one process accumulates, scope after scope, in document order. */
interface Translation {
  context: TranslateContext;
  nodes: Record<string, GraphNode>;
  flows: Record<string, SequenceFlow>;
  links: LinkEvent[];
  /** The translated nodes of each subprocess, by subprocess id, to complete it once flows are in. */
  children: Map<string, GraphNode[]>;
}

function translateScope(container: ModdleElement, scope: Scope, translation: Translation): GraphNode[] {
  const { context, nodes, flows } = translation;
  const children: GraphNode[] = [];
  for (const element of elementList(container.flowElements)) {
    if (element.$type === 'bpmn:SequenceFlow') {
      const flow = translateFlow(element, context.report);
      if (flow) flows[flow.id] = flow;
      continue;
    }
    if (documentationOnly.has(element.$type)) continue;
    const translator = translators[element.$type];
    if (!translator) {
      reportUnsupported(element, context.report, alternatives[element.$type] ?? GENERAL_ALTERNATIVE);
      continue;
    }
    const node = translator(element, { ...context, scope });
    if (!node) continue;
    if (scope.kind !== 'process') node.scopeId = scope.id;
    if (isActivity(node)) applyLoopCharacteristics(element, node, context.report);
    nodes[node.id] = node;
    children.push(node);
    if (node.kind === 'linkThrowEvent' || node.kind === 'linkCatchEvent') translation.links.push({ node, name: linkName(element) });
    if (node.kind === 'subProcess' || node.kind === 'eventSubProcess') {
      translation.children.set(node.id, translateScope(element, { kind: node.kind, id: node.id }, translation));
    }
  }
  return children;
}

export function translateProcess(process: ModdleElement, context: TranslateContext): ProcessGraph {
  const translation: Translation = { context, nodes: {}, flows: {}, links: [], children: new Map() };
  const { nodes, flows } = translation;
  const topLevel = translateScope(process, { kind: 'process' }, translation);
  // Flows to or from an element that could not be translated are already covered by that
  // element's diagnostic; the graph keeps only flows between nodes it has.
  for (const flow of Object.values(flows)) {
    const source = nodes[flow.sourceId];
    const target = nodes[flow.targetId];
    if (!source || !target) {
      delete flows[flow.id];
      continue;
    }
    source.outgoing.push(flow.id);
    target.incoming.push(flow.id);
  }
  resolveLinks(translation.links, flows, context.report);
  attachBoundaryEvents(nodes, context.report);
  for (const [id, children] of translation.children) {
    const node = nodes[id];
    if (node?.kind === 'subProcess') completeSubProcess(node, children, context.report);
    if (node?.kind === 'eventSubProcess') completeEventSubProcess(node, children, context.report);
  }
  reportOtherProcesses(process, context.report);
  const properties = readProperties(process);
  const eventSubProcessIds = topLevel.filter((node) => node.kind === 'eventSubProcess').map((node) => node.id);
  const graph: ProcessGraph = {
    formatVersion: GRAPH_FORMAT_VERSION,
    processKey: process.id ?? '',
    dataClassification: readClassification(process, properties, context.report),
    properties,
    startNodeIds: noneStartsOf(topLevel),
    // Absent when empty, so that graphs without event subprocesses keep their bytes and hash.
    ...(eventSubProcessIds.length > 0 ? { eventSubProcessIds } : {}),
    nodes,
    flows,
  };
  if (process.name) graph.name = process.name;
  if (properties.aiProvider) graph.aiProvider = properties.aiProvider;
  return graph;
}
