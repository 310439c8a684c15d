/**
 * Accounts. Roles say what a user may do; groups say which tasks they may work on. An account
 * signs in with its password (argon2id hash; older scrypt hashes are still read), through the
 * OpenID Connect provider it is linked to (`oidcIssuer` + `oidcSubject`), or both.
 */
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

export const ROLES = ['admin', 'owner', 'supervisor', 'agent'] as const;
export type Role = (typeof ROLES)[number];

const userSchema = new Schema(
  {
    _id: { type: String, required: true }, // the username
    displayName: { type: String, required: true },
    roles: { type: [String], enum: ROLES, default: [] },
    groups: { type: [String], default: [] },
    /** Absent for accounts that sign in only through OpenID Connect. */
    passwordHash: { type: String, required: false },
    /** Deactivated accounts are kept (tasks and history name them) but cannot sign in. */
    active: { type: Boolean, default: true },
    /** The OpenID Connect identity linked to this account: issuer and `sub` claim. */
    oidcIssuer: { type: String, required: false },
    oidcSubject: { type: String, required: false },
    lastLoginAt: { type: Date, required: false },
  },
  { timestamps: true },
);
userSchema.index({ groups: 1 });
userSchema.index({ oidcSubject: 1, oidcIssuer: 1 });

export type UserRecord = InferSchemaType<typeof userSchema> & { _id: string };
export const UserModel = mongoose.model('User', userSchema);
