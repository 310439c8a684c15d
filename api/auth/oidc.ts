/**
 * OpenID Connect sign-in (ProConnect, Keycloak...): authorization code flow with PKCE, state
 * and nonce (`openid-client`). The PKCE verifier, state and nonce travel in a short-lived
 * signed httpOnly cookie, not in server memory, so any API replica can finish a sign-in that
 * another one started. The identity is mapped to a local account (see `accountFor`), which
 * then gets the same session cookie as a password sign-in.
 */
import { Router, type Request, type Response } from 'express';
import * as client from 'openid-client';
import type { Config } from '../../platform/config';
import { insertOnce, UserModel } from '../../platform/storage';
import { HttpProblem, problems } from '../problems';
import { readCookie, setSessionCookie } from './current-user';
import type { TokenSigner } from './tokens';

export interface OidcSettings {
  /** Issuer identifier; its `/.well-known/openid-configuration` is read on first use. */
  issuer: string;
  clientId: string;
  /** Absent for a public client (PKCE only). Sent as client_secret_post. */
  clientSecret?: string;
  /** This API's `/api/v1/auth/oidc/callback` as the provider knows it. */
  redirectUri: string;
  /** The claim holding the user's groups (an array, or a space- or comma-separated string). */
  groupsClaim: string;
  /** Space-separated scopes; `openid` is always requested. */
  scopes: string;
}

export const OIDC_COOKIE = 'rouage_oidc';
const OIDC_COOKIE_PATH = '/api/v1/auth/oidc';
/** Time allowed between the redirect to the provider and the return to the callback. */
const TRANSACTION_TTL_SECONDS = 10 * 60;

interface Transaction {
  state: string;
  nonce: string;
  verifier: string;
}

const notConfigured = () =>
  new HttpProblem(
    404,
    'oidc-not-configured',
    'OpenID Connect is not configured',
    'OIDC is not configured; set OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and OIDC_REDIRECT_URI (see the README) and restart the API. Sign in with POST /api/v1/auth/login meanwhile.',
  );

const restart = 'Start the sign-in again from GET /api/v1/auth/oidc/login.';

/**
 * The groups claim as a list of group names; `/a/b` paths (Keycloak's full group path) lose their
 * first slash; names with a comma are dropped (BPMN candidate groups are comma-separated).
 */
export function groupsOf(value: unknown): string[] | undefined {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,]+/) : undefined;
  if (!list) return undefined;
  const names = list.filter((g): g is string => typeof g === 'string').map((g) => g.trim().replace(/^\//, '')).filter((g) => g.length > 0 && g.length <= 200 && !g.includes(','));
  return [...new Set(names)];
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim().length > 0 ? value.trim() : undefined;
}

export interface OidcIdentity {
  issuer: string;
  subject: string;
  username: string;
  displayName: string;
  /** Undefined when the provider sent no groups claim: the account's groups are then left as they are. */
  groups: string[] | undefined;
}

export function identityOf(issuer: string, claims: Record<string, unknown>, groupsClaim: string): OidcIdentity {
  const subject = text(claims.sub);
  if (!subject) throw new HttpProblem(502, 'oidc-invalid-claims', 'The identity provider sent no subject', `The ID token has no "sub" claim. Check the provider's client configuration. ${restart}`);
  const username = (text(claims.preferred_username) ?? subject).slice(0, 200);
  const fullName = [text(claims.given_name), text(claims.usual_name) ?? text(claims.family_name)].filter(Boolean).join(' ');
  return { issuer, subject, username, displayName: text(claims.name) ?? (fullName || username), groups: groupsOf(claims[groupsClaim]) };
}

/**
 * The local account of an identity. Found by issuer and subject once linked. On first sign-in
 * a new account is created with the role `agent`, or an account an administrator prepared
 * without a password under the same username is linked. An account that signs in with a
 * password is never taken over by a provider naming the same username (409). Each sign-in
 * refreshes the display name and, when the provider sends the groups claim, the groups.
 */
export async function accountFor(identity: OidcIdentity, now = new Date()): Promise<{ username: string; created: boolean }> {
  const { issuer, subject, username } = identity;
  let created = false;
  let user = await UserModel.findOne({ oidcIssuer: issuer, oidcSubject: subject }).lean();
  if (!user) {
    const existing = await UserModel.findById(username).lean();
    if (existing?.oidcSubject) {
      throw problems.conflict(`The account "${username}" is already linked to another identity of the provider. Ask an administrator to rename one of them at the provider.`);
    }
    if (existing?.passwordHash) {
      throw problems.conflict(
        `An account named "${username}" already exists and signs in with a password, so it is not linked to your identity at the provider. Sign in with your password, or ask an administrator to remove that account's password (PATCH /api/v1/users/${encodeURIComponent(username)} {"password": null}) so that it signs in through the provider.`,
      );
    }
    if (existing) {
      await UserModel.updateOne({ _id: username, oidcSubject: { $exists: false } }, { $set: { oidcIssuer: issuer, oidcSubject: subject } });
    } else {
      created = await insertOnce(UserModel, {
        _id: username,
        displayName: identity.displayName,
        roles: ['agent'],
        groups: identity.groups ?? [],
        active: true,
        oidcIssuer: issuer,
        oidcSubject: subject,
      });
    }
    user = await UserModel.findOne({ oidcIssuer: issuer, oidcSubject: subject }).lean();
    if (!user) throw problems.conflict(`The account "${username}" was linked to another identity meanwhile. ${restart}`);
  }
  if (!user.active) throw problems.forbidden(`The account "${user._id}" is deactivated. Ask an administrator to reactivate it.`);
  await UserModel.updateOne({ _id: user._id }, { $set: { displayName: identity.displayName, lastLoginAt: now, ...(identity.groups ? { groups: identity.groups } : {}) } });
  return { username: user._id, created };
}

function refused(error: unknown): HttpProblem {
  if (error instanceof HttpProblem) return error;
  if (error instanceof client.AuthorizationResponseError) {
    return new HttpProblem(401, 'oidc-refused', 'The identity provider refused the sign-in', `The provider answered "${error.error}"${error.error_description ? ` (${error.error_description})` : ''}. ${restart}`);
  }
  if (error instanceof client.ResponseBodyError) {
    return new HttpProblem(401, 'oidc-refused', 'The identity provider refused the sign-in', `The provider's token endpoint answered "${error.error}"${error.error_description ? ` (${error.error_description})` : ''}. ${restart}`);
  }
  if (error instanceof client.ClientError || (error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('OAUTH_'))) {
    // openid-client's messages are generic ("invalid response encountered"); the cause names the check (state, nonce...).
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return new HttpProblem(400, 'oidc-invalid-response', 'The sign-in response is not valid', `The response from the identity provider failed a check (${error.message}${cause}). ${restart}`);
  }
  return problems.unavailable('Identity provider', error instanceof Error ? error.message : String(error));
}

/** `/api/v1/auth/oidc/*`, answering 404 with how to configure it when `settings` is undefined. */
export function oidcRouter(signer: TokenSigner, settings: OidcSettings | undefined, options: { secureCookies: boolean }): Router {
  const router = Router();
  const sealer = signer.sealer<Transaction>('oidc-transaction');
  let configuration: Promise<client.Configuration> | undefined;

  /** Discovery on first use, kept; a failure is retried at the next request. */
  function discover(oidc: OidcSettings): Promise<client.Configuration> {
    if (!configuration) {
      const issuer = new URL(oidc.issuer);
      const discovered = client.discovery(
        issuer,
        oidc.clientId,
        { client_secret: oidc.clientSecret, redirect_uris: [oidc.redirectUri], response_types: ['code'] },
        oidc.clientSecret ? client.ClientSecretPost(oidc.clientSecret) : client.None(),
        // Plain HTTP only for a provider on this machine (tests, a local Keycloak); config refuses it otherwise in production.
        issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests], timeout: 10 } : { timeout: 10 },
      );
      configuration = discovered;
      discovered.catch(() => {
        if (configuration === discovered) configuration = undefined;
      });
    }
    return configuration;
  }

  function clearTransaction(res: Response): void {
    res.clearCookie(OIDC_COOKIE, { path: OIDC_COOKIE_PATH, httpOnly: true, sameSite: 'lax', secure: options.secureCookies });
  }

  router.get('/login', async (_req: Request, res: Response) => {
    if (!settings) throw notConfigured();
    const config = await discover(settings).catch((error: unknown) => {
      throw problems.unavailable('Identity provider', `discovery of ${settings.issuer} failed: ${(error as Error).message}`);
    });
    const transaction: Transaction = { state: client.randomState(), nonce: client.randomNonce(), verifier: client.randomPKCECodeVerifier() };
    const scopes = new Set(['openid', ...settings.scopes.split(/\s+/).filter(Boolean)]);
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: settings.redirectUri,
      scope: [...scopes].join(' '),
      code_challenge: await client.calculatePKCECodeChallenge(transaction.verifier),
      code_challenge_method: 'S256',
      state: transaction.state,
      nonce: transaction.nonce,
    });
    // SameSite=Lax: the provider sends the browser back with a top-level GET, which carries it.
    res.cookie(OIDC_COOKIE, sealer.seal(transaction, TRANSACTION_TTL_SECONDS), {
      httpOnly: true,
      sameSite: 'lax',
      secure: options.secureCookies,
      maxAge: TRANSACTION_TTL_SECONDS * 1000,
      path: OIDC_COOKIE_PATH,
    });
    res.redirect(302, url.href);
  });

  router.get('/callback', async (req: Request, res: Response) => {
    if (!settings) throw notConfigured();
    const sealed = readCookie(req, OIDC_COOKIE);
    const transaction = sealed ? sealer.open(sealed) : undefined;
    clearTransaction(res); // single use, whatever happens next
    if (!transaction) {
      throw new HttpProblem(
        400,
        'oidc-transaction-missing',
        'No sign-in in progress',
        `This browser has no valid sign-in in progress (it expires after ${TRANSACTION_TTL_SECONDS / 60} minutes and must start and end in the same browser). ${restart}`,
      );
    }
    let identity: OidcIdentity;
    try {
      const config = await discover(settings);
      // The URL the provider redirected to, as registered (the API may sit behind a proxy).
      const currentUrl = new URL(settings.redirectUri);
      currentUrl.search = new URL(req.originalUrl, 'http://callback.invalid').search;
      const tokens = await client.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: transaction.verifier,
        expectedState: transaction.state,
        expectedNonce: transaction.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims();
      if (!idClaims) throw new HttpProblem(502, 'oidc-invalid-claims', 'The identity provider sent no ID token', `The token response has no ID token. ${restart}`);
      let claims: Record<string, unknown> = { ...idClaims };
      if (config.serverMetadata().userinfo_endpoint) {
        // Providers that follow OIDC Core 5.4 give the scope claims (groups...) only here.
        const userInfo = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
        claims = { ...userInfo, ...idClaims };
      }
      identity = identityOf(config.serverMetadata().issuer, claims, settings.groupsClaim);
    } catch (error) {
      throw refused(error);
    }
    const { username } = await accountFor(identity);
    setSessionCookie(res, signer.sign(username), options.secureCookies);
    res.redirect(302, '/');
  });

  return router;
}

/** The OpenID Connect settings of the configuration, or undefined when OIDC_ISSUER is unset. */
export function oidcSettingsOf(config: Config): OidcSettings | undefined {
  if (!config.OIDC_ISSUER || !config.OIDC_CLIENT_ID || !config.OIDC_REDIRECT_URI) return undefined;
  return {
    issuer: config.OIDC_ISSUER,
    clientId: config.OIDC_CLIENT_ID,
    clientSecret: config.OIDC_CLIENT_SECRET,
    redirectUri: config.OIDC_REDIRECT_URI,
    groupsClaim: config.OIDC_GROUPS_CLAIM,
    scopes: config.OIDC_SCOPES,
  };
}
