/**
 * The draft of a process: the diagram being edited, saved as the owner draws, apart from the
 * deployed versions. `_id` is the process key. `revision` counts saves; a discarded or deployed
 * draft keeps its revision with `bpmnXml` null, so revisions never restart and a save based on
 * an old one is always recognised as stale.
 */
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const processDraftSchema = new Schema(
  {
    _id: { type: String, required: true },
    revision: { type: Number, required: true },
    bpmnXml: { type: String, default: null },
    /** The deployed version the draft was started from, null for a process never deployed. */
    basedOnVersion: { type: Number, default: null },
    savedBy: { type: String, required: true },
    savedAt: { type: Date, required: true },
  },
  { minimize: false },
);

export type ProcessDraftRecord = InferSchemaType<typeof processDraftSchema> & { _id: string };
export const ProcessDraftModel = mongoose.model('ProcessDraft', processDraftSchema);
