/**
 * Signals: broadcast by name to every instance waiting for one. A token that waits registers
 * here first (so a delivery arriving meanwhile is not missed), then records its subscription
 * in MongoDB through an activity, so the broadcaster (API or another instance) finds it. Unlike
 * messages, signals are not buffered: a signal reaches the tokens waiting when it is sent.
 */
import { CancellationScope, condition, proxyActivities } from '@temporalio/workflow';
import type { SignalActivities } from '../../activities/contracts';
import type { SignalDefinition } from '../../compiler/graph';
import type { ActiveElement, SignalDelivery } from '../definitions';
import { nextDerivedId, type ExecutionContext } from './context';
import { resolveValue } from './feel';
import { IncidentError } from './incident';
import { handEachDelivery, reportWait, type ParkedSignalWait, type WaitParking } from './parking';

const signalActivities = proxyActivities<SignalActivities>({
  startToCloseTimeout: '10 seconds', // short database writes: a dead worker's attempt is retried soon
});

const RECENT_SIGNALS_KEPT = 100;

interface Subscription {
  name: string;
  delivery?: SignalDelivery;
  /** A listener's subscription, which stays open: signals that came while it handled one, oldest first. */
  backlog?: SignalDelivery[];
}

export class SignalRegistry {
  private readonly waiting = new Map<string, Subscription>();
  /** Signals already handed out: a broadcast resumed after a crash may deliver one again. */
  private readonly delivered: Set<string>;

  /** `delivered`: the last signals a continued instance received before. */
  constructor(delivered: readonly string[] = []) {
    this.delivered = new Set(delivered);
  }

  /** The last signals received, for a continuation (a broadcast resumes within minutes, not after a hundred more). */
  recentlyDelivered(): string[] {
    return [...this.delivered].slice(-RECENT_SIGNALS_KEPT);
  }

  /** Opens a subscription; one a continued instance reopened already is returned as it is (with what it received). */
  open(subscriptionId: string, name: string): Subscription {
    const reopened = this.waiting.get(subscriptionId);
    if (reopened) return reopened;
    const subscription: Subscription = { name };
    this.waiting.set(subscriptionId, subscription);
    return subscription;
  }

  close(subscriptionId: string): void {
    this.waiting.delete(subscriptionId);
  }

  /** Hands the signal to every token waiting for its name (each once; a repeated delivery changes nothing). */
  deliver(delivery: SignalDelivery): void {
    if (this.delivered.has(delivery.signalId)) return;
    this.delivered.add(delivery.signalId);
    for (const subscription of this.waiting.values()) {
      if (subscription.name !== delivery.name) continue;
      if (!subscription.delivery) subscription.delivery = delivery;
      else subscription.backlog?.push(delivery);
    }
  }
}

export function resolveSignalName(signal: SignalDefinition, context: ExecutionContext, elementId: string): string {
  const name = resolveValue(signal.name, context.scope.variables.visible(), elementId);
  if (typeof name !== 'string' || name === '') throw new IncidentError(elementId, `the signal name gave ${JSON.stringify(name)}, not a non-empty string`);
  return name;
}

/**
 * Waits for the signal (on behalf of a catch event, boundary event or event subprocess start).
 * Cancellable. Like a message subscription, a frozen instance leaves the record for its
 * continuation, so a signal broadcast while the instance continues as new still reaches it.
 */
export async function waitForSignal(signal: SignalDefinition, elementId: string, context: ExecutionContext, active?: ActiveElement, parking?: WaitParking): Promise<SignalDelivery> {
  const resumed = parking?.resume?.kind === 'signal' ? parking.resume : undefined;
  const name = resumed?.name ?? resolveSignalName(signal, context, elementId);
  const subscriptionId = resumed?.subscriptionId ?? nextDerivedId(context, elementId);
  const subscription = context.signals.open(subscriptionId, name);
  let withdraw: (() => void) | undefined;
  try {
    // Not cancellable: once the record exists, the finally below must see it to remove it.
    if (!resumed) await CancellationScope.nonCancellable(() => signalActivities.openSignalSubscription({ subscriptionId, instance: { ...context.instance, elementId }, name }));
    if (active) active.signal = name;
    withdraw = reportWait(parking?.slot, (): ParkedSignalWait => ({ kind: 'signal', subscriptionId, name, ...(subscription.delivery ? { delivery: subscription.delivery } : {}) }));
    await condition(() => subscription.delivery !== undefined);
    if (context.parking.isFrozen) await context.parking.hold();
    return subscription.delivery!;
  } finally {
    withdraw?.();
    context.signals.close(subscriptionId);
    if (active) delete active.signal;
    await CancellationScope.nonCancellable(() => signalActivities.closeSignalSubscription({ subscriptionId }));
  }
}

/**
 * Listens for every broadcast of the signal while the caller's scope runs (non-interrupting
 * boundary events and event subprocess starts): one subscription for the whole time, so that
 * a signal broadcast while the previous one is being handled still reaches it.
 */
export async function listenForSignals(signal: SignalDefinition, elementId: string, context: ExecutionContext, fire: (delivery: SignalDelivery) => void, parking?: WaitParking): Promise<void> {
  const resumed = parking?.resume?.kind === 'signal' ? parking.resume : undefined;
  const name = resumed?.name ?? resolveSignalName(signal, context, elementId);
  const subscriptionId = resumed?.subscriptionId ?? nextDerivedId(context, elementId);
  const subscription = context.signals.open(subscriptionId, name);
  subscription.backlog ??= [...(resumed?.backlog ?? [])];
  let withdraw: (() => void) | undefined;
  try {
    if (!resumed) await CancellationScope.nonCancellable(() => signalActivities.openSignalSubscription({ subscriptionId, instance: { ...context.instance, elementId }, name }));
    const backlog = subscription.backlog;
    withdraw = reportWait(parking?.slot, (): ParkedSignalWait => ({
      kind: 'signal',
      subscriptionId,
      name,
      ...(subscription.delivery ? { delivery: subscription.delivery } : {}),
      backlog: [...backlog],
    }));
    await handEachDelivery(subscription, context.parking, () => backlog.shift(), fire);
  } finally {
    withdraw?.();
    context.signals.close(subscriptionId);
    await CancellationScope.nonCancellable(() => signalActivities.closeSignalSubscription({ subscriptionId }));
  }
}

/** A signal throw event: broadcast once (the id is derived, so a retried activity does not send twice). */
export async function broadcastSignal(signal: SignalDefinition, elementId: string, context: ExecutionContext, variables: Record<string, unknown>): Promise<void> {
  const name = resolveSignalName(signal, context, elementId);
  const signalId = nextDerivedId(context, elementId);
  await signalActivities.broadcastSignal({ signalId, name, variables, instance: { ...context.instance, elementId } });
}
