/**
 * Signed, expiring session tokens: `base64url(payload).base64url(HMAC-SHA256)`. The same token
 * is a bearer token for the API and the session cookie for the web app.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SESSION_TTL_SECONDS = 12 * 60 * 60;

interface TokenPayload {
  sub: string;
  exp: number;
}

export interface TokenSigner {
  sign(username: string, nowSeconds?: number): string;
  /** The username, or undefined for a forged, malformed or expired token. */
  verify(token: string, nowSeconds?: number): string | undefined;
}

export function createTokenSigner(secret: string): TokenSigner {
  const mac = (data: string) => createHmac('sha256', secret).update(data).digest();
  return {
    sign(username, nowSeconds = Date.now() / 1000) {
      const payload: TokenPayload = { sub: username, exp: Math.floor(nowSeconds) + SESSION_TTL_SECONDS };
      const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
      return `${body}.${mac(body).toString('base64url')}`;
    },
    verify(token, nowSeconds = Date.now() / 1000) {
      const [body, signature] = token.split('.');
      if (!body || !signature) return undefined;
      const expected = mac(body);
      const given = Buffer.from(signature, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
      try {
        const payload = JSON.parse(Buffer.from(body, 'base64url').toString()) as TokenPayload;
        return typeof payload.sub === 'string' && payload.exp > nowSeconds ? payload.sub : undefined;
      } catch {
        return undefined;
      }
    },
  };
}
