/**
 * Check digits of French and international identifiers: the NIR (numéro de sécurité sociale)
 * key and the IBAN (ISO 13616) mod-97 check. A number whose check fails is a typo or not an
 * identifier at all, which is what keeps the PII detector from flagging amounts and references.
 */

/** Remainder of a long decimal string modulo 97, computed piecewise (no BigInt needed). */
export function mod97(digits: string): number {
  let remainder = 0;
  for (let i = 0; i < digits.length; i += 7) remainder = Number(`${remainder}${digits.slice(i, i + 7)}`) % 97;
  return remainder;
}

/**
 * The 2-digit NIR key of the 13 first characters: 97 − (number mod 97). Corsican departments
 * 2A and 2B count as 19 and 18 (the number minus 1 000 000 or 2 000 000).
 */
export function nirKey(first13: string): number {
  const digits = first13.toUpperCase().replace(/^(.{5})2A/, '$119').replace(/^(.{5})2B/, '$118');
  return 97 - mod97(digits);
}

/** Month field of a NIR: 01-12, or 20-42 and 50-99 for people registered without a known month. */
function validNirMonth(month: number): boolean {
  return (month >= 1 && month <= 12) || (month >= 20 && month <= 42) || (month >= 50 && month <= 99);
}

/** A NIR written with or without spaces: sex, year, month, department, commune, order, key. */
export function isValidNir(candidate: string): boolean {
  const compact = candidate.replace(/[\s.-]/g, '').toUpperCase();
  const match = /^([1-478])(\d{2})(\d{2})(\d{2}|2[AB])(\d{3})(\d{3})(\d{2})$/.exec(compact);
  if (!match || !validNirMonth(Number(match[3]))) return false;
  return nirKey(compact.slice(0, 13)) === Number(match[7]);
}

/** IBAN length by country (ISO 13616 registry), French overseas territories included. */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28, CH: 21, CR: 22, CY: 28,
  CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18,
  GR: 27, GT: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21,
  LT: 20, LU: 20, LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MR: 27, MT: 31, MU: 30, NL: 18, NO: 15, PK: 24, PL: 28,
  PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, RU: 33, SA: 24, SC: 31, SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, ST: 25, SV: 28,
  TL: 23, TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, XK: 20,
  // French overseas departments and territories share the French format.
  BL: 27, GF: 27, GP: 27, MF: 27, MQ: 27, NC: 27, PF: 27, PM: 27, RE: 27, TF: 27, WF: 27, YT: 27,
};

/** ISO 13616: country code and check digits moved to the end, letters as 10-35, mod 97 = 1. */
export function isValidIban(candidate: string): boolean {
  const compact = candidate.replace(/\s/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(compact) || IBAN_LENGTHS[compact.slice(0, 2)] !== compact.length) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  const digits = rearranged.replace(/[A-Z]/g, (letter) => String(letter.charCodeAt(0) - 55));
  return mod97(digits) === 1;
}
