import { z } from 'zod';
import { ROLES } from '../../platform/storage';

export const usernameSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._@+-]*$/, 'use letters, digits and . _ @ + - only, starting with a letter or a digit');

/** Group names are what BPMN candidate groups name, a comma-separated list there: no commas. */
const groupSchema = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[^,\p{Cc}]+$/u, 'a group name holds no comma nor control character');

const passwordSchema = z.string().min(12, 'a password has at least 12 characters').max(1000);
const rolesSchema = z.array(z.enum(ROLES)).max(ROLES.length * 2).transform((roles) => [...new Set(roles)]);
const groupsSchema = z.array(groupSchema).max(500).transform((groups) => [...new Set(groups)]);
const displayNameSchema = z.string().trim().min(1).max(200);

export const createUserSchema = z.strictObject({
  username: usernameSchema,
  /** Optional: an account without a password signs in only through OpenID Connect (linked at its first sign-in). */
  password: passwordSchema.optional(),
  displayName: displayNameSchema.optional(),
  roles: rolesSchema.default([]),
  groups: groupsSchema.default([]),
  active: z.boolean().default(true),
});

export const updateUserSchema = z
  .strictObject({
    displayName: displayNameSchema.optional(),
    /** null removes the password: the account then signs in only through OpenID Connect. */
    password: passwordSchema.nullable().optional(),
    roles: rolesSchema.optional(),
    groups: groupsSchema.optional(),
    active: z.boolean().optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, 'send at least one of displayName, password, roles, groups, active');

export const listUsersSchema = z.object({
  group: groupSchema.optional(),
  role: z.enum(ROLES).optional(),
  active: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  /** The `next` of the previous page. */
  after: z.string().min(1).max(200).optional(),
});
