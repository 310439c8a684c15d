/**
 * The run-time half of "pseudonymise before leaving the trust boundary": before an AI
 * activity sends non-public data to a provider that is not on premises, every text of its
 * input is scanned, and the call is refused if personal data is still there.
 */
import { ApplicationFailure } from '@temporalio/common';
import { needsPseudonymisation, type DataClassification } from '../../compiler/ai-policy';
import { detectPii } from '../providers/local/pii';
import type { PiiType } from '../providers/local/pii-types';
import type { AiProvider } from '../providers/provider';

/** Entity types detected reliably enough (checksums, strict formats) to block a call on. */
const BLOCKING_TYPES: ReadonlySet<PiiType> = new Set(['nir', 'iban', 'email', 'phone']);

function texts(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(texts);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(texts);
  return [];
}

export function assertNoPersonalData(activityType: string, input: unknown, classification: DataClassification, provider: AiProvider): void {
  if (!needsPseudonymisation(classification, provider.location)) return;
  const found = new Set(texts(input).flatMap((text) => detectPii(text).map((entity) => entity.type).filter((type) => BLOCKING_TYPES.has(type))));
  if (found.size === 0) return;
  // The message names the kinds of data, never the data itself.
  throw ApplicationFailure.nonRetryable(
    `${activityType}: the input still holds personal data (${[...found].join(', ')}) and provider "${provider.id}" is outside the trust boundary (${provider.location}); nothing was sent. Pseudonymise the text with ai.pseudonymize first.`,
    'UnpseudonymizedPersonalData',
  );
}
