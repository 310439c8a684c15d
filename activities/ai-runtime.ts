/**
 * What the worker needs to run AI activities: the catalog, the configured providers, the
 * default one and the sovereignty policy. The compiler gets the same policy as plain data.
 */
import { randomBytes } from 'node:crypto';
import { DEFAULT_ALLOWED_LOCATIONS, type AiPolicy } from '../compiler/ai-policy';
import type { Config } from '../platform/config';
import { builtinCatalog, type AiCatalog } from './catalog';
import { createLocalProvider } from './providers/local/local-provider';
import { createOpenAiCompatibleProvider } from './providers/openai-compatible';
import type { AiProvider } from './providers/provider';
import { createPseudonymVault, parseDataKey, type PseudonymVault } from './pseudonym-vault';


export interface AiRuntime {
  catalog: AiCatalog;
  providers: ReadonlyMap<string, AiProvider>;
  defaultProviderId: string;
  allowedLocations: AiPolicy['allowedLocations'];
  /** Where ai.pseudonymize keeps the originals, encrypted. */
  vault: PseudonymVault;
}

/** The embedded default: the built-in catalog on the local provider only (tests add to it). */
export function localAiRuntime(catalog: AiCatalog = builtinCatalog, dataKey: Buffer = randomBytes(32)): AiRuntime {
  const local = createLocalProvider();
  return {
    catalog,
    providers: new Map([[local.id, local]]),
    defaultProviderId: local.id,
    allowedLocations: DEFAULT_ALLOWED_LOCATIONS,
    vault: createPseudonymVault(dataKey),
  };
}

export function aiPolicyOf(runtime: AiRuntime): AiPolicy {
  return {
    providers: [...runtime.providers.values()].map(({ id, location }) => ({ id, location })),
    defaultProviderId: runtime.defaultProviderId,
    allowedLocations: runtime.allowedLocations,
  };
}

/** The runtime a deployment configures: the local provider plus its language-model providers. */
export function aiRuntimeFromConfig(config: Config, env: NodeJS.ProcessEnv = process.env, catalog: AiCatalog = builtinCatalog): AiRuntime {
  const local = createLocalProvider();
  const providers = new Map<string, AiProvider>([[local.id, local]]);
  for (const settings of config.ROUAGE_AI_PROVIDERS) {
    const apiKey = settings.apiKeyEnv ? env[settings.apiKeyEnv] : undefined;
    if (settings.apiKeyEnv && !apiKey) throw new Error(`AI provider "${settings.id}": set ${settings.apiKeyEnv} to its API key.`);
    providers.set(settings.id, createOpenAiCompatibleProvider({ ...settings, ...(apiKey ? { apiKey } : {}) }));
  }
  if (!config.ROUAGE_DATA_KEY) throw new Error('Set ROUAGE_DATA_KEY to 64 hex characters (openssl rand -hex 32); npm start sets one in development.');
  if (!providers.has(config.ROUAGE_AI_DEFAULT_PROVIDER)) {
    throw new Error(`ROUAGE_AI_DEFAULT_PROVIDER is "${config.ROUAGE_AI_DEFAULT_PROVIDER}", which is not a configured provider (${[...providers.keys()].join(', ')}).`);
  }
  return {
    catalog,
    providers,
    defaultProviderId: config.ROUAGE_AI_DEFAULT_PROVIDER,
    allowedLocations: { ...DEFAULT_ALLOWED_LOCATIONS, ...config.ROUAGE_AI_ALLOWED_LOCATIONS },
    vault: createPseudonymVault(parseDataKey(config.ROUAGE_DATA_KEY)),
  };
}
