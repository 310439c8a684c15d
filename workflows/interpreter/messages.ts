/**
 * Message subscriptions of one instance. A token that waits for a message registers here
 * first (so a Signal arriving meanwhile is not missed), then records the subscription in
 * MongoDB through an activity, which also hands back a buffered message if one is waiting.
 * The subscription record is removed whenever the token stops waiting, canceled or not.
 */
import { CancellationScope, condition, log, patched, proxyActivities } from '@temporalio/workflow';
import type { MessageActivities, MessageDelivery } from '../../activities/contracts';
import type { MessageDefinition } from '../../compiler/graph';
import type { ActiveElement } from '../definitions';
import { nextDerivedId, type ExecutionContext } from './context';
import { resolveValue } from './feel';
import { IncidentError } from './incident';
import { handEachDelivery, reportWait, type ParkedMessageWait, type WaitParking } from './parking';

const messageActivities = proxyActivities<MessageActivities>({
  startToCloseTimeout: '10 seconds', // short database writes: a dead worker's attempt is retried soon
  // Retried until the database answers: a lost subscription would strand the token.
});

interface Subscription {
  name: string;
  correlationKey: string;
  delivery?: MessageDelivery;
  /** A listener's subscription, which stays open: the messages it already took. */
  taken?: Set<string>;
  /** A listener's subscription: messages that came while it handled one, oldest first. */
  backlog?: MessageDelivery[];
}

export class MessageRegistry {
  /** Open subscriptions, in the order tokens started waiting (the oldest gets a message first). */
  private readonly waiting = new Map<string, Subscription>();
  /**
   * Messages correlated to this instance that found no token waiting any more (it stopped
   * waiting between the API's lookup and the delivery): MongoDB counts them as this
   * instance's, so they are kept here, within their time to live, for the next token that waits.
   */
  private readonly undelivered: MessageDelivery[];

  /** `undelivered`: the kept messages a continued instance carried over. */
  constructor(undelivered: MessageDelivery[] = []) {
    this.undelivered = [...undelivered];
  }

  /** The open subscriptions' ids, oldest first (for a continuation). */
  subscriptionOrder(): string[] {
    return [...this.waiting.keys()];
  }

  /** Keeps a message the instance received, for the next token that waits for it (a listener stopped before handling it). */
  keep(delivery: MessageDelivery): void {
    if (!this.undelivered.some((kept) => kept.messageId === delivery.messageId)) this.undelivered.push(delivery);
  }

  /** The kept messages, for a continuation. */
  keptMessages(): MessageDelivery[] {
    return [...this.undelivered];
  }

  /** Opens a subscription; one a continued instance reopened already is returned as it is (with what it received). */
  open(subscriptionId: string, name: string, correlationKey: string): Subscription {
    const reopened = this.waiting.get(subscriptionId);
    if (reopened) return reopened;
    const subscription: Subscription = { name, correlationKey };
    this.waiting.set(subscriptionId, subscription);
    return subscription;
  }

  close(subscriptionId: string): void {
    this.waiting.delete(subscriptionId);
  }

  /** Hands a delivered message to the first token waiting for it; false when none waits. */
  deliver(delivery: MessageDelivery): boolean {
    const isFor = (subscription: Subscription) => subscription.name === delivery.name && subscription.correlationKey === delivery.correlationKey;
    for (const subscription of this.waiting.values()) {
      const seen = subscription.delivery?.messageId === delivery.messageId || subscription.taken?.has(delivery.messageId) || subscription.backlog?.some((queued) => queued.messageId === delivery.messageId);
      if (seen) return true; // a duplicate signal
    }
    for (const subscription of this.waiting.values()) {
      if (subscription.delivery || !isFor(subscription)) continue;
      subscription.delivery = delivery;
      return true;
    }
    // Every subscription for it is busy: a listener queues it (it came within its time to live).
    for (const subscription of this.waiting.values()) {
      if (!subscription.backlog || !isFor(subscription)) continue;
      subscription.backlog.push(delivery);
      return true;
    }
    this.keep(delivery);
    return false;
  }

  hasUndelivered(): boolean {
    return this.undelivered.length > 0;
  }

  /** The oldest kept message for this name and key still alive at `now`, removed from the kept ones. */
  takeUndelivered(name: string, correlationKey: string, now: number): MessageDelivery | undefined {
    for (let index = this.undelivered.length - 1; index >= 0; index--) {
      const expiresAt = this.undelivered[index]!.expiresAt;
      if (expiresAt !== undefined && Date.parse(expiresAt) <= now) this.undelivered.splice(index, 1);
    }
    const index = this.undelivered.findIndex((kept) => kept.name === name && kept.correlationKey === correlationKey);
    return index < 0 ? undefined : this.undelivered.splice(index, 1)[0];
  }
}

/** The message's name and correlation key, evaluated now (Camunda: when the token arrives). */
export function resolveMessage(message: MessageDefinition, context: ExecutionContext, elementId: string): { name: string; correlationKey: string } {
  const variables = context.scope.variables.visible();
  const name = resolveValue(message.name, variables, elementId);
  const key = resolveValue(message.correlationKey, variables, elementId);
  if (typeof name !== 'string' || name === '') throw new IncidentError(elementId, `the message name gave ${JSON.stringify(name)}, not a non-empty string`);
  if (typeof key !== 'string' && typeof key !== 'number') {
    throw new IncidentError(elementId, `the correlation key gave ${JSON.stringify(key)}; it must be a string or a number`);
  }
  return { name, correlationKey: String(key) };
}

/**
 * Waits for the message `message` (on behalf of `elementId`: a catch event, a receive task or
 * a boundary event) and returns it. Cancellable; the subscription is closed in every case but
 * one: a frozen instance (parking.ts) leaves it open for its continuation, which takes it up
 * (`parking.resume`) without recording it again.
 */
export async function waitForMessage(
  message: MessageDefinition,
  elementId: string,
  context: ExecutionContext,
  active?: ActiveElement,
  parking?: WaitParking,
): Promise<MessageDelivery> {
  const resumed = parking?.resume?.kind === 'message' ? parking.resume : undefined;
  const { name, correlationKey } = resumed ?? resolveMessage(message, context, elementId);
  const subscriptionId = resumed?.subscriptionId ?? nextDerivedId(context, elementId);
  // A message this instance already received while no token waited: taken without a new
  // subscription (patched: instances that started before this kept nothing).
  const kept = !resumed && context.messages.hasUndelivered() && patched('keep-undelivered-messages') ? context.messages.takeUndelivered(name, correlationKey, new Date().getTime()) : undefined;
  if (kept) return kept;
  const subscription = context.messages.open(subscriptionId, name, correlationKey);
  let withdraw: (() => void) | undefined;
  try {
    if (!resumed) {
      // Not cancellable: once the record exists, the finally below must see it to remove it,
      // and a buffered message it took must not be lost halfway.
      const buffered = await CancellationScope.nonCancellable(() =>
        messageActivities.openMessageSubscription({ subscriptionId, instance: { ...context.instance, elementId }, name, correlationKey }),
      );
      if (buffered && subscription.delivery && subscription.delivery.messageId !== buffered.messageId) {
        log.warn('Two messages reached one subscription at once; the later one is ignored', { subscriptionId, ignored: subscription.delivery.messageId });
      }
      if (buffered) subscription.delivery = buffered;
    }
    // Shown once the subscription is recorded: from then on a published message finds it.
    if (active && !subscription.delivery) active.message = { name, correlationKey };
    withdraw = reportWait(parking?.slot, (): ParkedMessageWait => ({ kind: 'message', subscriptionId, name, correlationKey, ...(subscription.delivery ? { delivery: subscription.delivery } : {}) }));
    await condition(() => subscription.delivery !== undefined);
    if (context.parking.isFrozen) await context.parking.hold();
    return subscription.delivery!;
  } finally {
    withdraw?.();
    context.messages.close(subscriptionId);
    if (active) delete active.message;
    await CancellationScope.nonCancellable(() => messageActivities.closeMessageSubscription({ subscriptionId }));
  }
}

/**
 * Listens for every message of this name and key while the caller's scope runs (a
 * non-interrupting boundary event, a non-interrupting event subprocess's message start): one
 * subscription for the whole time, as in Camunda, so that a message published while the
 * previous one is being handled still finds it (queued in the subscription's backlog).
 * Cancellable; the subscription is closed when the listener stops (but for a frozen instance,
 * whose continuation takes it up), and what it had not handled yet is kept by the instance.
 */
export async function listenForMessages(
  message: MessageDefinition,
  elementId: string,
  context: ExecutionContext,
  fire: (delivery: MessageDelivery) => void,
  parking?: WaitParking,
): Promise<void> {
  const resumed = parking?.resume?.kind === 'message' ? parking.resume : undefined;
  const { name, correlationKey } = resumed ?? resolveMessage(message, context, elementId);
  const subscriptionId = resumed?.subscriptionId ?? nextDerivedId(context, elementId);
  const subscription = context.messages.open(subscriptionId, name, correlationKey);
  const taken = (subscription.taken = new Set());
  const backlog = (subscription.backlog ??= [...(resumed?.backlog ?? [])]);
  const next = () => backlog.shift() ?? context.messages.takeUndelivered(name, correlationKey, new Date().getTime());
  let withdraw: (() => void) | undefined;
  try {
    if (!resumed) {
      // A message the instance kept (no token waited for it) comes first.
      subscription.delivery ??= context.messages.takeUndelivered(name, correlationKey, new Date().getTime());
      // Not cancellable, as in waitForMessage.
      const buffered = await CancellationScope.nonCancellable(() =>
        messageActivities.openMessageSubscription({ subscriptionId, instance: { ...context.instance, elementId }, name, correlationKey }),
      );
      if (buffered) context.messages.deliver(buffered);
    }
    withdraw = reportWait(parking?.slot, (): ParkedMessageWait => ({
      kind: 'message',
      subscriptionId,
      name,
      correlationKey,
      ...(subscription.delivery ? { delivery: subscription.delivery } : {}),
      backlog: [...backlog],
    }));
    await handEachDelivery(subscription, context.parking, next, (delivery) => {
      taken.add(delivery.messageId);
      fire(delivery);
    });
  } finally {
    withdraw?.();
    context.messages.close(subscriptionId);
    for (const unhandled of [subscription.delivery, ...backlog]) if (unhandled) context.messages.keep(unhandled);
    await CancellationScope.nonCancellable(() => messageActivities.closeMessageSubscription({ subscriptionId }));
  }
}
