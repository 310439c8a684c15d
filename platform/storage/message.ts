/**
 * Published messages (POST /api/v1/messages). A message correlates with the instances waiting
 * for its name and correlation key when it is published, and stays available until it expires
 * (`expiresAt`, from its time to live) to instances that start waiting later: each instance
 * receives a given message at most once (`correlatedInstances`, updated conditionally).
 */
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const messageSchema = new Schema(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    correlationKey: { type: String, required: true },
    variables: { type: Schema.Types.Mixed, default: {} },
    publishedBy: { type: String, required: true },
    publishedAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    /** Instances that received it, and through which subscription (same order). */
    correlatedInstances: { type: [String], default: [] },
    correlatedSubscriptions: { type: [String], default: [] },
  },
  { minimize: false },
);
messageSchema.index({ name: 1, correlationKey: 1, expiresAt: 1 });
messageSchema.index({ correlatedSubscriptions: 1 });

export type MessageRecord = InferSchemaType<typeof messageSchema> & { _id: string };
export const MessageModel = mongoose.model('Message', messageSchema);
