/**
 * What `ai.pseudonymize` replaced in a text, encrypted (AES-256-GCM): tokens such as [NIR_1]
 * with the original values. Only the pseudonym vault reads it, for authorised agents.
 */
import mongoose, { Schema } from 'mongoose';

const pseudonymMappingSchema = new Schema({
  _id: { type: String, required: true }, // instance:activity id, like the AI audit record
  instanceId: { type: String, required: true },
  processKey: { type: String, required: true },
  elementId: { type: String, required: true },
  /** base64 of iv (12 bytes) + auth tag (16 bytes) + ciphertext of the JSON replacements. */
  sealed: { type: String, required: true },
  at: { type: Date, required: true },
});
pseudonymMappingSchema.index({ instanceId: 1, at: 1 });

export const PseudonymMappingModel = mongoose.model('PseudonymMapping', pseudonymMappingSchema);
