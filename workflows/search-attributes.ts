/**
 * Search attributes every process instance carries, so instances can be listed by process,
 * version and business key in Temporal itself. The embedded dev server registers them at start;
 * a production cluster needs them registered once (see README). The typed keys serve the API's
 * starts and the interpreter's call activities alike.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const SEARCH_ATTRIBUTES = {
  RouageProcessKey: 'Keyword',
  RouageProcessVersion: 'Int',
  RouageBusinessKey: 'Keyword',
} as const;

export const processKeyAttribute = defineSearchAttributeKey('RouageProcessKey', SearchAttributeType.KEYWORD);
export const processVersionAttribute = defineSearchAttributeKey('RouageProcessVersion', SearchAttributeType.INT);
export const businessKeyAttribute = defineSearchAttributeKey('RouageBusinessKey', SearchAttributeType.KEYWORD);
