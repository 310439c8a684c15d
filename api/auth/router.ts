import { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { UserModel } from '../../platform/storage';
import { problems } from '../problems';
import { parseRequest } from '../validation';
import { authenticate, currentUser, SESSION_COOKIE, setSessionCookie } from './current-user';
import { oidcRouter, type OidcSettings } from './oidc';
import { hashPassword, needsRehash, verifyPassword } from './passwords';
import { LoginThrottle, TooManyAttempts, type ThrottleOptions } from './throttle';
import type { TokenSigner } from './tokens';

const loginSchema = z.object({ username: z.string().min(1).max(200), password: z.string().min(1).max(1000) });

export interface AuthOptions {
  /** Login throttling limits and clock (defaults: 5 failures per username, 50 per address, per 15 minutes). */
  throttle?: ThrottleOptions;
  /** OpenID Connect sign-in; its routes answer 404 with how to configure it when absent. */
  oidc?: OidcSettings;
}

export function authRouter(signer: TokenSigner, options: { secureCookies: boolean } & AuthOptions): Router {
  const router = Router();
  const throttle = new LoginThrottle(options.throttle);

  router.post('/login', async (req, res) => {
    const { username, password } = parseRequest(loginSchema, req.body);
    const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    await throttle.check(username, address);
    const user = await UserModel.findById(username).lean();
    // An unknown user, a deactivated one and a wrong password get the same answer in about the
    // same time (a hash is verified in every case): no account enumeration.
    const matches = await verifyPassword(password, user?.passwordHash);
    if (!user || !user.active || !matches) {
      await throttle.recordFailure(username, address);
      throw problems.badCredentials();
    }
    await throttle.recordSuccess(username);
    const rehash = user.passwordHash && needsRehash(user.passwordHash) ? { passwordHash: await hashPassword(password) } : {};
    await UserModel.updateOne({ _id: user._id }, { $set: { lastLoginAt: new Date(), ...rehash } });
    const token = signer.sign(user._id);
    setSessionCookie(res, token, options.secureCookies);
    res.json({ token, user: { username: user._id, displayName: user.displayName, roles: user.roles, groups: user.groups } });
  });
  router.post('/logout', (_req, res) => {
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });
  router.get('/me', authenticate(signer), (_req, res) => {
    res.json(currentUser(res));
  });
  /** Public: what the sign-in page offers. */
  router.get('/config', (_req, res) => {
    res.json({ oidc: options.oidc !== undefined });
  });
  router.use('/oidc', oidcRouter(signer, options.oidc, { secureCookies: options.secureCookies }));
  // 429 answers carry Retry-After (the problem handler writes the body).
  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (error instanceof TooManyAttempts) res.setHeader('Retry-After', String(error.retryAfterSeconds));
    next(error);
  });
  return router;
}
