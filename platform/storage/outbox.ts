/**
 * Notifications to send: written by the worker (task created, `rouage.notify`), sent by the
 * outbox sender (activities/notifications/sender.ts) through SMTP. Writing first and sending
 * after means a notice is never lost to an SMTP outage, and a retried activity writes it once
 * (derived `_id`). Without SMTP (development) messages stay `pending`, readable by admins.
 */
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

export const OUTBOX_STATES = ['pending', 'sent', 'failed'] as const;

const outboxSchema = new Schema(
  {
    /** Derived from what caused it (task id, instance + element + occurrence): idempotent. */
    _id: { type: String, required: true },
    kind: { type: String, enum: ['task-created', 'notice'], required: true },
    /** Email addresses resolved when the message was written. */
    to: { type: [String], default: [] },
    /** The user ids / group ids / addresses asked for, and those that had no address. */
    requested: { type: [String], default: [] },
    unreachable: { type: [String], default: [] },
    subject: { type: String, required: true },
    body: { type: String, required: true },
    taskId: { type: String, default: null },
    instanceId: { type: String, default: null },
    state: { type: String, enum: OUTBOX_STATES, default: 'pending' },
    attempts: { type: Number, default: 0 },
    /** When the sender may try again (after a failure: backoff). */
    nextAttemptAt: { type: Date, required: true },
    lastError: { type: String, default: null },
    sentAt: { type: Date, default: null },
  },
  { timestamps: true, minimize: false },
);
// The sender's scan: pending messages due for an attempt.
outboxSchema.index({ state: 1, nextAttemptAt: 1 });
// The admins' page: newest first.
outboxSchema.index({ createdAt: -1 });

export type OutboxRecord = InferSchemaType<typeof outboxSchema> & { _id: string };
export const OutboxModel = mongoose.model('Outbox', outboxSchema, 'outbox');
