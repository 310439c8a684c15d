/** One row per started instance, for lookups by id; Temporal holds the execution state. */
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const instanceSchema = new Schema({
  _id: { type: String, required: true },
  processKey: { type: String, required: true },
  processVersion: { type: Number, required: true },
  businessKey: { type: String, default: null },
  startedBy: { type: String, required: true },
  startedAt: { type: Date, required: true },
});
instanceSchema.index({ processKey: 1, startedAt: -1 });

export type InstanceRecord = InferSchemaType<typeof instanceSchema> & { _id: string };
export const InstanceModel = mongoose.model('Instance', instanceSchema);
