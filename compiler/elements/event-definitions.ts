/** Reads the timer and message definitions of events and receive tasks. */
import { extension, isElement, stringProperty, type ModdleElement } from '../bpmn-xml';
import type { MessageDefinition, TimerDefinition } from '../graph';
import { valueSource } from './common';

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
