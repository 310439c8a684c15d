/**
 * Personal data detection for French administrative texts: NIR, IBAN, e-mail, telephone,
 * postal address and person names. Checksummed identifiers are validated (NIR key, IBAN
 * mod 97); the others are found by patterns and context, with a lower confidence.
 */
import { detectAddresses } from './pii-address';
import { detectEmails, detectPhones } from './pii-contacts';
import { detectIbans, detectNirs } from './pii-identifiers';
import { detectNames } from './pii-names';
import type { PiiEntity, PiiType } from './pii-types';

export type { PiiEntity, PiiType } from './pii-types';
export { PII_TYPES } from './pii-types';

// When two detections overlap, the more specific kind wins (a NIR is not a phone number, an
// address may contain a person's name: "rue Victor Hugo").
const PRIORITY: Record<PiiType, number> = { nir: 6, iban: 5, email: 4, phone: 3, address: 2, name: 1 };

/** Keeps the best of overlapping entities: higher confidence, then kind, then the longer span. */
export function resolveOverlaps(entities: readonly PiiEntity[]): PiiEntity[] {
  const ranked = [...entities].sort(
    (a, b) => b.confidence - a.confidence || PRIORITY[b.type] - PRIORITY[a.type] || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const kept: PiiEntity[] = [];
  for (const entity of ranked) {
    if (!kept.some((k) => entity.start < k.end && k.start < entity.end)) kept.push(entity);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** Every personal datum of `text`, non-overlapping, sorted by position. */
export function detectPii(text: string): PiiEntity[] {
  return resolveOverlaps([
    ...detectNirs(text),
    ...detectIbans(text),
    ...detectEmails(text),
    ...detectPhones(text),
    ...detectAddresses(text),
    ...detectNames(text),
  ]);
}
