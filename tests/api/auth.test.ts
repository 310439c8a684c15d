import { startTestPlatform, DEMO_PASSWORD, type TestPlatform } from '../support/platform';

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
});
