import { Router } from 'express';
import { z } from 'zod';
import { UserModel } from '../../platform/storage';
import { problems } from '../problems';
import { parseRequest } from '../validation';
import { authenticate, currentUser, SESSION_COOKIE } from './current-user';
import { verifyPassword } from './passwords';
import { SESSION_TTL_SECONDS, type TokenSigner } from './tokens';

const loginSchema = z.object({ username: z.string().min(1).max(200), password: z.string().min(1).max(1000) });

export function authRouter(signer: TokenSigner, options: { secureCookies: boolean }): Router {
  const router = Router();
  router.post('/login', async (req, res) => {
    const { username, password } = parseRequest(loginSchema, req.body);
    const user = await UserModel.findById(username).lean();
    // Same answer for an unknown user and a wrong password: no account enumeration.
    if (!user || !user.active || !(await verifyPassword(password, user.passwordHash))) throw problems.badCredentials();
    const token = signer.sign(user._id);
    res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: options.secureCookies, maxAge: SESSION_TTL_SECONDS * 1000, path: '/' });
    res.json({ token, user: { username: user._id, displayName: user.displayName, roles: user.roles, groups: user.groups } });
  });
  router.post('/logout', (_req, res) => {
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });
  router.get('/me', authenticate(signer), (_req, res) => {
    res.json(currentUser(res));
  });
  return router;
}
