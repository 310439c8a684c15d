/**
 * Signed, expiring session tokens: `base64url(payload).base64url(HMAC-SHA256)`. The same token
 * is a bearer token for the API and the session cookie for the web app. `createSealer` signs
 * other short-lived values the same way (the OpenID Connect transaction cookie), under its own
 * purpose so that one kind of signed value can never be taken for another.
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
  /** Signs other values under `purpose` (see Sealer). */
  sealer<T extends object>(purpose: string): Sealer<T>;
}

export interface Sealer<T extends object> {
  seal(value: T, ttlSeconds: number, nowSeconds?: number): string;
  /** The value, or undefined when forged, malformed, expired or sealed for another purpose. */
  open(sealed: string, nowSeconds?: number): T | undefined;
}

function signedCodec(mac: (data: string) => Buffer) {
  return {
    encode(payload: object): string {
      const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
      return `${body}.${mac(body).toString('base64url')}`;
    },
    decode(token: string): Record<string, unknown> | undefined {
      const [body, signature, extra] = token.split('.');
      if (!body || !signature || extra !== undefined) return undefined;
      const expected = mac(body);
      const given = Buffer.from(signature, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
      try {
        const payload = JSON.parse(Buffer.from(body, 'base64url').toString()) as unknown;
        return typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

export function createTokenSigner(secret: string): TokenSigner {
  const session = signedCodec((data) => createHmac('sha256', secret).update(data).digest());
  return {
    sign(username, nowSeconds = Date.now() / 1000) {
      const payload: TokenPayload = { sub: username, exp: Math.floor(nowSeconds) + SESSION_TTL_SECONDS };
      return session.encode(payload);
    },
    verify(token, nowSeconds = Date.now() / 1000) {
      const payload = session.decode(token);
      return payload && typeof payload.sub === 'string' && typeof payload.exp === 'number' && payload.exp > nowSeconds ? payload.sub : undefined;
    },
    sealer<T extends object>(purpose: string): Sealer<T> {
      // A key of its own per purpose: a session token never opens as another value, nor the reverse.
      const key = createHmac('sha256', secret).update(`rouage:${purpose}`).digest();
      const codec = signedCodec((data) => createHmac('sha256', key).update(data).digest());
      return {
        seal(value, ttlSeconds, nowSeconds = Date.now() / 1000) {
          return codec.encode({ v: value, exp: Math.floor(nowSeconds) + ttlSeconds });
        },
        open(sealed, nowSeconds = Date.now() / 1000) {
          const payload = codec.decode(sealed);
          return payload && typeof payload.exp === 'number' && payload.exp > nowSeconds && typeof payload.v === 'object' && payload.v !== null ? (payload.v as T) : undefined;
        },
      };
    },
  };
}
