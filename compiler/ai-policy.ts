/**
 * Data sovereignty (DESIGN.md §5), as plain data and pure functions shared by the compiler
 * (refusal at deploy time) and the AI activities (refusal at run time).
 */

/** A process's data classification, from least to most sensitive. */
export const DATA_CLASSIFICATIONS = ['public', 'internal', 'sensitive'] as const;
export type DataClassification = (typeof DATA_CLASSIFICATIONS)[number];

/** Where a provider runs. Only `on-premise` is inside the trust boundary. */
export const PROVIDER_LOCATIONS = ['on-premise', 'sovereign-cloud', 'external'] as const;
export type ProviderLocation = (typeof PROVIDER_LOCATIONS)[number];

export interface AiPolicy {
  providers: readonly { id: string; location: ProviderLocation }[];
  defaultProviderId: string;
  /** Which provider locations each classification may use. */
  allowedLocations: Readonly<Record<DataClassification, readonly ProviderLocation[]>>;
}

/** Conservative default: sensitive data stays on premises, internal data in sovereign hands. */
export const DEFAULT_ALLOWED_LOCATIONS: AiPolicy['allowedLocations'] = {
  public: ['on-premise', 'sovereign-cloud', 'external'],
  internal: ['on-premise', 'sovereign-cloud'],
  sensitive: ['on-premise'],
};

export const LOCAL_ONLY_POLICY: AiPolicy = {
  providers: [{ id: 'local', location: 'on-premise' }],
  defaultProviderId: 'local',
  allowedLocations: DEFAULT_ALLOWED_LOCATIONS,
};

/** When a diagram does not say, its data is treated as the most sensitive. */
export const DEFAULT_CLASSIFICATION: DataClassification = 'sensitive';

export function classificationRank(classification: DataClassification): number {
  return DATA_CLASSIFICATIONS.indexOf(classification);
}

/** The embedded provider, inside the worker: always configured, always on premises. */
export const LOCAL_PROVIDER_ID = 'local';

/**
 * The provider a task uses: the local one for activities that must never leave the worker
 * (pseudonymisation), else the task's `provider` header, else the process's `aiProvider`, else
 * the deployment's default.
 */
export function providerIdFor(
  policy: Pick<AiPolicy, 'defaultProviderId'>,
  activity: { localOnly?: boolean } | undefined,
  taskProvider?: string,
  processProvider?: string,
): string {
  if (activity?.localOnly) return LOCAL_PROVIDER_ID;
  return taskProvider || processProvider || policy.defaultProviderId;
}

export function isLocationAllowed(policy: Pick<AiPolicy, 'allowedLocations'>, classification: DataClassification, location: ProviderLocation): boolean {
  return policy.allowedLocations[classification].includes(location);
}

/** Personal data must be pseudonymised before it leaves the trust boundary (public data excepted). */
export function needsPseudonymisation(classification: DataClassification, location: ProviderLocation): boolean {
  return location !== 'on-premise' && classification !== 'public';
}

export const PSEUDONYMIZE_TASK_TYPE = 'ai.pseudonymize';
