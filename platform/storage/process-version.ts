/** Deployed versions of processes: the BPMN as drawn and the graph it compiled to. */
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const processVersionSchema = new Schema(
  {
    processKey: { type: String, required: true },
    version: { type: Number, required: true },
    name: { type: String, default: null },
    /** sha256 of the XML: redeploying identical XML returns the existing version. */
    xmlHash: { type: String, required: true },
    bpmnXml: { type: String, required: true },
    graph: { type: Schema.Types.Mixed, required: true },
    diagnostics: { type: Schema.Types.Mixed, default: [] },
    deployedBy: { type: String, required: true },
    deployedAt: { type: Date, required: true },
    /** What changed and why, as the owner wrote it when deploying. */
    message: { type: String, default: '' },
  },
  { minimize: false },
);
processVersionSchema.index({ processKey: 1, version: 1 }, { unique: true });
processVersionSchema.index({ processKey: 1, xmlHash: 1 });

export type ProcessVersionRecord = InferSchemaType<typeof processVersionSchema>;
export const ProcessVersionModel = mongoose.model('ProcessVersion', processVersionSchema);
