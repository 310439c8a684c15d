/**
 * Publishing a message (Camunda semantics): it correlates with every instance waiting for its
 * name and correlation key now, and stays available until its time to live ends to instances
 * that start waiting later. Each instance receives a message at most once. Publishing to
 * nobody is not an error. A process whose latest version has a message start event of that
 * name starts an instance (platform/instances/message-start.ts). Each publication also purges old expired messages.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import { claimMessage, deliveryOf } from '../../activities/messages';
import { MessageModel, MessageSubscriptionModel, type MessageSubscriptionRecord } from '../../platform/storage';
import { deliverMessageSignal } from '../../workflows/definitions';
import { startAtMessageStartEvents } from '../../platform/instances/message-start';
import type { TemporalSettings } from '../../platform/instances/start-version';
import { purgeExpiredMessages } from './purge-expired';

export interface PublishMessageRequest {
  name: string;
  correlationKey: string;
  variables: Record<string, unknown>;
  timeToLiveSeconds: number;
  publishedBy: string;
}

export interface PublishMessageResult {
  messageId: string;
  /** Instances the message was delivered to now. */
  correlated: number;
  /** Instances it started at message start events. */
  startedInstances: string[];
  /** True while it stays available to instances that start waiting later (time to live > 0). */
  buffered: boolean;
  expiresAt: string;
}

export async function publishMessage(temporal: TemporalSettings, request: PublishMessageRequest): Promise<PublishMessageResult> {
  const publishedAt = new Date();
  const expiresAt = new Date(publishedAt.getTime() + request.timeToLiveSeconds * 1000);
  // Stored first: an instance that starts waiting from now on finds it in the buffer, and one
  // that already waits is found below. Whichever claims it for an instance delivers it.
  const message = await MessageModel.create({
    _id: randomUUID(),
    name: request.name,
    correlationKey: request.correlationKey,
    variables: request.variables,
    publishedBy: request.publishedBy,
    publishedAt,
    expiresAt,
  });
  const subscriptions = await MessageSubscriptionModel.find({ name: request.name, correlationKey: request.correlationKey })
    .sort({ openedAt: 1, _id: 1 })
    .lean<MessageSubscriptionRecord[]>();
  const firstPerInstance = new Map<string, MessageSubscriptionRecord>();
  for (const subscription of subscriptions) if (!firstPerInstance.has(subscription.instanceId)) firstPerInstance.set(subscription.instanceId, subscription);

  let correlated = 0;
  const correlatedProcesses = new Set<string>();
  for (const [instanceId, subscription] of firstPerInstance) {
    if (!(await claimMessage(message._id, instanceId, subscription._id))) {
      correlated += 1; // the instance took it from the buffer meanwhile
      correlatedProcesses.add(subscription.processKey);
      continue;
    }
    try {
      await temporal.client.workflow.getHandle(instanceId).signal(deliverMessageSignal, deliveryOf(message));
      correlated += 1;
      correlatedProcesses.add(subscription.processKey);
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
      // The instance is over (its subscriptions outlived it): give the message back, drop them.
      await MessageModel.updateOne({ _id: message._id }, { $pull: { correlatedInstances: instanceId, correlatedSubscriptions: subscription._id } });
      await MessageSubscriptionModel.deleteMany({ instanceId });
    }
  }
  const startedInstances = await startAtMessageStartEvents(
    temporal,
    { messageId: message._id, name: request.name, correlationKey: request.correlationKey, variables: request.variables, publishedBy: request.publishedBy },
    correlatedProcesses,
  );
  await purgeExpiredMessages(publishedAt);
  return { messageId: message._id, correlated, startedInstances, buffered: expiresAt > publishedAt, expiresAt: expiresAt.toISOString() };
}
