/** Turns the moddle tree of one executable BPMN process into the process graph. */
import { DATA_CLASSIFICATIONS, DEFAULT_CLASSIFICATION, type DataClassification } from './ai-policy';
import { elementList, extension, isElement, stringProperty, type ModdleElement } from './bpmn-xml';
import type { Report } from './diagnostics';
import { GRAPH_FORMAT_VERSION, isActivity, type GraphNode, type ProcessGraph, type SequenceFlow } from './graph';
import { alternatives, documentationOnly, translators, type TranslateContext } from './elements';

function reportUnsupported(element: ModdleElement, report: Report): void {
  const kind = element.$type.replace('bpmn:', '');
  report({
    ruleId: 'unsupported-element',
    elementId: element.id,
    message: {
      fr: `L'élément « ${element.name ?? element.id} » (${kind}) n'est pas pris en charge par Rouage.`,
      en: `Element "${element.name ?? element.id}" (${kind}) is not supported by Rouage.`,
    },
    hint: alternatives[element.$type] ?? {
      fr: "Utilisez un événement de début ou de fin, un minuteur ou un message, une tâche de service, utilisateur ou de réception, ou une passerelle exclusive, parallèle ou basée sur les événements.",
      en: 'Use a start or end event, a timer or message event, a service, user or receive task, or an exclusive, parallel or event-based gateway.',
    },
  });
}

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

/** Lists each boundary event on its host, which must be a task the interpreter can interrupt. */
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
        fr: 'Attachez-le à une tâche de service, une tâche utilisateur ou une tâche de réception.',
        en: 'Attach it to a service task, a user task or a receive task.',
      },
    });
  }
}

export function translateProcess(process: ModdleElement, context: TranslateContext): ProcessGraph {
  const nodes: Record<string, GraphNode> = {};
  const flows: Record<string, SequenceFlow> = {};
  for (const element of elementList(process.flowElements)) {
    if (element.$type === 'bpmn:SequenceFlow') {
      const flow = translateFlow(element, context.report);
      if (flow) flows[flow.id] = flow;
      continue;
    }
    if (documentationOnly.has(element.$type)) continue;
    const translator = translators[element.$type];
    if (!translator) {
      reportUnsupported(element, context.report);
      continue;
    }
    const node = translator(element, context);
    if (node) nodes[node.id] = node;
  }
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
  attachBoundaryEvents(nodes, context.report);
  const properties = readProperties(process);
  const graph: ProcessGraph = {
    formatVersion: GRAPH_FORMAT_VERSION,
    processKey: process.id ?? '',
    dataClassification: readClassification(process, properties, context.report),
    properties,
    startNodeIds: Object.values(nodes).filter((n) => n.kind === 'startEvent').map((n) => n.id),
    nodes,
    flows,
  };
  if (process.name) graph.name = process.name;
  if (properties.aiProvider) graph.aiProvider = properties.aiProvider;
  return graph;
}
