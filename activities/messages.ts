/**
 * The worker's side of message correlation: a waiting token's subscription record (so the API
 * can find the instance) and the buffer of messages published before anyone waited. Both
 * idempotent, since Temporal retries activities.
 */
import { insertOnce, MessageModel, MessageSubscriptionModel, type MessageRecord } from '../platform/storage';
import type { CloseMessageSubscriptionRequest, MessageActivities, MessageDelivery, OpenMessageSubscriptionRequest } from './contracts';

export function deliveryOf(message: Pick<MessageRecord, '_id' | 'name' | 'correlationKey' | 'variables' | 'expiresAt'>): MessageDelivery {
  return {
    messageId: message._id,
    name: message.name,
    correlationKey: message.correlationKey,
    variables: (message.variables ?? {}) as Record<string, unknown>,
    ...(message.expiresAt ? { expiresAt: new Date(message.expiresAt).toISOString() } : {}),
  };
}

/**
 * Gives `message` to `instanceId` unless that instance already had it: a conditional update,
 * so of the API and the workflow racing for the same message, one wins.
 */
export async function claimMessage(messageId: string, instanceId: string, subscriptionId: string): Promise<boolean> {
  const result = await MessageModel.updateOne(
    { _id: messageId, correlatedInstances: { $ne: instanceId } },
    { $push: { correlatedInstances: instanceId, correlatedSubscriptions: subscriptionId } },
  );
  return result.modifiedCount === 1;
}

export async function openMessageSubscription(request: OpenMessageSubscriptionRequest): Promise<MessageDelivery | null> {
  const { subscriptionId, instance, name, correlationKey } = request;
  // The record first: a message published from now on finds the instance.
  await insertOnce(MessageSubscriptionModel, {
    _id: subscriptionId,
    instanceId: instance.instanceId,
    processKey: instance.processKey,
    processVersion: instance.processVersion,
    elementId: instance.elementId,
    name,
    correlationKey,
    openedAt: new Date(),
  });
  // A retry after a claim that succeeded gets the same message again.
  const claimed = await MessageModel.findOne({ correlatedSubscriptions: subscriptionId }).lean<MessageRecord>();
  if (claimed) return deliveryOf(claimed);
  // Then a message published before: the oldest still alive this instance has not had.
  const candidates = await MessageModel.find({ name, correlationKey, expiresAt: { $gt: new Date() }, correlatedInstances: { $ne: instance.instanceId } })
    .sort({ publishedAt: 1, _id: 1 })
    .limit(20)
    .lean<MessageRecord[]>();
  for (const candidate of candidates) {
    if (await claimMessage(candidate._id, instance.instanceId, subscriptionId)) return deliveryOf(candidate);
  }
  return null;
}

export async function closeMessageSubscription(request: CloseMessageSubscriptionRequest): Promise<void> {
  await MessageSubscriptionModel.deleteOne({ _id: request.subscriptionId });
}

/** What the worker registers (see `createActivities`). */
export const messageActivities: MessageActivities = { openMessageSubscription, closeMessageSubscription };
