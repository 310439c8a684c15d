/** Every AI output, with its provenance, kept for audit (DESIGN.md §8): one record per task run. */
import mongoose, { Schema } from 'mongoose';

const aiContributionSchema = new Schema({
  _id: { type: String, required: true }, // instance:activity id, so a retried run rewrites its own record
  instanceId: { type: String, required: true },
  processKey: { type: String, required: true },
  processVersion: { type: Number, required: true },
  elementId: { type: String, required: true },
  activityType: { type: String, required: true },
  provider: { type: String, required: true },
  providerLocation: { type: String, required: true },
  model: { type: String, required: true },
  promptVersion: { type: String, required: true },
  /** sha256 of the validated input: proves what was sent without keeping a second copy of it. */
  inputHash: { type: String, required: true },
  confidence: { type: Number, default: null },
  output: { type: Schema.Types.Mixed, required: true },
  latencyMs: { type: Number, required: true },
  inputTokens: { type: Number, default: 0 },
  outputTokens: { type: Number, default: 0 },
  at: { type: Date, required: true },
});
aiContributionSchema.index({ instanceId: 1, at: 1 });
aiContributionSchema.index({ processKey: 1, at: -1 });

export const AiContributionModel = mongoose.model('AiContribution', aiContributionSchema);
