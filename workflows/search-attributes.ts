/**
 * Search attributes every process instance carries, so instances can be listed by process,
 * version and business key in Temporal itself. The embedded dev server registers them at start;
 * a production cluster needs them registered once (see README).
 */
export const SEARCH_ATTRIBUTES = {
  RouageProcessKey: 'Keyword',
  RouageProcessVersion: 'Int',
  RouageBusinessKey: 'Keyword',
} as const;
