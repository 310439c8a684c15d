/**
 * Broadcasting a signal (Camunda semantics), the one implementation behind POST /api/v1/signals
 * and the worker's signal throw events: (a) every instance with a token waiting for the
 * signal's name receives it (one `deliverSignal` per instance, for all its waiting tokens);
 * instances that ended meanwhile are skipped; (b) every process whose latest version has a
 * signal start event of that name starts one instance there, with the signal's variables.
 *
 * Once per signal id, even when retried: the broadcast record (inserted first, unique id) is
 * the arbiter. A broadcast interrupted midway is resumed: instances already signaled are
 * skipped, and started instances have ids derived from the signal id, so Temporal refuses to
 * start them twice.
 */
import { createHash } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { deliverSignalSignal } from '../../workflows/definitions';
import { deleteBatch, insertOnce, SignalBroadcastModel, SignalSubscriptionModel, type SignalBroadcastRecord, type SignalSubscriptionRecord } from '../storage';
import { latestStartEvents, staticValue } from './event-start-events';
import { startVersion, type TemporalSettings } from './start-version';

export interface BroadcastSignalRequest {
  signalId: string;
  name: string;
  variables: Record<string, unknown>;
  /** A username, or `instance:<id>` when a signal throw event broadcasts. */
  publishedBy: string;
}

export interface BroadcastSignalResult {
  signalId: string;
  /** Instances that had a token waiting for the signal. */
  delivered: number;
  /** Instances started at signal start events. */
  started: number;
}

/** How long a completed broadcast's record is kept. */
const BROADCAST_KEPT_MS = 7 * 24 * 3600 * 1000;

/** `<processKey>-<uuid-shaped hash>`: the same signal starts the same instance id. */
function derivedInstanceId(signalId: string, processKey: string, startEventId: string): string {
  const hex = createHash('sha256').update(`${signalId}\u0000${processKey}\u0000${startEventId}`).digest('hex');
  return `${processKey}-${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

const resultOf = (record: Pick<SignalBroadcastRecord, '_id' | 'deliveredTo' | 'startedInstances'>): BroadcastSignalResult => ({
  signalId: record._id,
  delivered: record.deliveredTo.length,
  started: record.startedInstances.length,
});

export async function broadcastSignal(temporal: TemporalSettings, request: BroadcastSignalRequest): Promise<BroadcastSignalResult> {
  const { signalId, name, variables } = request;
  const publishedAt = new Date();
  const first = await insertOnce(SignalBroadcastModel, { _id: signalId, name, variables, publishedBy: request.publishedBy, publishedAt, deliveredTo: [], startedInstances: [] });
  const earlier = first ? null : await SignalBroadcastModel.findById(signalId).lean<SignalBroadcastRecord>();
  if (earlier?.completedAt) return resultOf(earlier);

  // A resumed broadcast reaches only the tokens that were waiting when it began.
  const subscriptions = await SignalSubscriptionModel.find({ name, ...(earlier ? { openedAt: { $lte: earlier.publishedAt } } : {}) })
    .sort({ openedAt: 1, _id: 1 })
    .lean<SignalSubscriptionRecord[]>();
  const done = new Set(earlier?.deliveredTo ?? []);
  const instanceIds = [...new Set(subscriptions.map((subscription) => subscription.instanceId))].filter((id) => !done.has(id));
  for (const instanceId of instanceIds) {
    try {
      await temporal.client.workflow.getHandle(instanceId).signal(deliverSignalSignal, { signalId, name, variables });
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
      // The instance is over (its subscriptions outlived it): not an error, drop them.
      await SignalSubscriptionModel.deleteMany({ instanceId });
      continue;
    }
    await SignalBroadcastModel.updateOne({ _id: signalId }, { $push: { deliveredTo: instanceId } });
  }

  const starts = await latestStartEvents((trigger) => trigger.type === 'signal' && staticValue(trigger.signal.name) === name);
  const alreadyStarted = new Set(earlier?.startedInstances ?? []);
  for (const { deployed, startEvent } of starts) {
    const instanceId = derivedInstanceId(signalId, deployed.processKey, startEvent.id);
    if (alreadyStarted.has(instanceId)) continue;
    try {
      await startVersion({ deployed, variables, startedBy: request.publishedBy, startNodeId: startEvent.id, instanceId }, temporal);
    } catch (error) {
      // Started by the interrupted attempt: it counts, once.
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
    await SignalBroadcastModel.updateOne({ _id: signalId }, { $push: { startedInstances: instanceId } });
  }

  await SignalBroadcastModel.updateOne({ _id: signalId }, { $set: { completedAt: new Date() } });
  const result = resultOf((await SignalBroadcastModel.findById(signalId).lean<SignalBroadcastRecord>())!);
  await purgeOldBroadcasts(publishedAt);
  return result;
}

/**
 * A broadcast's record only guards against a retry broadcasting twice, and retries come within
 * minutes: completed records older than a week go, a bounded batch at a time, on each
 * broadcast (FerretDB 1.x has no TTL indexes). Returns how many went.
 */
function purgeOldBroadcasts(now = new Date()): Promise<number> {
  return deleteBatch(SignalBroadcastModel, { completedAt: { $ne: null, $lt: new Date(now.getTime() - BROADCAST_KEPT_MS) } });
}
