/**
 * One record per change of a draft, keyed `<process key>#<revision it starts from>`. Inserting
 * it is how a save wins: of two concurrent saves based on the same revision, the unique _id lets
 * exactly one insert succeed. It holds what was written, so the loser is told the winner's
 * content even before the draft record itself is updated. (FerretDB 1.x has no transactions and
 * its findAndModify is not atomic: a conditional update alone lets two saves both win.)
 */
import mongoose, { Schema } from 'mongoose';

const draftRevisionSchema = new Schema(
  {
    _id: { type: String, required: true }, // processKey#revision
    processKey: { type: String, required: true },
    /** Null: the draft was discarded (deployed or dropped). */
    bpmnXml: { type: String, default: null },
    basedOnVersion: { type: Number, default: null },
    savedBy: { type: String, required: true },
    savedAt: { type: Date, required: true },
  },
  { minimize: false },
);

export const DraftRevisionModel = mongoose.model('DraftRevision', draftRevisionSchema);
