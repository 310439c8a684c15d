/**
 * Configuration from the environment, parsed once at boot with zod. Every problem is listed
 * at once, with the variable to set.
 */
import { z } from 'zod';
import { DATA_CLASSIFICATIONS, PROVIDER_LOCATIONS } from '../compiler/ai-policy';

/** An environment variable holding JSON, validated by `schema`. */
function jsonVariable<T extends z.ZodType>(schema: T) {
  return z
    .string()
    .transform((text, context) => {
      try {
        return JSON.parse(text) as unknown;
      } catch (error) {
        context.addIssue({ code: 'custom', message: `is not valid JSON (${(error as Error).message})` });
        return z.NEVER;
      }
    })
    .pipe(schema);
}

const providerSettingsSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lower-case letters, digits and dashes').refine((id) => id !== 'local', '"local" is the embedded provider'),
  baseUrl: z.url(),
  model: z.string().min(1),
  location: z.enum(PROVIDER_LOCATIONS),
  /** Name of the environment variable holding the API key (never the key itself). */
  apiKeyEnv: z.string().min(1).optional(),
  timeoutMs: z.number().int().positive().optional(),
});
export type ProviderSettings = z.infer<typeof providerSettingsSchema>;

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://').default('mongodb://127.0.0.1:27017/rouage'),
  ROUAGE_TASK_QUEUE: z.string().min(1).default('rouage'),
  ROUAGE_EXTERNAL_TASK_QUEUE: z.string().min(1).default('rouage-external'),
  /** Signs session tokens. Required in production; generated per start in development. */
  ROUAGE_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ROUAGE_DEMO_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  /** A workflow bundle built ahead (`npm run build:workflows`), so the worker starts without bundling. */
  ROUAGE_WORKFLOW_BUNDLE: z.string().min(1).optional(),
  /** 32-byte key (64 hex characters) encrypting what ai.pseudonymize replaced. `npm start` makes one. */
  ROUAGE_DATA_KEY: z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (openssl rand -hex 32)').optional(),
  /** Language-model providers, as JSON: [{"id","baseUrl","model","location","apiKeyEnv"}]. */
  ROUAGE_AI_PROVIDERS: jsonVariable(z.array(providerSettingsSchema)).default([]),
  ROUAGE_AI_DEFAULT_PROVIDER: z.string().min(1).default('local'),
  /** Which provider locations each data classification may use, as JSON (see README). */
  ROUAGE_AI_ALLOWED_LOCATIONS: jsonVariable(z.record(z.enum(DATA_CLASSIFICATIONS), z.array(z.enum(PROVIDER_LOCATIONS)))).optional(),
  /** Service tasks outside the activity catalog are refused at deploy instead of warned about. */
  ROUAGE_STRICT_TASK_TYPES: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  /** OpenID Connect sign-in (ProConnect, Keycloak): the issuer identifier; unset disables it. */
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  /** Unset for a public client (PKCE only). */
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** This API's callback as registered at the provider: https://<host>/api/v1/auth/oidc/callback. */
  OIDC_REDIRECT_URI: z.url().optional(),
  /** The claim listing the user's groups. */
  OIDC_GROUPS_CLAIM: z.string().min(1).default('groups'),
  /** Scopes requested (ProConnect: "openid email given_name usual_name uid"). */
  OIDC_SCOPES: z.string().min(1).default('openid profile email'),
  /**
   * Where notifications go out (smtp:// or smtps://user:pass@host:port). Unset: nothing is
   * sent, messages stay in the outbox, which admins read in the app (development).
   */
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').optional(),
  /** The From of notifications. */
  NOTIFY_FROM: z.string().min(3).default('Rouage <ne-pas-repondre@rouage.localhost>'),
  /** The web app's address, for links in notifications. */
  NOTIFY_APP_URL: z.url().default('http://localhost:3000'),
});

export type Config = z.infer<typeof environmentSchema>;

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  - ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration; fix these environment variables:\n${problems.join('\n')}`);
  }
  const config = parsed.data;
  if (config.NODE_ENV === 'production' && !config.ROUAGE_SECRET) {
    throw new ConfigError('Invalid configuration: ROUAGE_SECRET must be set in production (32+ random characters, e.g. `openssl rand -hex 32`).');
  }
  if (config.OIDC_ISSUER) {
    const missing = (['OIDC_CLIENT_ID', 'OIDC_REDIRECT_URI'] as const).filter((name) => !config[name]);
    if (missing.length > 0) throw new ConfigError(`Invalid configuration: OIDC_ISSUER is set, so ${missing.join(' and ')} must be set too (or unset OIDC_ISSUER to disable OpenID Connect).`);
    const issuer = new URL(config.OIDC_ISSUER);
    if (config.NODE_ENV === 'production' && issuer.protocol !== 'https:' && !['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname)) {
      throw new ConfigError('Invalid configuration: OIDC_ISSUER must be an https:// URL in production.');
    }
  }
  return config;
}
