/**
 * Camunda's rule for message start events: while an instance a message started is active, a
 * message with the same correlation key does not start another instance of that process. One
 * record per process key and correlation key names that instance; inserting it is how one of
 * two concurrent publications wins (a unique _id, since FerretDB 1.x has no atomic
 * findAndModify). A record whose instance is over is replaced.
 */
import mongoose, { Schema } from 'mongoose';

const messageStartLockSchema = new Schema({
  _id: { type: String, required: true }, // processKey + "\u0000" + correlationKey
  processKey: { type: String, required: true },
  correlationKey: { type: String, required: true },
  instanceId: { type: String, required: true },
  messageId: { type: String, required: true },
  at: { type: Date, required: true },
});

export const MessageStartLockModel = mongoose.model('MessageStartLock', messageStartLockSchema);
