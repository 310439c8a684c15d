/**
 * A save refused because the draft changed meanwhile, kept whole so that no one's work is lost:
 * the owner then chooses between it and the draft that won.
 */
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const draftConflictSchema = new Schema(
  {
    _id: { type: String, required: true },
    processKey: { type: String, required: true },
    bpmnXml: { type: String, required: true },
    /** The revision the refused save was based on, and the one that had won meanwhile. */
    baseRevision: { type: Number, required: true },
    currentRevision: { type: Number, required: true },
    savedBy: { type: String, required: true },
    savedAt: { type: Date, required: true },
  },
  { minimize: false },
);
draftConflictSchema.index({ processKey: 1, savedAt: -1 });

export type DraftConflictRecord = InferSchemaType<typeof draftConflictSchema> & { _id: string };
export const DraftConflictModel = mongoose.model('DraftConflict', draftConflictSchema);
