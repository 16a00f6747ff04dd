// Pure checksum tests used by the leak scanner: Luhn (cards), ISO 13616 mod-97 (IBAN), INSEE key (NIR).

/** Luhn check over a string of ASCII digits (no separators). */
export function passesLuhn(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * Card brands by prefix and length (ISO/IEC 7812 IIN ranges of the common networks). A Luhn pass
 * alone is true for one random number in ten; requiring a real brand keeps 13-digit rrweb
 * timestamps (which start with 1) and other ids out.
 */
const CARD_BRANDS: ReadonlyArray<{ prefix: RegExp; lengths: readonly number[] }> = [
  { prefix: /^4/, lengths: [13, 16, 19] }, // Visa
  { prefix: /^(5[1-5]|222[1-9]|22[3-9]\d|2[3-6]\d\d|27[01]\d|2720)/, lengths: [16] }, // Mastercard
  { prefix: /^3[47]/, lengths: [15] }, // American Express
  { prefix: /^3(0[0-5]|[689])/, lengths: [14, 16, 19] }, // Diners
  { prefix: /^35(2[89]|[3-8]\d)/, lengths: [16, 19] }, // JCB
  { prefix: /^(6011|64[4-9]|65|62)/, lengths: [16, 19] }, // Discover, UnionPay
  { prefix: /^(5[06-8]|6)/, lengths: [13, 16, 19] }, // Maestro
];

/** True for 13–19 digits of a known card brand and length that pass Luhn. */
export function isCardNumber(digits: string): boolean {
  if (!/^\d{13,19}$/.test(digits)) return false;
  const brand = CARD_BRANDS.some((b) => b.prefix.test(digits) && b.lengths.includes(digits.length));
  return brand && passesLuhn(digits);
}

/** IBAN length per country (SWIFT IBAN registry), Europe and the French overseas/nearby states. */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AT: 20, BE: 16, BG: 22, CH: 21, CY: 28, CZ: 24, DE: 22, DK: 18, EE: 20, ES: 24, FI: 18,
  FO: 18, FR: 27, GB: 22, GI: 23, GL: 18, GR: 27, HR: 21, HU: 28, IE: 22, IS: 26, IT: 27, LI: 21,
  LT: 20, LU: 20, LV: 21, MC: 27, MT: 31, NL: 18, NO: 15, PL: 28, PT: 25, RO: 24, SE: 24, SI: 19,
  SK: 24, SM: 27, VA: 22, MA: 28, TN: 24, DZ: 26, SN: 28, CI: 28, TR: 26, UA: 29, RS: 22, BA: 20,
  ME: 22, MK: 19, AL: 28, XK: 20, MD: 24, BY: 28, GE: 22, LB: 28, IL: 23, SA: 24, AE: 23, BR: 29,
}; // prettier-ignore

/** ISO 13616 check: the country's length, then mod 97 of the rearranged number equals 1. */
export function isIban(compact: string): boolean {
  const iban = compact.toUpperCase();
  const length = IBAN_LENGTHS[iban.slice(0, 2)];
  if (length === undefined || iban.length !== length) return false;
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const value = ch >= 'A' ? ch.charCodeAt(0) - 55 : ch.charCodeAt(0) - 48;
    remainder = (remainder * (value > 9 ? 100 : 10) + value) % 97;
  }
  return remainder === 1;
}

/**
 * French NIR (numéro de sécurité sociale): 13 characters + a 2-digit key equal to
 * 97 − (n mod 97). Corsica's departments 2A and 2B count as 19 and 18 in n (INSEE rule).
 * `compact` has no separators.
 */
export function isNir(compact: string): boolean {
  const m = /^([1-478])(\d{2})(0[1-9]|1[0-2]|[2-9]\d)(\d{2}|2[AB])(\d{3})(\d{3})(\d{2})$/i.exec(
    compact,
  );
  if (!m) return false;
  const body = compact.slice(0, 13).toUpperCase().replace('2A', '19').replace('2B', '18');
  return 97 - (Number(body) % 97) === Number(m[7]); // 13 digits < 2^53: exact
}
