/**
 * Failed sign-ins counted per username and per client address (`user:<name>`, `ip:<address>`),
 * shared by every API replica. Expiry is handled in code (`expiresAt`): FerretDB 1.x has no
 * TTL indexes, so expired records are ignored, deleted when met, and purged now and then.
 */
import mongoose, { Schema } from 'mongoose';

const loginAttemptSchema = new Schema({
  _id: { type: String, required: true },
  failures: { type: Number, required: true },
  /** End of the counting window; after it the record means nothing and is deleted. */
  expiresAt: { type: Date, required: true },
  /** Set when the limit is reached: sign-ins for this key are refused until then. */
  lockedUntil: { type: Date, required: false },
});
loginAttemptSchema.index({ expiresAt: 1 });

export const LoginAttemptModel = mongoose.model('LoginAttempt', loginAttemptSchema);
