/**
 * Message start events (Camunda 8 semantics): a published message whose name is that of a
 * message start event of the latest version of a process starts an instance there, with the
 * message's variables, unless
 * - the message already went to a waiting instance of that process (a message correlates at
 *   most once per process), or
 * - an instance of that process started by a message with the same correlation key is still
 *   active (at most one per process and correlation key).
 * The correlation key becomes the instance's business key.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import { insertOnce, MessageModel, MessageStartLockModel } from '../storage';
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

/** Takes the (process, correlation key) lock for `instanceId`; false while another active instance holds it. */
async function lockFor(temporal: TemporalSettings, processKey: string, message: PublishedMessage, instanceId: string): Promise<boolean> {
  const _id = `${processKey}\u0000${message.correlationKey}`;
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

/** Starts the instances `message` starts; `correlatedProcesses` are those it already went to. Returns their ids. */
export async function startAtMessageStartEvents(temporal: TemporalSettings, message: PublishedMessage, correlatedProcesses: ReadonlySet<string>): Promise<string[]> {
  const starts = await latestStartEvents((trigger) => trigger.type === 'message' && staticValue(trigger.message.name) === message.name);
  const started: string[] = [];
  const seen = new Set<string>(correlatedProcesses);
  for (const { deployed, startEvent } of starts) {
    if (seen.has(deployed.processKey)) continue;
    seen.add(deployed.processKey);
    const instanceId = `${deployed.processKey}-${randomUUID()}`;
    if (!(await lockFor(temporal, deployed.processKey, message, instanceId))) continue;
    // Marked as received first: the new instance's own catch events must not take it again.
    await MessageModel.updateOne({ _id: message.messageId }, { $push: { correlatedInstances: instanceId, correlatedSubscriptions: `${instanceId}:${startEvent.id}:start` } });
    try {
      await startVersion({ deployed, variables: message.variables, businessKey: message.correlationKey, startedBy: message.publishedBy, startNodeId: startEvent.id, instanceId }, temporal);
    } catch (error) {
      await MessageStartLockModel.deleteOne({ _id: `${deployed.processKey}\u0000${message.correlationKey}`, instanceId });
      await MessageModel.updateOne({ _id: message.messageId }, { $pull: { correlatedInstances: instanceId, correlatedSubscriptions: `${instanceId}:${startEvent.id}:start` } });
      throw error;
    }
    started.push(instanceId);
  }
  return started;
}
