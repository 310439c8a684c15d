/** Reads the event definitions of events and receive tasks: timers, messages, signals, errors, escalations. */
import { extension, isElement, stringProperty, type ModdleElement } from '../bpmn-xml';
import type { EventTrigger, MessageDefinition, SignalDefinition, TimerDefinition } from '../graph';
import { label, valueSource } from './common';
import type { TranslateContext } from './context';

const TIMER_FIELDS = [
  ['timeDuration', 'duration'],
  ['timeDate', 'date'],
  ['timeCycle', 'cycle'],
] as const;

/**
 * The timer of a `bpmn:timerEventDefinition`. A timer that says no time still translates (as
 * an empty duration), so that the `timer-invalid` rule reports it on its element.
 */
export function readTimer(definition: ModdleElement): TimerDefinition {
  for (const [field, type] of TIMER_FIELDS) {
    const expression = definition[field];
    const body = isElement(expression) ? stringProperty(expression, 'body')?.trim() : undefined;
    if (body) return { type, value: valueSource(body) };
  }
  return { type: 'duration', value: { value: '' } };
}

/**
 * The message a catch event or receive task waits for. Its name and correlation key are
 * checked by the `message-correlation` rule, so a message without them still translates.
 */
export function readMessage(message: unknown): MessageDefinition {
  if (!isElement(message)) return { name: { value: '' }, correlationKey: { value: '' } };
  const name = (stringProperty(message, 'name') ?? '').trim();
  const subscription = extension(message, 'zeebe:Subscription');
  const key = (subscription && stringProperty(subscription, 'correlationKey'))?.trim() ?? '';
  return { name: valueSource(name), correlationKey: valueSource(key) };
}

/**
 * The `bpmn:signal` of a signal event. Signals are broadcast by name, so a signal without one
 * could never be caught (or would catch nothing): it is reported here, on the event.
 */
export function readSignal(element: ModdleElement, definition: ModdleElement, context: TranslateContext): SignalDefinition {
  const signal = definition.signalRef;
  const name = (isElement(signal) ? stringProperty(signal, 'name') : undefined)?.trim() ?? '';
  if (name === '') {
    context.report({
      ruleId: 'signal-name-required',
      elementId: element.id,
      message: {
        fr: `L'événement « ${label(element)} » n'a pas de signal nommé : il ne pourrait ni émettre ni recevoir de signal.`,
        en: `Event "${label(element)}" has no named signal: it could neither broadcast nor receive one.`,
      },
      hint: {
        fr: 'Choisissez ou créez un signal (bpmn:signal) et donnez-lui un nom, par exemple « fermeture-guichet ».',
        en: 'Pick or create a signal (bpmn:signal) and give it a name, for example "office-closed".',
      },
    });
  }
  return { name: valueSource(name) };
}

/** The code of the `bpmn:error` or `bpmn:escalation` a definition names (undefined when it names none). */
function codeOf(reference: unknown, property: 'errorCode' | 'escalationCode'): string | undefined {
  const code = isElement(reference) ? stringProperty(reference, property)?.trim() : undefined;
  return code === '' ? undefined : code;
}

export function errorCodeOf(definition: ModdleElement): string | undefined {
  return codeOf(definition.errorRef, 'errorCode');
}

export function escalationCodeOf(definition: ModdleElement): string | undefined {
  return codeOf(definition.escalationRef, 'escalationCode');
}

/**
 * What a boundary event or a start event waits for, for the definition types that can be
 * waited for; undefined for the others (the caller says they are not supported there).
 * Error and escalation catch events without a code catch them all, as in Camunda.
 */
export function readTrigger(element: ModdleElement, definition: ModdleElement, context: TranslateContext): EventTrigger | undefined {
  switch (definition.$type) {
    case 'bpmn:TimerEventDefinition':
      return { type: 'timer', timer: readTimer(definition) };
    case 'bpmn:MessageEventDefinition':
      return { type: 'message', message: readMessage(definition.messageRef) };
    case 'bpmn:SignalEventDefinition':
      return { type: 'signal', signal: readSignal(element, definition, context) };
    case 'bpmn:ErrorEventDefinition': {
      const errorCode = errorCodeOf(definition);
      return errorCode === undefined ? { type: 'error' } : { type: 'error', errorCode };
    }
    case 'bpmn:EscalationEventDefinition': {
      const escalationCode = escalationCodeOf(definition);
      return escalationCode === undefined ? { type: 'escalation' } : { type: 'escalation', escalationCode };
    }
    default:
      return undefined;
  }
}
