/** Local accounts. Roles say what a user may do; groups say which tasks they may work on. */
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

export const ROLES = ['admin', 'owner', 'supervisor', 'agent'] as const;
export type Role = (typeof ROLES)[number];

const userSchema = new Schema({
  _id: { type: String, required: true }, // the username
  displayName: { type: String, required: true },
  roles: { type: [String], enum: ROLES, default: [] },
  groups: { type: [String], default: [] },
  passwordHash: { type: String, required: true },
  active: { type: Boolean, default: true },
});

export type UserRecord = InferSchemaType<typeof userSchema> & { _id: string };
export const UserModel = mongoose.model('User', userSchema);
