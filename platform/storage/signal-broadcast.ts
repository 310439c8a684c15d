/**
 * One record per broadcast signal, keyed by its id. Inserting it is what makes a broadcast
 * happen once: a retried activity finds the record and does not broadcast again (FerretDB 1.x
 * has no transactions and its findAndModify is not atomic; a unique _id is). `completedAt` is
 * set when every target was reached; a broadcast interrupted before that is resumed, skipping
 * the instances already listed in `deliveredTo`.
 */
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const signalBroadcastSchema = new Schema(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    variables: { type: Schema.Types.Mixed, default: {} },
    /** A username, or `instance:<id>` for a signal throw event. */
    publishedBy: { type: String, required: true },
    publishedAt: { type: Date, required: true },
    /** Instances the signal was handed to (one delivery per instance, for all its waiting tokens). */
    deliveredTo: { type: [String], default: [] },
    /** Instances started at signal start events. */
    startedInstances: { type: [String], default: [] },
    completedAt: { type: Date, default: null },
  },
  { minimize: false },
);

export type SignalBroadcastRecord = InferSchemaType<typeof signalBroadcastSchema> & { _id: string };
export const SignalBroadcastModel = mongoose.model('SignalBroadcast', signalBroadcastSchema);
