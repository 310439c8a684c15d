/**
 * One record per process, kept up to date by deploys and draft saves, so the process library
 * pages through processes without reading every version. `_id` is the process key (the process
 * id in the BPMN XML). It is a read model: the versions and drafts stay the truth.
 */
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const processSummarySchema = new Schema(
  {
    _id: { type: String, required: true },
    name: { type: String, default: null },
    /** Who first saved a draft of it or deployed it. */
    owner: { type: String, required: true },
    latestVersion: { type: Number, default: null },
    deployedAt: { type: Date, default: null },
    deployedBy: { type: String, default: null },
    /** Revision of the pending draft, null when there is none (never saved, discarded or deployed). */
    draftRevision: { type: Number, default: null },
    draftSavedAt: { type: Date, default: null },
    draftSavedBy: { type: String, default: null },
    /** The draft's revision counter at the last change recorded here (discards count): only higher ones are applied. */
    draftChange: { type: Number, default: null },
  },
  { minimize: false },
);

export type ProcessSummaryRecord = InferSchemaType<typeof processSummarySchema> & { _id: string };
export const ProcessSummaryModel = mongoose.model('ProcessSummary', processSummarySchema);
