/**
 * One record per change of a task's assignee, keyed by task id and the revision it starts
 * from. Inserting it is how an agent wins a claim or a release: of two concurrent changes from
 * the same revision, the unique _id lets exactly one insert succeed. (FerretDB 1.x has no
 * transactions, and its findAndModify is not atomic: a conditional update alone let two
 * concurrent claims both succeed.)
 */
import mongoose, { Schema } from 'mongoose';

const taskRevisionSchema = new Schema({
  _id: { type: String, required: true }, // taskId#revision
  taskId: { type: String, required: true },
  action: { type: String, required: true },
  by: { type: String, required: true },
  assignee: { type: String, default: null },
  at: { type: Date, required: true },
});

export const TaskRevisionModel = mongoose.model('TaskRevision', taskRevisionSchema);
