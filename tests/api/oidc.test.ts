/**
 * OpenID Connect sign-in against a real OpenID provider (`oidc-provider`) run on 127.0.0.1:
 * the authorization code flow with PKCE, state and nonce, driven over HTTP as a browser would
 * (redirects followed by hand, cookies carried per origin); the provider's login and consent
 * are completed programmatically through its interaction endpoints.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { groupsOf, type OidcSettings } from '../../api/auth/oidc';
import { loadConfig } from '../../platform/config';
import { UserModel } from '../../platform/storage';
import { startTestPlatform, type TestPlatform } from '../support/platform';

/** The provider's accounts, by `sub` (its account id). */
const ACCOUNTS: Record<string, Record<string, unknown>> = {
  'marie-7f3a': { preferred_username: 'marie.curie', name: 'Marie Curie', email: 'marie.curie@example.gouv.fr', groups: ['group-a', '/urbanisme'] },
  // Names an existing password account: must not take it over.
  'usurper-91c2': { preferred_username: 'owner', name: 'Not the owner', groups: ['group-b'] },
  // No preferred_username, no groups claim: the username is the sub.
  'f81d4fae-7dec-11d0-a765-00a0c91e6bf6': { name: 'Jeanne Sans-Groupe' },
};

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A browser's cookies, kept per origin with their path. */
class CookieJar {
  private readonly cookies = new Map<string, Map<string, { value: string; path: string }>>();

  header(url: URL): string | undefined {
    const jar = this.cookies.get(url.origin);
    const pairs = [...(jar ?? [])].filter(([, c]) => url.pathname.startsWith(c.path)).map(([name, c]) => `${name}=${c.value}`);
    return pairs.length > 0 ? pairs.join('; ') : undefined;
  }

  store(url: URL, response: Response): void {
    const jar = this.cookies.get(url.origin) ?? new Map<string, { value: string; path: string }>();
    this.cookies.set(url.origin, jar);
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      const path = attributes.find((a) => a.toLowerCase().startsWith('path='))?.slice(5) || '/';
      const expired = attributes.some((a) => /^max-age=0$/i.test(a) || (/^expires=/i.test(a) && new Date(a.slice(8)).getTime() < Date.now()));
      if (expired || value === '') jar.delete(name);
      else jar.set(name, { value, path });
    }
  }

  get(origin: string, name: string): string | undefined {
    return this.cookies.get(origin)?.get(name)?.value;
  }
}

interface Step {
  url: URL;
  response: Response;
}

/**
 * Follows redirects from `start` like a browser, carrying cookies, until a response is not a
 * redirect or the next URL satisfies `stopBefore` (then returned unrequested as `next`).
 */
async function browse(jar: CookieJar, start: string, stopBefore: (url: URL) => boolean = () => false): Promise<{ steps: Step[]; next?: URL }> {
  const steps: Step[] = [];
  let url = new URL(start);
  for (let hop = 0; hop < 20; hop += 1) {
    const cookie = jar.header(url);
    const response = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    jar.store(url, response);
    steps.push({ url, response });
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) return { steps };
    await response.arrayBuffer();
    const next = new URL(location, url);
    if (stopBefore(next)) return { steps, next };
    url = next;
  }
  throw new Error(`more than 20 redirects from ${start}`);
}

describe('OpenID Connect sign-in', () => {
  let platform: TestPlatform;
  let providerServer: Server;
  let appServer: Server;
  let issuer: string;
  let appUrl: string;
  let provider: Provider;
  /** The account the provider's login step signs in, or an error to answer with. */
  let nextLogin: { accountId: string } | { error: string; error_description: string };
  const callbackPath = '/api/v1/auth/oidc/callback';

  beforeAll(async () => {
    platform = await startTestPlatform({ worker: false });

    appServer = createServer();
    appUrl = await listen(appServer);
    providerServer = createServer();
    issuer = await listen(providerServer);
    const redirectUri = `${appUrl}${callbackPath}`;
    const clientSecret = randomBytes(24).toString('hex');

    const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
    provider = new Provider(issuer, {
      clients: [
        {
          client_id: 'rouage-test',
          client_secret: clientSecret,
          redirect_uris: [redirectUri],
          response_types: ['code'],
          grant_types: ['authorization_code'],
          token_endpoint_auth_method: 'client_secret_post',
        },
      ],
      jwks: { keys: [{ ...signingKey, kty: 'RSA', kid: 'test-key', use: 'sig', alg: 'RS256' }] },
      cookies: { keys: [randomBytes(32).toString('hex')] },
      claims: { openid: ['sub'], profile: ['name', 'preferred_username'], email: ['email'], groups: ['groups'] },
      pkce: { required: () => true },
      features: { devInteractions: { enabled: false } },
      ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 600, IdToken: 600, Interaction: 600, Session: 600 },
      interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
      async findAccount(_ctx, sub) {
        const claims = ACCOUNTS[sub];
        if (!claims) return undefined;
        return { accountId: sub, claims: async () => ({ sub, ...claims }) };
      },
    });
    const providerCallback = provider.callback();

    /** The provider's login and consent pages, answered at once as the user would. */
    async function interaction(req: IncomingMessage, res: ServerResponse): Promise<void> {
      const details = await provider.interactionDetails(req, res);
      if ('error' in nextLogin) {
        await provider.interactionFinished(req, res, nextLogin, { mergeWithLastSubmission: false });
        return;
      }
      if (details.prompt.name === 'login') {
        await provider.interactionFinished(req, res, { login: { accountId: nextLogin.accountId } }, { mergeWithLastSubmission: false });
        return;
      }
      const accountId = details.session!.accountId;
      const grant = details.grantId ? (await provider.Grant.find(details.grantId))! : new provider.Grant({ accountId, clientId: details.params.client_id as string });
      const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
      if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
      if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    }

    providerServer.on('request', (req: IncomingMessage, res: ServerResponse) => {
      if (req.url?.startsWith('/interaction/')) {
        interaction(req, res).catch((error: unknown) => {
          res.statusCode = 500;
          res.end(String(error));
        });
        return;
      }
      void providerCallback(req, res);
    });

    const oidc: OidcSettings = { issuer, clientId: 'rouage-test', clientSecret, redirectUri, groupsClaim: 'groups', scopes: 'openid profile email groups' };
    const app = platform.createApp({ auth: { oidc } });
    appServer.on('request', app);
  });

  afterAll(async () => {
    appServer.closeAllConnections();
    providerServer.closeAllConnections();
    await new Promise((resolve) => appServer.close(resolve));
    await new Promise((resolve) => providerServer.close(resolve));
    await platform.stop();
  });

  const isCallback = (url: URL) => url.origin === appUrl && url.pathname === callbackPath;
  const isHome = (url: URL) => url.origin === appUrl && url.pathname === '/';

  /** Requests the callback, stopping at its redirect to the web app. */
  async function finish(jar: CookieJar, callback: URL): Promise<Response> {
    return (await browse(jar, callback.href, isHome)).steps.at(-1)!.response;
  }

  /** From the app's login route to the provider and back to (not into) the callback. */
  async function toCallback(jar: CookieJar, login: typeof nextLogin): Promise<URL> {
    nextLogin = login;
    const { steps, next } = await browse(jar, `${appUrl}/api/v1/auth/oidc/login`, isCallback);
    if (!next) throw new Error(`the flow stopped at ${steps.at(-1)!.url.href} with ${steps.at(-1)!.response.status}: ${await steps.at(-1)!.response.text()}`);
    return next;
  }

  async function me(jar: CookieJar): Promise<Response> {
    const url = new URL(`${appUrl}/api/v1/auth/me`);
    return fetch(url, { headers: { cookie: jar.header(url) ?? '' } });
  }

  it('says it is configured, and redirects to the provider with PKCE, state and nonce in a signed httpOnly cookie', async () => {
    expect(await (await fetch(`${appUrl}/api/v1/auth/config`)).json()).toEqual({ oidc: true });

    const response = await fetch(`${appUrl}/api/v1/auth/oidc/login`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location')!);
    expect(location.origin).toBe(issuer);
    expect(location.searchParams.get('client_id')).toBe('rouage-test');
    expect(location.searchParams.get('redirect_uri')).toBe(`${appUrl}${callbackPath}`);
    expect(location.searchParams.get('response_type')).toBe('code');
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    expect(location.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(location.searchParams.get('state')).toBeTruthy();
    expect(location.searchParams.get('nonce')).toBeTruthy();
    expect(location.searchParams.get('scope')!.split(' ')).toEqual(expect.arrayContaining(['openid', 'profile', 'groups']));
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('rouage_oidc='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\/api\/v1\/auth\/oidc/);
    // Neither the verifier nor anything else readable by a forger: the value is signed.
    expect(cookie).not.toContain(location.searchParams.get('code_challenge')!);
  });

  it('signs a new user in: creates the account as an agent with the mapped groups and opens a session', async () => {
    const jar = new CookieJar();
    const callback = await toCallback(jar, { accountId: 'marie-7f3a' });
    expect(callback.searchParams.get('code')).toBeTruthy();

    const last = await finish(jar, callback);
    expect(last.status).toBe(302);
    expect(last.headers.get('location')).toBe('/');
    expect(jar.get(appUrl, 'rouage_oidc')).toBeUndefined(); // single use
    expect(last.headers.getSetCookie().find((c) => c.startsWith('rouage_session='))).toMatch(/HttpOnly/i);

    const session = await me(jar);
    expect(session.status).toBe(200);
    expect(await session.json()).toEqual({ username: 'marie.curie', displayName: 'Marie Curie', roles: ['agent'], groups: ['group-a', 'urbanisme'] });

    const stored = await UserModel.findById('marie.curie').lean();
    expect(stored).toMatchObject({ roles: ['agent'], groups: ['group-a', 'urbanisme'], active: true, oidcIssuer: issuer, oidcSubject: 'marie-7f3a' });
    expect(stored!.passwordHash).toBeUndefined();

    // The administrators see her, without a password.
    const admin = await platform.login('admin');
    const view = await platform.request('GET', '/api/v1/users/marie.curie', { token: admin });
    expect(view.body).toMatchObject({ username: 'marie.curie', hasPassword: false, oidc: { issuer, subject: 'marie-7f3a' } });
  });

  it('signs the same identity into the same account the next time, with the groups the provider sends now', async () => {
    ACCOUNTS['marie-7f3a']!.groups = ['group-b'];
    try {
      const jar = new CookieJar();
      expect((await finish(jar, await toCallback(jar, { accountId: 'marie-7f3a' }))).status).toBe(302);
      expect((await me(jar)).status).toBe(200);
      expect(await UserModel.countDocuments({ oidcSubject: 'marie-7f3a' })).toBe(1);
      expect((await UserModel.findById('marie.curie').lean())!.groups).toEqual(['group-b']);
    } finally {
      ACCOUNTS['marie-7f3a']!.groups = ['group-a', '/urbanisme'];
    }
  });

  it('uses the subject as username when the provider sends no preferred_username, and no groups without the claim', async () => {
    const jar = new CookieJar();
    await finish(jar, await toCallback(jar, { accountId: 'f81d4fae-7dec-11d0-a765-00a0c91e6bf6' }));
    const session = await me(jar);
    expect(await session.json()).toEqual({ username: 'f81d4fae-7dec-11d0-a765-00a0c91e6bf6', displayName: 'Jeanne Sans-Groupe', roles: ['agent'], groups: [] });
  });

  it('refuses a tampered state, and opens no session', async () => {
    const jar = new CookieJar();
    const callback = await toCallback(jar, { accountId: 'marie-7f3a' });
    callback.searchParams.set('state', `${callback.searchParams.get('state')}x`);
    const last = await finish(jar, callback);
    expect(last.status).toBe(400);
    expect(last.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const problem = (await last.json()) as { type: string; detail: string };
    expect(problem.type).toBe('urn:rouage:problem:oidc-invalid-response');
    expect(problem.detail).toMatch(/state/i);
    expect(problem.detail).toContain('/api/v1/auth/oidc/login');
    expect(jar.get(appUrl, 'rouage_session')).toBeUndefined();
    expect((await me(jar)).status).toBe(401);
  });

  it('refuses a callback without the signed transaction cookie (another browser, or a forged one)', async () => {
    const jar = new CookieJar();
    const callback = await toCallback(jar, { accountId: 'marie-7f3a' });
    const forged = await fetch(callback, { redirect: 'manual', headers: { cookie: 'rouage_oidc=eyJ2Ijp7fX0.AAAA' } });
    expect(forged.status).toBe(400);
    expect(((await forged.json()) as { type: string }).type).toBe('urn:rouage:problem:oidc-transaction-missing');
    const none = await fetch(callback, { redirect: 'manual' });
    expect(none.status).toBe(400);
  });

  it('answers 401 with the provider’s reason when the user refuses at the provider', async () => {
    const jar = new CookieJar();
    const callback = await toCallback(jar, { error: 'access_denied', error_description: 'the user cancelled' });
    expect(callback.searchParams.get('error')).toBe('access_denied');
    const last = await finish(jar, callback);
    expect(last.status).toBe(401);
    expect(((await last.json()) as { detail: string }).detail).toContain('access_denied');
  });

  it('never hands a password account to a provider identity that names the same username', async () => {
    const jar = new CookieJar();
    const last = await finish(jar, await toCallback(jar, { accountId: 'usurper-91c2' }));
    expect(last.status).toBe(409);
    expect(((await last.json()) as { detail: string }).detail).toContain('signs in with a password');
    expect(jar.get(appUrl, 'rouage_session')).toBeUndefined();
    expect((await UserModel.findById('owner').lean())!.oidcSubject).toBeUndefined();
  });

  it('links an account an administrator prepared without a password, keeping its roles', async () => {
    const admin = await platform.login('admin');
    const created = await platform.request('POST', '/api/v1/users', { token: admin, json: { username: 'prepared', displayName: 'Prepared', roles: ['supervisor'], groups: ['group-a'] } });
    expect(created.status).toBe(201);
    ACCOUNTS['prepared-sub'] = { preferred_username: 'prepared', name: 'Prepared At Provider', groups: ['group-a', 'group-b'] };
    const jar = new CookieJar();
    await finish(jar, await toCallback(jar, { accountId: 'prepared-sub' }));
    expect(await (await me(jar)).json()).toEqual({ username: 'prepared', displayName: 'Prepared At Provider', roles: ['supervisor'], groups: ['group-a', 'group-b'] });
  });

  it('refuses a deactivated account', async () => {
    const admin = await platform.login('admin');
    expect((await platform.request('DELETE', '/api/v1/users/marie.curie', { token: admin })).status).toBe(200);
    const jar = new CookieJar();
    expect((await finish(jar, await toCallback(jar, { accountId: 'marie-7f3a' }))).status).toBe(403);
    expect(jar.get(appUrl, 'rouage_session')).toBeUndefined();
  });

  it('answers 404 with how to configure it where OIDC is not configured', async () => {
    expect((await platform.request('GET', '/api/v1/auth/config')).body).toEqual({ oidc: false });
    for (const path of ['/api/v1/auth/oidc/login', '/api/v1/auth/oidc/callback?code=x&state=y']) {
      const response = await platform.request('GET', path);
      expect(response.status).toBe(404);
      expect(response.body.type).toBe('urn:rouage:problem:oidc-not-configured');
      expect(response.body.detail).toMatch(/^OIDC is not configured; set OIDC_ISSUER/);
    }
  });

  it('reads its configuration from OIDC_* variables, and refuses an incomplete one', () => {
    expect(loadConfig({}).OIDC_ISSUER).toBeUndefined();
    expect(() => loadConfig({ OIDC_ISSUER: 'https://auth.example.gouv.fr' })).toThrow(/OIDC_CLIENT_ID and OIDC_REDIRECT_URI must be set/);
    expect(() => loadConfig({ NODE_ENV: 'production', ROUAGE_SECRET: 'x'.repeat(32), OIDC_ISSUER: 'http://keycloak.example:8080/realms/rouage', OIDC_CLIENT_ID: 'rouage', OIDC_REDIRECT_URI: 'https://rouage.example/api/v1/auth/oidc/callback' })).toThrow(/https/);
    const config = loadConfig({ OIDC_ISSUER: 'https://auth.example.gouv.fr', OIDC_CLIENT_ID: 'rouage', OIDC_REDIRECT_URI: 'https://rouage.example/api/v1/auth/oidc/callback' });
    expect(config).toMatchObject({ OIDC_GROUPS_CLAIM: 'groups', OIDC_SCOPES: 'openid profile email' });
  });

  it('reads the groups claim as a list or a string, as providers send it', () => {
    expect(groupsOf(['group-a', '/urbanisme', 'group-a', '', 'a,b'])).toEqual(['group-a', 'urbanisme']);
    expect(groupsOf('group-a group-b,group-c')).toEqual(['group-a', 'group-b', 'group-c']);
    expect(groupsOf(undefined)).toBeUndefined();
  });
});
