/** Writing notifications to the outbox: insert-once under a derived id, so retries write one. */
import { insertOnce, OutboxModel } from '../../platform/storage';

export interface OutboxMessage {
  id: string;
  kind: 'task-created' | 'notice';
  to: string[];
  requested: string[];
  unreachable: string[];
  subject: string;
  body: string;
  taskId?: string;
  instanceId?: string;
}

export async function writeToOutbox(message: OutboxMessage, now = new Date()): Promise<boolean> {
  return insertOnce(OutboxModel, {
    _id: message.id,
    kind: message.kind,
    to: message.to,
    requested: message.requested,
    unreachable: message.unreachable,
    subject: message.subject,
    body: message.body,
    taskId: message.taskId ?? null,
    instanceId: message.instanceId ?? null,
    state: 'pending',
    attempts: 0,
    nextAttemptAt: now,
  });
}
