/**
 * The worker's side of signals: a waiting token's subscription record (so a broadcast finds the
 * instance) and the broadcast of a signal throw event, which is the API's broadcast run from the
 * worker (platform/instances/broadcast-signal.ts): same targets, same once-per-signal-id guarantee.
 * All idempotent, since Temporal retries activities.
 */
import { Context } from '@temporalio/activity';
import { broadcastSignal as broadcast } from '../platform/instances/broadcast-signal';
import { insertOnce, SignalSubscriptionModel } from '../platform/storage';
import type { BroadcastSignalRequest, OpenSignalSubscriptionRequest, SignalActivities } from './contracts';

export async function openSignalSubscription({ subscriptionId, instance, name }: OpenSignalSubscriptionRequest): Promise<void> {
  await insertOnce(SignalSubscriptionModel, { _id: subscriptionId, instanceId: instance.instanceId, processKey: instance.processKey, elementId: instance.elementId, name, openedAt: new Date() });
}

export async function closeSignalSubscription({ subscriptionId }: { subscriptionId: string }): Promise<void> {
  await SignalSubscriptionModel.deleteOne({ _id: subscriptionId });
}

/**
 * The signal activities of a worker whose instances run on its own task queue (activities run
 * there too, so the activity's task queue is the one to start instances on) and send external
 * service tasks to `externalTaskQueue`.
 */
export function signalActivities(externalTaskQueue: string): SignalActivities {
  return {
    openSignalSubscription,
    closeSignalSubscription,
    async broadcastSignal({ signalId, name, variables, instance }: BroadcastSignalRequest): Promise<void> {
      const context = Context.current();
      await broadcast({ client: context.client, taskQueue: context.info.taskQueue, externalTaskQueue }, { signalId, name, variables, publishedBy: `instance:${instance.instanceId}` });
    },
  };
}
