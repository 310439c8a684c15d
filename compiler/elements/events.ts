import { elementList, isElement, type ModdleElement } from '../bpmn-xml';
import type {
  BoundaryEventNode,
  EndEventNode,
  EventTrigger,
  MessageCatchEventNode,
  StartEventNode,
  TerminateEndEventNode,
  TimerCatchEventNode,
} from '../graph';
import { nodeBase } from './common';
import type { TranslateContext } from './context';
import { readMessage, readTimer } from './event-definitions';

function label(element: ModdleElement): string {
  return element.name ?? element.id ?? '';
}

/** Event definitions Rouage does not run yet: say so rather than run another event instead. */
function reportUnsupportedDefinition(element: ModdleElement, definitions: ModdleElement[], where: string, context: TranslateContext): undefined {
  const kind = definitions.map((d) => d.$type.replace('bpmn:', '')).join(', ') || 'none';
  context.report({
    ruleId: 'unsupported-element',
    elementId: element.id,
    message: {
      fr: `L'événement « ${label(element)} » porte une définition (${kind}) que Rouage n'exécute pas encore ici (${where}).`,
      en: `Event "${label(element)}" has a definition (${kind}) that Rouage does not run here yet (${where}).`,
    },
    hint: {
      fr: 'Utilisez un événement simple, un minuteur ou un message (événements intermédiaires et de bordure), ou un événement de fin de terminaison.',
      en: 'Use a plain event, a timer or a message (intermediate and boundary events), or a terminate end event.',
    },
  });
  return undefined;
}

/** The one event definition of an event (several at once, as "multiple" events, are not run). */
function definitionOf(element: ModdleElement): { definitions: ModdleElement[]; definition?: ModdleElement } {
  const definitions = elementList(element.eventDefinitions);
  return definitions.length === 1 ? { definitions, definition: definitions[0] } : { definitions };
}

export function translateStartEvent(element: ModdleElement, context: TranslateContext): StartEventNode | undefined {
  const { definitions } = definitionOf(element);
  if (definitions.length > 0) return reportUnsupportedDefinition(element, definitions, 'start event', context);
  return { ...nodeBase(element), kind: 'startEvent' };
}

export function translateEndEvent(element: ModdleElement, context: TranslateContext): EndEventNode | TerminateEndEventNode | undefined {
  const { definitions, definition } = definitionOf(element);
  if (definitions.length === 0) return { ...nodeBase(element), kind: 'endEvent' };
  if (definition?.$type === 'bpmn:TerminateEventDefinition') return { ...nodeBase(element), kind: 'terminateEndEvent' };
  return reportUnsupportedDefinition(element, definitions, 'end event', context);
}

export function translateIntermediateCatchEvent(element: ModdleElement, context: TranslateContext): TimerCatchEventNode | MessageCatchEventNode | undefined {
  const { definitions, definition } = definitionOf(element);
  if (definition?.$type === 'bpmn:TimerEventDefinition') {
    return { ...nodeBase(element), kind: 'timerCatchEvent', timer: readTimer(definition) };
  }
  if (definition?.$type === 'bpmn:MessageEventDefinition') {
    return { ...nodeBase(element), kind: 'messageCatchEvent', message: readMessage(definition.messageRef) };
  }
  return reportUnsupportedDefinition(element, definitions, 'intermediate catch event', context);
}

export function translateBoundaryEvent(element: ModdleElement, context: TranslateContext): BoundaryEventNode | undefined {
  const { definitions, definition } = definitionOf(element);
  let trigger: EventTrigger | undefined;
  if (definition?.$type === 'bpmn:TimerEventDefinition') {
    trigger = { type: 'timer', timer: readTimer(definition) };
  } else if (definition?.$type === 'bpmn:MessageEventDefinition') {
    trigger = { type: 'message', message: readMessage(definition.messageRef) };
  } else {
    return reportUnsupportedDefinition(element, definitions, 'boundary event', context);
  }
  const host = element.attachedToRef;
  if (!isElement(host) || !host.id) {
    context.report({
      ruleId: 'boundary-event-host',
      elementId: element.id,
      message: {
        fr: `L'événement de bordure « ${label(element)} » n'est attaché à aucune activité.`,
        en: `Boundary event "${label(element)}" is not attached to any activity.`,
      },
      hint: { fr: "Posez l'événement sur le bord d'une tâche.", en: 'Place the event on the border of a task.' },
    });
    return undefined;
  }
  // moddle gives BPMN's default (true) when the attribute is absent.
  return { ...nodeBase(element), kind: 'boundaryEvent', attachedToId: host.id, cancelActivity: element.cancelActivity !== false, trigger };
}
