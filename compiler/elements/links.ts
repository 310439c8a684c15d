/**
 * Link events are two halves of one sequence flow, drawn apart to keep a diagram readable. The
 * compiler joins them: each link throw event gets one synthetic flow (`link:<throw id>`) to the
 * link catch event of the same name in the same scope, so the interpreter never sees names.
 */
import { elementList, stringProperty, type ModdleElement } from '../bpmn-xml';
import type { Report } from '../diagnostics';
import type { LinkCatchEventNode, LinkThrowEventNode, SequenceFlow } from '../graph';

export interface LinkEvent {
  node: LinkThrowEventNode | LinkCatchEventNode;
  name: string;
}

/** The name of the `bpmn:linkEventDefinition` of a link event ('' when it has none). */
export function linkName(element: ModdleElement): string {
  const [definition] = elementList(element.eventDefinitions);
  return (definition && stringProperty(definition, 'name'))?.trim() ?? '';
}

function reportLink(report: Report, node: LinkEvent['node'], problem: { fr: string; en: string }): void {
  report({
    ruleId: 'link-event-target',
    elementId: node.id,
    message: {
      fr: `L'événement de lien « ${node.name ?? node.id} » ${problem.fr}.`,
      en: `Link event "${node.name ?? node.id}" ${problem.en}.`,
    },
    hint: {
      fr: 'Donnez le même nom de lien à un événement intermédiaire de lancement et à un seul événement intermédiaire de capture, dans le même (sous-)processus.',
      en: 'Give the same link name to a throw event and to exactly one catch event, in the same (sub)process.',
    },
  });
}

/** Adds the synthetic flows of the link events, which are listed in document order. */
export function resolveLinks(events: readonly LinkEvent[], flows: Record<string, SequenceFlow>, report: Report): void {
  const scoped = (event: LinkEvent) => `${event.node.scopeId ?? ''}\n${event.name}`;
  const catches = new Map<string, LinkCatchEventNode>();
  for (const event of events) {
    if (event.node.kind !== 'linkCatchEvent') continue;
    if (event.name === '') reportLink(report, event.node, { fr: "n'a pas de nom", en: 'has no name' });
    else if (catches.has(scoped(event))) {
      reportLink(report, event.node, {
        fr: `porte le nom « ${event.name} », déjà pris par un autre événement de capture du même processus`,
        en: `is named "${event.name}", already the name of another catch event of the same process`,
      });
    } else catches.set(scoped(event), event.node);
  }
  for (const { node, name } of events) {
    if (node.kind !== 'linkThrowEvent') continue;
    const target = catches.get(scoped({ node, name }));
    if (node.outgoing.length > 0) {
      reportLink(report, node, { fr: 'a des flux sortants, alors qu’il mène à son lien', en: 'has outgoing flows, though it leads to its link' });
    }
    if (!target) {
      reportLink(
        report,
        node,
        name === ''
          ? { fr: "n'a pas de nom", en: 'has no name' }
          : { fr: `mène au lien « ${name} », qu'aucun événement de capture ne porte ici`, en: `leads to link "${name}", which no catch event here bears` },
      );
      continue;
    }
    const flow: SequenceFlow = { id: `link:${node.id}`, sourceId: node.id, targetId: target.id, link: true };
    flows[flow.id] = flow;
    node.outgoing.push(flow.id);
    target.incoming.push(flow.id);
  }
}
