/**
 * Addresses of the library's pages. History and diff live under `/processus` (a query names the
 * process), so the app's routing and access rules for the library cover them.
 */
export const libraryPath = '/processus';
export const historyPath = (processKey: string) => `/processus?historique=${encodeURIComponent(processKey)}`;
export const diffPath = (processKey: string, from: number, to: number) => `/processus?comparer=${encodeURIComponent(processKey)}&de=${from}&a=${to}`;
export const modelerPath = (processKey: string, version?: number) =>
  `/modeler?processus=${encodeURIComponent(processKey)}${version ? `&version=${version}` : ''}`;

export type LibraryView = { page: 'library' } | { page: 'history'; processKey: string } | { page: 'diff'; processKey: string; from: number; to: number };

const positive = (value: string | null) => (value && /^\d+$/.test(value) && Number(value) > 0 ? Number(value) : undefined);

export function libraryViewOf(search: URLSearchParams): LibraryView {
  const compared = search.get('comparer');
  const from = positive(search.get('de'));
  const to = positive(search.get('a'));
  if (compared && from && to) return { page: 'diff', processKey: compared, from, to };
  const history = search.get('historique');
  return history ? { page: 'history', processKey: history } : { page: 'library' };
}
