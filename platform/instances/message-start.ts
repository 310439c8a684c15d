/**
 * Message start events (Camunda 8 semantics): a published message whose name is that of a
 * message start event of the latest version of a process starts an instance there, with the
 * message's variables, unless
 * - the message already went to a waiting instance of that process (a message correlates at
 *   most once per process), or
 * - an instance of that process started by a message with the same correlation key is still
 *   active (at most one per process and correlation key).
 * The correlation key becomes the instance's business key. When that instance ends, it releases
 * its lock (the worker's `releaseMessageStart` activity), and a message of the same key that
 * waited in the buffer meanwhile starts the next instance.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import { insertOnce, MessageModel, MessageStartLockModel, type MessageRecord } from '../storage';
import { latestStartEvents, staticValue } from './event-start-events';
import { startVersion, type TemporalSettings } from './start-version';

export interface PublishedMessage {
  messageId: string;
  name: string;
  correlationKey: string;
  variables: Record<string, unknown>;
  publishedBy: string;
}

/**
 * How long a lock may name an instance Temporal does not know: the publication that took it is
 * starting it. (One that failed to start removes its lock; only a crashed API leaves one behind.)
 */
const STARTING_GRACE_MS = 60_000;

/** A lock whose instance is running (or being started) blocks; one whose instance is over is taken over. */
async function isActive(temporal: TemporalSettings, holder: { instanceId: string; at: Date }): Promise<boolean> {
  try {
    return (await temporal.client.workflow.getHandle(holder.instanceId).describe()).status.name === 'RUNNING';
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return Date.now() - holder.at.getTime() < STARTING_GRACE_MS;
    throw error;
  }
}

const lockId = (processKey: string, correlationKey: string) => `${processKey}\u0000${correlationKey}`;

/** Takes the (process, correlation key) lock for `instanceId`; false while another active instance holds it. */
async function lockFor(temporal: TemporalSettings, processKey: string, message: PublishedMessage, instanceId: string): Promise<boolean> {
  const _id = lockId(processKey, message.correlationKey);
  const lock = { _id, processKey, correlationKey: message.correlationKey, instanceId, messageId: message.messageId, at: new Date() };
  // Two rounds: a stale lock is removed once (conditionally, so a fresh one is never removed).
  for (let round = 0; round < 2; round += 1) {
    if (await insertOnce(MessageStartLockModel, lock)) return true;
    const holder = await MessageStartLockModel.findById(_id).lean();
    if (!holder) continue;
    if (await isActive(temporal, holder)) return false;
    await MessageStartLockModel.deleteOne({ _id, instanceId: holder.instanceId });
  }
  return false;
}

/**
 * Starts the instances `message` starts; `correlatedProcesses` are those it already went to;
 * `onlyProcess` limits it to one process. Returns their ids.
 */
export async function startAtMessageStartEvents(temporal: TemporalSettings, message: PublishedMessage, correlatedProcesses: ReadonlySet<string>, onlyProcess?: string): Promise<string[]> {
  const starts = await latestStartEvents((trigger) => trigger.type === 'message' && staticValue(trigger.message.name) === message.name);
  const started: string[] = [];
  const seen = new Set<string>(correlatedProcesses);
  for (const { deployed, startEvent } of starts) {
    if (onlyProcess !== undefined && deployed.processKey !== onlyProcess) continue;
    if (seen.has(deployed.processKey)) continue;
    seen.add(deployed.processKey);
    const instanceId = `${deployed.processKey}-${randomUUID()}`;
    if (!(await lockFor(temporal, deployed.processKey, message, instanceId))) continue;
    // Marked as received first: the new instance's own catch events must not take it again.
    await MessageModel.updateOne({ _id: message.messageId }, { $push: { correlatedInstances: instanceId, correlatedSubscriptions: `${instanceId}:${startEvent.id}:start` } });
    try {
      await startVersion({ deployed, variables: message.variables, businessKey: message.correlationKey, startedBy: message.publishedBy, startNodeId: startEvent.id, instanceId }, temporal);
    } catch (error) {
      await MessageStartLockModel.deleteOne({ _id: lockId(deployed.processKey, message.correlationKey), instanceId });
      await MessageModel.updateOne({ _id: message.messageId }, { $pull: { correlatedInstances: instanceId, correlatedSubscriptions: `${instanceId}:${startEvent.id}:start` } });
      throw error;
    }
    started.push(instanceId);
  }
  return started;
}

/** Whether `message` already went to an instance of `processKey` (instance ids are `<process key>-<uuid>`). */
function wentTo(message: MessageRecord, processKey: string): boolean {
  const prefix = `${processKey}-`;
  return message.correlatedInstances.some((instanceId) => instanceId.startsWith(prefix) && /^[0-9a-f-]{36}$/.test(instanceId.slice(prefix.length)));
}

/**
 * An instance a message started is over: its (process, correlation key) lock goes, and the
 * oldest message of that key still in the buffer (not expired, not yet gone to that process)
 * starts the next instance, as Camunda does. Returns the instance started, if any. Idempotent:
 * a retry finds the lock gone or held by the instance it started.
 */
export async function releaseMessageStart(temporal: TemporalSettings, ended: { instanceId: string; processKey: string; correlationKey: string }, now = new Date()): Promise<string | undefined> {
  const _id = lockId(ended.processKey, ended.correlationKey);
  const holder = await MessageStartLockModel.findById(_id, { instanceId: 1 }).lean<{ instanceId: string }>();
  if (holder && holder.instanceId !== ended.instanceId) return undefined; // already taken over
  if (holder) await MessageStartLockModel.deleteOne({ _id });
  const names = (await latestStartEvents((trigger) => trigger.type === 'message'))
    .filter(({ deployed }) => deployed.processKey === ended.processKey)
    .map(({ startEvent }) => (startEvent.trigger.type === 'message' ? staticValue(startEvent.trigger.message.name) : undefined))
    .filter((name): name is string => name !== undefined);
  if (names.length === 0) return undefined;
  const waiting = await MessageModel.find({ name: { $in: names }, correlationKey: ended.correlationKey, expiresAt: { $gt: now } })
    .sort({ publishedAt: 1, _id: 1 })
    .lean<MessageRecord[]>();
  for (const message of waiting) {
    if (wentTo(message, ended.processKey)) continue;
    const published = { messageId: message._id, name: message.name, correlationKey: message.correlationKey, variables: (message.variables ?? {}) as Record<string, unknown>, publishedBy: message.publishedBy };
    const [started] = await startAtMessageStartEvents(temporal, published, new Set(), ended.processKey);
    if (started) return started;
  }
  return undefined;
}
