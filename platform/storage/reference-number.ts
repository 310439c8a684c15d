/**
 * Reference numbers handed out (process property `referencePattern`, e.g. AFE-{year}-{seq:6}):
 * one record per number, keyed by series (the pattern: processes sharing one share its numbers,
 * so a reference never names two cases), year and sequence. Inserting the next number is
 * how a start reserves it: of concurrent starts trying the same number, the unique _id lets one
 * win and the others try the following one (FerretDB 1.x's findAndModify and $inc are not
 * atomic, so a counter document could hand the same number twice).
 */
import mongoose, { Schema } from 'mongoose';

const referenceNumberSchema = new Schema({
  _id: { type: String, required: true }, // series/year/seq
  /** The pattern the number follows. */
  series: { type: String, required: true },
  /** The process whose instance took it. */
  processKey: { type: String, required: true },
  year: { type: Number, required: true },
  seq: { type: Number, required: true },
  reference: { type: String, required: true },
  at: { type: Date, required: true },
});
referenceNumberSchema.index({ series: 1, year: 1, seq: -1 });

export const ReferenceNumberModel = mongoose.model('ReferenceNumber', referenceNumberSchema);
