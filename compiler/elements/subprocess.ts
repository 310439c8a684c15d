/**
 * Embedded and event subprocesses. Their content is translated by the caller, scope by scope;
 * once it is, `completeSubProcess` / `completeEventSubProcess` record their start events and
 * check what each needs to start.
 */
import type { ModdleElement } from '../bpmn-xml';
import type { Report } from '../diagnostics';
import type { EventSubProcessNode, GraphNode, SubProcessNode } from '../graph';
import { nodeBase, reportUnsupported } from './common';
import type { TranslateContext } from './context';

export function translateSubProcess(element: ModdleElement, context: TranslateContext): SubProcessNode | EventSubProcessNode | undefined {
  if (element.triggeredByEvent !== true) return { ...nodeBase(element), kind: 'subProcess', startNodeIds: [], eventSubProcessIds: [] };
  if (element.loopCharacteristics !== undefined) {
    return reportUnsupported(
      element,
      context.report,
      {
        fr: 'Un sous-processus événementiel ne peut pas être multi-instance : placez l’activité multi-instance à l’intérieur.',
        en: 'An event subprocess cannot be multi-instance: put a multi-instance activity inside it.',
      },
      'SubProcess triggeredByEvent, loopCharacteristics',
    );
  }
  return { ...nodeBase(element), kind: 'eventSubProcess', startNodeId: '' };
}

/** The event subprocesses among `children`, in document order. */
function eventSubProcessesOf(children: readonly GraphNode[]): string[] {
  return children.filter((child) => child.kind === 'eventSubProcess').map((child) => child.id);
}

/** The none start events among `children`: where a token entering the scope starts. */
export function noneStartsOf(children: readonly GraphNode[]): string[] {
  return children.filter((child) => child.kind === 'startEvent' && child.trigger === undefined).map((child) => child.id);
}

export function completeSubProcess(node: SubProcessNode, children: readonly GraphNode[], report: Report): void {
  node.startNodeIds = noneStartsOf(children);
  node.eventSubProcessIds = eventSubProcessesOf(children);
  if (node.startNodeIds.length > 0) return;
  report({
    ruleId: 'subprocess-start',
    elementId: node.id,
    message: {
      fr: `Le sous-processus « ${node.name ?? node.id} » n'a pas d'événement de début simple : un jeton qui y entre ne saurait où commencer.`,
      en: `Subprocess "${node.name ?? node.id}" has no none start event: a token entering it would not know where to begin.`,
    },
    hint: { fr: 'Ajoutez un événement de début simple dans le sous-processus.', en: 'Add a none start event inside the subprocess.' },
  });
}

export function completeEventSubProcess(node: EventSubProcessNode, children: readonly GraphNode[], report: Report): void {
  const starts = children.filter((child) => child.kind === 'startEvent');
  const start = starts.length === 1 ? starts[0] : undefined;
  // Kept even when invalid, so that what follows is not also reported as unreachable.
  node.startNodeId = starts[0]?.id ?? '';
  if (start?.kind !== 'startEvent' || !start.trigger) {
    report({
      ruleId: 'event-subprocess-start',
      elementId: start?.id ?? node.id,
      message: start
        ? {
            fr: `L'événement de début « ${start.name ?? start.id} » du sous-processus événementiel « ${node.name ?? node.id} » n'attend rien : rien ne le déclencherait.`,
            en: `Start event "${start.name ?? start.id}" of event subprocess "${node.name ?? node.id}" waits for nothing: nothing would trigger it.`,
          }
        : {
            fr: `Le sous-processus événementiel « ${node.name ?? node.id} » a ${starts.length} événements de début au lieu d'un.`,
            en: `Event subprocess "${node.name ?? node.id}" has ${starts.length} start events instead of one.`,
          },
      hint: {
        fr: 'Donnez-lui un seul événement de début, de type minuteur, message, signal, erreur ou escalade.',
        en: 'Give it exactly one start event, of type timer, message, signal, error or escalation.',
      },
    });
  }
  if (node.incoming.length === 0 && node.outgoing.length === 0) return;
  report({
    ruleId: 'event-subprocess-flows',
    elementId: node.id,
    message: {
      fr: `Le sous-processus événementiel « ${node.name ?? node.id} » est relié par des flux, alors que seul son événement de début le déclenche.`,
      en: `Event subprocess "${node.name ?? node.id}" has sequence flows, though only its start event triggers it.`,
    },
    hint: {
      fr: 'Retirez les flux qui entrent dans le sous-processus événementiel ou en sortent ; pour un enchaînement, utilisez un sous-processus intégré.',
      en: 'Remove the flows into or out of the event subprocess; to chain steps, use an embedded subprocess.',
    },
  });
}
