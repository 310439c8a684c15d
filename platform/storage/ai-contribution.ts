/** Every AI output, with its provenance, kept for audit (DESIGN.md §8). Insert-only. */
import mongoose, { Schema } from 'mongoose';

const aiContributionSchema = new Schema({
  _id: { type: String, required: true }, // instance/element/attempt: a retried write stays one record
  instanceId: { type: String, required: true },
  processKey: { type: String, required: true },
  elementId: { type: String, required: true },
  activityType: { type: String, required: true },
  provider: { type: String, required: true },
  model: { type: String, required: true },
  promptVersion: { type: String, required: true },
  confidence: { type: Number, default: null },
  output: { type: Schema.Types.Mixed, required: true },
  at: { type: Date, required: true },
});
aiContributionSchema.index({ instanceId: 1, at: 1 });

export const AiContributionModel = mongoose.model('AiContribution', aiContributionSchema);
