/** The instance page's address: `/instances/:id` (the API says which process and version it runs). */
const PREFIX = '/instances/';

export interface InstanceAddress {
  instanceId: string;
}

export function instancePath(instanceId: string): string {
  return `${PREFIX}${encodeURIComponent(instanceId)}`;
}

/** The instance an address names, or undefined for any other page. */
export function instanceAddressOf(location: URL): InstanceAddress | undefined {
  if (!location.pathname.startsWith(PREFIX)) return undefined;
  const rest = location.pathname.slice(PREFIX.length);
  if (rest === '' || rest.includes('/')) return undefined;
  return { instanceId: decodeURIComponent(rest) };
}
