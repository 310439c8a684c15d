import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { legacyScryptHash } from '../../api/auth/passwords';
import { addressKey } from '../../api/auth/throttle';
import type { AuthOptions } from '../../api/auth/router';
import { LoginAttemptModel, UserModel } from '../../platform/storage';
import { startTestPlatform, DEMO_PASSWORD, type TestPlatform } from '../support/platform';

/** A second API on the platform's database with its own auth options (throttle clock and limits). */
async function startApi(platform: TestPlatform, auth: AuthOptions): Promise<{ url: string; close(): Promise<void> }> {
  const app = platform.createApp({ auth });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function login(url: string, username: string, password: string, from?: string): Promise<{ status: number; headers: Headers; body: any }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  // The API trusts X-Forwarded-For from a loopback proxy, as behind the production one.
  if (from) headers['x-forwarded-for'] = from;
  const response = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers, body: JSON.stringify({ username, password }) });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

describe('authentication', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform({ worker: false });
  });
  afterAll(() => platform.stop());

  it('logs in with the demo password and returns a bearer token and a session cookie', async () => {
    const response = await platform.request('POST', '/api/v1/auth/login', { json: { username: 'agent-a', password: DEMO_PASSWORD } });
    expect(response.status).toBe(200);
    expect(response.body.user).toEqual({ username: 'agent-a', displayName: 'Agent A', roles: ['agent'], groups: ['group-a'] });
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/rouage_session=.+; .*HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);

    const withBearer = await platform.request('GET', '/api/v1/auth/me', { token: response.body.token });
    expect(withBearer.body.username).toBe('agent-a');
    const withCookie = await fetch(`${platform.baseUrl}/api/v1/auth/me`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(((await withCookie.json()) as { username: string }).username).toBe('agent-a');
  });

  it('answers the same 401 for a wrong password and an unknown user', async () => {
    const wrong = await platform.request('POST', '/api/v1/auth/login', { json: { username: 'agent-a', password: 'not-the-password' } });
    const unknown = await platform.request('POST', '/api/v1/auth/login', { json: { username: 'nobody', password: DEMO_PASSWORD } });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(wrong.body.detail).toBe(unknown.body.detail);
  });

  it('refuses a tampered token', async () => {
    const token = await platform.login('agent-a');
    const [payload, signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'admin', exp: 9_999_999_999 })).toString('base64url');
    expect((await platform.request('GET', '/api/v1/auth/me', { token: `${forged}.${signature}` })).status).toBe(401);
    expect((await platform.request('GET', '/api/v1/auth/me', { token: `${payload}.x${signature}` })).status).toBe(401);
  });

  it('rejects a login body that is not the expected shape with 400', async () => {
    const response = await platform.request('POST', '/api/v1/auth/login', { json: { username: 'agent-a' } });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].path).toBe('password');
  });

  it('stores new passwords as argon2id hashes', async () => {
    const admin = await platform.login('admin');
    const created = await platform.request('POST', '/api/v1/users', { token: admin, json: { username: 'new-agent', password: 'a long enough password', roles: ['agent'] } });
    expect(created.status).toBe(201);
    expect((await UserModel.findById('new-agent').lean())!.passwordHash).toMatch(/^\$argon2id\$v=19\$/);
    expect((await UserModel.findById('agent-a').lean())!.passwordHash).toMatch(/^\$argon2id\$/); // the demo accounts too
    expect((await platform.request('POST', '/api/v1/auth/login', { json: { username: 'new-agent', password: 'a long enough password' } })).status).toBe(200);
  });

  it('signs in an account that still has an old scrypt hash, and rehashes it with argon2id', async () => {
    const oldHash = await legacyScryptHash('an old scrypt password');
    expect(oldHash).toMatch(/^scrypt\$/);
    await UserModel.create({ _id: 'legacy', displayName: 'Legacy', roles: ['agent'], groups: ['group-a'], passwordHash: oldHash, active: true });
    expect((await platform.request('POST', '/api/v1/auth/login', { json: { username: 'legacy', password: 'not the password' } })).status).toBe(401);
    expect((await UserModel.findById('legacy').lean())!.passwordHash).toBe(oldHash);

    const response = await platform.request('POST', '/api/v1/auth/login', { json: { username: 'legacy', password: 'an old scrypt password' } });
    expect(response.status).toBe(200);
    const rehashed = (await UserModel.findById('legacy').lean())!.passwordHash!;
    expect(rehashed).toMatch(/^\$argon2id\$/);
    expect((await platform.request('POST', '/api/v1/auth/login', { json: { username: 'legacy', password: 'an old scrypt password' } })).status).toBe(200);
    expect((await UserModel.findById('legacy').lean())!.passwordHash).toBe(rehashed); // not rehashed again
  });

  it('refuses a deactivated account with the same 401 as a wrong password', async () => {
    await UserModel.create({ _id: 'gone', displayName: 'Gone', roles: ['agent'], groups: [], passwordHash: (await UserModel.findById('agent-a').lean())!.passwordHash, active: false });
    const response = await platform.request('POST', '/api/v1/auth/login', { json: { username: 'gone', password: DEMO_PASSWORD } });
    expect(response.status).toBe(401);
    expect(response.body.type).toBe('urn:rouage:problem:bad-credentials');
  });

  it('tells whether OpenID Connect sign-in is offered, without a session', async () => {
    const response = await platform.request('GET', '/api/v1/auth/config');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ oidc: false });
  });

  describe('throttling', () => {
    const WINDOW_MS = 15 * 60_000;
    let now = Date.now(); // starts at the real time, so the platform's API (real clock) sees the same locks
    let api: { url: string; close(): Promise<void> };
    beforeAll(async () => {
      api = await startApi(platform, { throttle: { now: () => now, address: { maxFailures: 8 } } });
    });
    afterAll(() => api.close());

    it('locks a username after 5 failures: 429 with Retry-After, even with the right password, until the window passes', async () => {
      for (let i = 1; i <= 4; i += 1) expect((await login(api.url, 'agent-b', `wrong ${i}`, '198.51.100.1')).status).toBe(401);
      const fifth = await login(api.url, 'agent-b', 'wrong 5', '198.51.100.1');
      expect(fifth.status).toBe(429);
      expect(fifth.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(fifth.headers.get('retry-after')).toBe(String(WINDOW_MS / 1000));
      expect(fifth.body.type).toBe('urn:rouage:problem:too-many-login-attempts');
      const until = new Date(now + WINDOW_MS).toISOString();
      expect(fifth.body.detail).toContain(`blocked until ${until}`);
      expect(fifth.body.retryAt).toBe(until);

      now += 5 * 60_000;
      const rightPassword = await login(api.url, 'agent-b', DEMO_PASSWORD, '198.51.100.2');
      expect(rightPassword.status).toBe(429);
      expect(rightPassword.headers.get('retry-after')).toBe(String(10 * 60));
      expect(rightPassword.body.token).toBeUndefined();
      // Shared with every replica: the platform's own API (real clock, same database) refuses too.
      expect((await platform.request('POST', '/api/v1/auth/login', { json: { username: 'agent-b', password: DEMO_PASSWORD } })).status).toBe(429);

      now += 10 * 60_000 + 1000;
      const afterWindow = await login(api.url, 'agent-b', DEMO_PASSWORD, '198.51.100.2');
      expect(afterWindow.status).toBe(200);
      expect(afterWindow.body.token).toBeTruthy();
    });

    it('does not lock another username from the same address', async () => {
      for (let i = 1; i <= 5; i += 1) await login(api.url, 'supervisor', `wrong ${i}`, '198.51.100.3');
      expect((await login(api.url, 'supervisor', DEMO_PASSWORD, '198.51.100.3')).status).toBe(429);
      expect((await login(api.url, 'owner', 'wrong', '198.51.100.3')).status).toBe(401);
      expect((await login(api.url, 'owner', DEMO_PASSWORD, '198.51.100.3')).status).toBe(200);
    });

    it('clears the username count on a successful sign-in', async () => {
      for (let i = 1; i <= 4; i += 1) expect((await login(api.url, 'agent-a', `wrong ${i}`, '198.51.100.4')).status).toBe(401);
      expect((await login(api.url, 'agent-a', DEMO_PASSWORD, '198.51.100.4')).status).toBe(200);
      for (let i = 1; i <= 4; i += 1) expect((await login(api.url, 'agent-a', `wrong again ${i}`, '198.51.100.5')).status).toBe(401);
      expect((await login(api.url, 'agent-a', DEMO_PASSWORD, '198.51.100.5')).status).toBe(200);
    });

    it('locks an address that tries many usernames (limit 8 here), whatever the usernames', async () => {
      const from = '203.0.113.9';
      for (let i = 1; i <= 7; i += 1) expect((await login(api.url, `guess-${i}`, 'wrong', from)).status).toBe(401);
      expect((await login(api.url, 'guess-8', 'wrong', from)).status).toBe(429);
      expect((await login(api.url, 'owner', DEMO_PASSWORD, from)).status).toBe(429);
      expect((await login(api.url, 'owner', DEMO_PASSWORD, '203.0.113.10')).status).toBe(200);
    });

    it('answers unknown usernames exactly as known ones, lock included (no account enumeration)', async () => {
      const answers = [];
      for (const username of ['admin', 'nobody-here']) {
        const statuses = [];
        let last;
        for (let i = 1; i <= 6; i += 1) {
          last = await login(api.url, username, `wrong ${i}`, `192.0.2.${username.length}`);
          statuses.push(last.status);
        }
        const { instance: _instance, ...shape } = last!.body;
        answers.push({ statuses, shape, retryAfter: last!.headers.get('retry-after') });
      }
      expect(answers[0]!.statuses).toEqual([401, 401, 401, 401, 429, 429]);
      expect(answers[1]).toEqual(answers[0]);
      now += WINDOW_MS + 1000;
    });

    it('costs an unknown username about as much time as a wrong password (a hash is verified either way)', async () => {
      const timeOf = async (username: string) => {
        const durations = [];
        for (let i = 0; i < 3; i += 1) {
          const started = performance.now();
          expect((await login(api.url, username, 'wrong', `192.0.2.${100 + i}`)).status).toBe(401);
          durations.push(performance.now() - started);
        }
        return durations.sort((a, b) => a - b)[1]!;
      };
      const known = await timeOf('owner');
      const unknown = await timeOf('no-such-user');
      expect(unknown).toBeGreaterThan(known * 0.3);
      await LoginAttemptModel.deleteMany({});
    });

    it('keys IPv6 clients by their /64', () => {
      expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
      expect(addressKey('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
      expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
      expect(addressKey('::ffff:127.0.0.1')).toBe('127.0.0.1');
      expect(addressKey('10.1.2.3')).toBe('10.1.2.3');
    });
  });
});
