/** Personal data found in a text: what the local PII detectors return. */

export type PiiType = 'nir' | 'iban' | 'email' | 'phone' | 'address' | 'name';

export interface PiiEntity {
  type: PiiType;
  /** Offsets into the original text: `text.slice(start, end) === value`. */
  start: number;
  end: number;
  value: string;
  /** 1 for checksum-validated identifiers, lower for pattern-only detections. */
  confidence: number;
}

export const PII_TYPES: readonly PiiType[] = ['nir', 'iban', 'email', 'phone', 'address', 'name'];

/** Builds an entity from a span of `text`, so that value and offsets always agree. */
export function entityAt(text: string, type: PiiType, start: number, end: number, confidence: number): PiiEntity {
  return { type, start, end, value: text.slice(start, end), confidence };
}
