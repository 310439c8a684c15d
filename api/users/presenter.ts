import type { UserRecord } from '../../platform/storage';

/** An account as the admin API shows it: never its password hash, only whether it has one. */
export interface UserView {
  username: string;
  displayName: string;
  roles: string[];
  groups: string[];
  active: boolean;
  /** False for accounts that sign in only through OpenID Connect. */
  hasPassword: boolean;
  /** The linked OpenID Connect identity, if any. */
  oidc: { issuer: string; subject: string } | null;
  lastLoginAt: string | null;
  createdAt: string | null;
  updatedAt: string | null;
}

type StoredUser = Pick<UserRecord, '_id' | 'displayName' | 'roles' | 'groups' | 'active'> & {
  passwordHash?: string | null;
  oidcIssuer?: string | null;
  oidcSubject?: string | null;
  lastLoginAt?: Date | null;
  createdAt?: Date | null;
  updatedAt?: Date | null;
};

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);

export function presentUser(user: StoredUser): UserView {
  return {
    username: user._id,
    displayName: user.displayName,
    roles: [...user.roles],
    groups: [...user.groups],
    active: user.active !== false,
    hasPassword: Boolean(user.passwordHash),
    oidc: user.oidcSubject ? { issuer: user.oidcIssuer ?? '', subject: user.oidcSubject } : null,
    lastLoginAt: iso(user.lastLoginAt),
    createdAt: iso(user.createdAt),
    updatedAt: iso(user.updatedAt),
  };
}
