/**
 * Tokens waiting for a signal: one record per waiting token (signal catch events, boundary
 * events, event-based gateways), written by the workflow through an activity and removed when
 * the token stops waiting. A broadcast finds the instances to signal here. Ids are derived
 * (instance:element:occurrence), so a retried activity writes the same record.
 */
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const signalSubscriptionSchema = new Schema({
  _id: { type: String, required: true },
  instanceId: { type: String, required: true },
  processKey: { type: String, required: true },
  elementId: { type: String, required: true },
  name: { type: String, required: true },
  openedAt: { type: Date, required: true },
});
signalSubscriptionSchema.index({ name: 1, openedAt: 1 });
signalSubscriptionSchema.index({ instanceId: 1 });

export type SignalSubscriptionRecord = InferSchemaType<typeof signalSubscriptionSchema> & { _id: string };
export const SignalSubscriptionModel = mongoose.model('SignalSubscription', signalSubscriptionSchema);
