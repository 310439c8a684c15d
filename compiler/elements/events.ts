/** End, intermediate and boundary events, with what each may wait for or throw (start events: start-event.ts). */
import { elementList, isElement, type ModdleElement } from '../bpmn-xml';
import type {
  BoundaryEventNode,
  EndEventNode,
  ErrorEndEventNode,
  EscalationThrowEventNode,
  IntermediateThrowEventNode,
  LinkCatchEventNode,
  LinkThrowEventNode,
  MessageCatchEventNode,
  ServiceTaskNode,
  SignalCatchEventNode,
  SignalThrowEventNode,
  TerminateEndEventNode,
  TimerCatchEventNode,
} from '../graph';
import { kindOf, label, nodeBase, reportUnsupported } from './common';
import type { TranslateContext } from './context';
import { errorCodeOf, escalationCodeOf, readMessage, readSignal, readTimer, readTrigger } from './event-definitions';
import { translateJob } from './service-task';

type Hint = { fr: string; en: string };

export const HINTS = {
  start: {
    fr: 'Utilisez un événement de début simple, message, minuteur ou signal (erreur et escalade seulement dans un sous-processus événementiel).',
    en: 'Use a none, message, timer or signal start event (error and escalation only in an event subprocess).',
  },
  end: {
    fr: 'Utilisez un événement de fin simple, de terminaison, d’erreur, d’escalade, de message ou de signal.',
    en: 'Use a none, terminate, error, escalation, message or signal end event.',
  },
  catch: {
    fr: 'Utilisez un événement intermédiaire minuteur, message, signal ou lien.',
    en: 'Use a timer, message, signal or link intermediate catch event.',
  },
  throw: {
    fr: 'Utilisez un événement intermédiaire simple, de message, de signal, d’escalade ou de lien.',
    en: 'Use a none, message, signal, escalation or link intermediate throw event.',
  },
  boundary: {
    fr: 'Utilisez un événement de bordure minuteur, message, erreur, signal ou escalade.',
    en: 'Use a timer, message, error, signal or escalation boundary event.',
  },
  compensation: {
    fr: 'La compensation n’est pas prise en charge : dessinez explicitement les étapes d’annulation, par exemple après un événement de bordure d’erreur ou une passerelle exclusive.',
    en: 'Compensation is not supported: draw the undo steps explicitly, for example after an error boundary event or an exclusive gateway.',
  },
} satisfies Record<string, Hint>;

/** An event definition Rouage does not run where it is: say so rather than run another event instead. */
export function unsupportedDefinition(element: ModdleElement, definitions: ModdleElement[], hint: Hint, context: TranslateContext): undefined {
  const kinds = definitions.map(kindOf).join(', ') || 'no event definition';
  const compensation = definitions.some((d) => d.$type === 'bpmn:CompensateEventDefinition');
  return reportUnsupported(element, context.report, compensation ? HINTS.compensation : hint, `${kindOf(element)}, ${kinds}`);
}

/** The one event definition of an event (several at once, BPMN's "multiple" events, are not run). */
export function definitionsOf(element: ModdleElement): { definitions: ModdleElement[]; definition?: ModdleElement } {
  const definitions = elementList(element.eventDefinitions);
  return definitions.length === 1 ? { definitions, definition: definitions[0] } : { definitions };
}

export function reportErrorInterrupting(element: ModdleElement, context: TranslateContext): void {
  context.report({
    ruleId: 'error-event-interrupting',
    elementId: element.id,
    message: {
      fr: `« ${label(element)} » attrape une erreur sans interrompre : une erreur interrompt toujours ce qui l'a levée.`,
      en: `"${label(element)}" catches an error without interrupting: an error always interrupts what threw it.`,
    },
    hint: {
      fr: 'Rendez l’événement interruptif, ou attrapez plutôt une escalade, qui peut ne pas interrompre.',
      en: 'Make the event interrupting, or catch an escalation instead, which may be non-interrupting.',
    },
  });
}

/** Camunda lets a thrown code be FEEL; the graph holds fixed codes, which catch events match. */
function reportFeelCode(element: ModdleElement, what: 'error' | 'escalation', context: TranslateContext): undefined {
  return reportUnsupported(
    element,
    context.report,
    what === 'error'
      ? { fr: 'Donnez à l’erreur un code fixe, sans « = », par exemple « PIECE_MANQUANTE ».', en: 'Give the error a fixed code, without "=", for example "MISSING_DOCUMENT".' }
      : { fr: 'Donnez à l’escalade un code fixe, sans « = », par exemple « DELAI_DEPASSE ».', en: 'Give the escalation a fixed code, without "=", for example "DELAY_EXCEEDED".' },
    `${kindOf(element)}, FEEL ${what} code`,
  );
}

/** The code an error end event throws: required, and a literal (the graph has no FEEL code). */
function errorEnd(element: ModdleElement, definition: ModdleElement, context: TranslateContext): ErrorEndEventNode | undefined {
  const errorCode = errorCodeOf(definition);
  if (errorCode?.startsWith('=')) return reportFeelCode(element, 'error', context);
  if (errorCode === undefined) reportMissingCode(element, 'error', context);
  return { ...nodeBase(element), kind: 'errorEndEvent', errorCode: errorCode ?? '' };
}

function escalationThrow(element: ModdleElement, definition: ModdleElement, end: boolean, context: TranslateContext): EscalationThrowEventNode | undefined {
  const escalationCode = escalationCodeOf(definition);
  if (escalationCode?.startsWith('=')) return reportFeelCode(element, 'escalation', context);
  if (escalationCode === undefined) reportMissingCode(element, 'escalation', context);
  return { ...nodeBase(element), kind: 'escalationThrowEvent', escalationCode: escalationCode ?? '', end };
}

function reportMissingCode(element: ModdleElement, what: 'error' | 'escalation', context: TranslateContext): void {
  const error = what === 'error';
  context.report({
    ruleId: error ? 'error-code-required' : 'escalation-code-required',
    elementId: element.id,
    message: {
      fr: `« ${label(element)} » lève ${error ? 'une erreur' : 'une escalade'} sans code : rien ne pourrait l'attraper précisément.`,
      en: `"${label(element)}" throws ${error ? 'an error' : 'an escalation'} without a code: nothing could catch it specifically.`,
    },
    hint: error
      ? { fr: 'Choisissez ou créez une erreur (bpmn:error) avec un code, par exemple « PIECE_MANQUANTE ».', en: 'Pick or create an error (bpmn:error) with a code, for example "MISSING_DOCUMENT".' }
      : { fr: 'Choisissez ou créez une escalade (bpmn:escalation) avec un code, par exemple « DELAI_DEPASSE ».', en: 'Pick or create an escalation (bpmn:escalation) with a code, for example "DELAY_EXCEEDED".' },
  });
}

type EndNode = EndEventNode | TerminateEndEventNode | ErrorEndEventNode | EscalationThrowEventNode | SignalThrowEventNode | ServiceTaskNode;

export function translateEndEvent(element: ModdleElement, context: TranslateContext): EndNode | undefined {
  const { definitions, definition } = definitionsOf(element);
  if (definitions.length === 0) return { ...nodeBase(element), kind: 'endEvent' };
  switch (definition?.$type) {
    case 'bpmn:TerminateEventDefinition':
      return { ...nodeBase(element), kind: 'terminateEndEvent' };
    case 'bpmn:ErrorEventDefinition':
      return errorEnd(element, definition, context);
    case 'bpmn:EscalationEventDefinition':
      return escalationThrow(element, definition, true, context);
    case 'bpmn:MessageEventDefinition':
      return translateJob(element, context, 'messageEndEvent');
    case 'bpmn:SignalEventDefinition':
      return { ...nodeBase(element), kind: 'signalThrowEvent', signal: readSignal(element, definition, context), end: true };
    default:
      return unsupportedDefinition(element, definitions, HINTS.end, context);
  }
}

type ThrowNode = IntermediateThrowEventNode | ServiceTaskNode | SignalThrowEventNode | EscalationThrowEventNode | LinkThrowEventNode;

export function translateIntermediateThrowEvent(element: ModdleElement, context: TranslateContext): ThrowNode | undefined {
  const { definitions, definition } = definitionsOf(element);
  if (definitions.length === 0) return { ...nodeBase(element), kind: 'intermediateThrowEvent' };
  switch (definition?.$type) {
    case 'bpmn:MessageEventDefinition':
      return translateJob(element, context, 'messageThrowEvent');
    case 'bpmn:SignalEventDefinition':
      return { ...nodeBase(element), kind: 'signalThrowEvent', signal: readSignal(element, definition, context), end: false };
    case 'bpmn:EscalationEventDefinition':
      return escalationThrow(element, definition, false, context);
    case 'bpmn:LinkEventDefinition':
      return { ...nodeBase(element), kind: 'linkThrowEvent' };
    default:
      return unsupportedDefinition(element, definitions, HINTS.throw, context);
  }
}

type CatchNode = TimerCatchEventNode | MessageCatchEventNode | SignalCatchEventNode | LinkCatchEventNode;

export function translateIntermediateCatchEvent(element: ModdleElement, context: TranslateContext): CatchNode | undefined {
  const { definitions, definition } = definitionsOf(element);
  switch (definition?.$type) {
    case 'bpmn:TimerEventDefinition':
      return { ...nodeBase(element), kind: 'timerCatchEvent', timer: readTimer(definition) };
    case 'bpmn:MessageEventDefinition':
      return { ...nodeBase(element), kind: 'messageCatchEvent', message: readMessage(definition.messageRef) };
    case 'bpmn:SignalEventDefinition':
      return { ...nodeBase(element), kind: 'signalCatchEvent', signal: readSignal(element, definition, context) };
    case 'bpmn:LinkEventDefinition':
      return { ...nodeBase(element), kind: 'linkCatchEvent' };
    default:
      return unsupportedDefinition(element, definitions, HINTS.catch, context);
  }
}

export function translateBoundaryEvent(element: ModdleElement, context: TranslateContext): BoundaryEventNode | undefined {
  const { definitions, definition } = definitionsOf(element);
  const trigger = definition && readTrigger(element, definition, context);
  if (!trigger) return unsupportedDefinition(element, definitions, HINTS.boundary, context);
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
  const cancelActivity = element.cancelActivity !== false;
  if (trigger.type === 'error' && !cancelActivity) reportErrorInterrupting(element, context);
  return { ...nodeBase(element), kind: 'boundaryEvent', attachedToId: host.id, cancelActivity, trigger };
}
