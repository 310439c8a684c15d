/** Who is calling: resolved from the bearer token or session cookie on every request. */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { UserModel, type Role } from '../../platform/storage';
import { problems } from '../problems';
import { SESSION_TTL_SECONDS, type TokenSigner } from './tokens';

export const SESSION_COOKIE = 'rouage_session';

export interface CurrentUser {
  username: string;
  displayName: string;
  roles: Role[];
  groups: string[];
}

/** The value of cookie `name` of the request, if any. */
export function readCookie(req: Request, name: string): string | undefined {
  const cookies = req.headers.cookie?.split(';').map((c) => c.trim()) ?? [];
  const cookie = cookies.find((c) => c.startsWith(`${name}=`));
  if (!cookie) return undefined;
  try {
    return decodeURIComponent(cookie.slice(name.length + 1));
  } catch {
    return undefined;
  }
}

/** Opens a session: the httpOnly cookie of the web app (same token as the bearer one). */
export function setSessionCookie(res: Response, token: string, secure: boolean): void {
  res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, maxAge: SESSION_TTL_SECONDS * 1000, path: '/' });
}

function tokenOf(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  return readCookie(req, SESSION_COOKIE);
}

/** Requires a valid session; the user is read on each request so role changes apply at once. */
export function authenticate(signer: TokenSigner): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const token = tokenOf(req);
    const username = token ? signer.verify(token) : undefined;
    if (!username) return next(problems.unauthenticated());
    const user = await UserModel.findById(username).lean();
    if (!user || !user.active) return next(problems.unauthenticated());
    res.locals.user = { username: user._id, displayName: user.displayName, roles: user.roles as Role[], groups: user.groups } satisfies CurrentUser;
    next();
  };
}

export function currentUser(res: Response): CurrentUser {
  return res.locals.user as CurrentUser;
}

export function requireRole(...roles: Role[]): RequestHandler {
  return (_req, res, next) => {
    const user = currentUser(res);
    if (user.roles.some((role) => roles.includes(role))) return next();
    next(problems.forbidden(`This action needs one of the roles ${roles.join(', ')}; ${user.username} has ${user.roles.join(', ') || 'none'}. Ask an administrator.`));
  };
}
