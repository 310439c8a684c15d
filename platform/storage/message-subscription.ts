/**
 * Tokens waiting for a message: one record per waiting token, written by the workflow (through
 * an activity) when the token starts waiting and removed when it stops. The API finds the
 * instances to signal here. Ids are derived (instance:element:occurrence).
 */
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const messageSubscriptionSchema = new Schema({
  _id: { type: String, required: true },
  instanceId: { type: String, required: true },
  processKey: { type: String, required: true },
  processVersion: { type: Number, required: true },
  elementId: { type: String, required: true },
  name: { type: String, required: true },
  correlationKey: { type: String, required: true },
  openedAt: { type: Date, required: true },
});
messageSubscriptionSchema.index({ name: 1, correlationKey: 1, openedAt: 1 });
messageSubscriptionSchema.index({ instanceId: 1 });

export type MessageSubscriptionRecord = InferSchemaType<typeof messageSubscriptionSchema> & { _id: string };
export const MessageSubscriptionModel = mongoose.model('MessageSubscription', messageSubscriptionSchema);
