// Tests timezone → country mapping, including hostile input.
import { describe, expect, test } from 'vitest';
import { countryFromTimezone } from './country';

describe('countryFromTimezone', () => {
  test.each([
    ['Europe/Paris', 'FR'],
    ['Europe/Berlin', 'DE'],
    ['Europe/London', 'GB'],
    ['America/New_York', 'US'],
    ['America/Argentina/Buenos_Aires', 'AR'],
    ['Asia/Kolkata', 'IN'],
    ['Asia/Tokyo', 'JP'],
    ['Asia/Shanghai', 'CN'],
    ['Australia/Sydney', 'AU'],
    ['Pacific/Auckland', 'NZ'],
    ['Antarctica/Troll', 'AQ'],
    // Legacy aliases still sent by older systems.
    ['Asia/Calcutta', 'IN'],
    ['Europe/Kiev', 'UA'],
    ['Europe/Kyiv', 'UA'],
    ['Asia/Saigon', 'VN'],
    ['America/Buenos_Aires', 'AR'],
    ['US/Eastern', 'US'],
    ['Europe/Amsterdam', 'NL'],
    ['Europe/Busingen', 'DE'],
    ['Asia/Kuala_Lumpur', 'MY'],
  ])('%s → %s', (tz, expected) => {
    expect(countryFromTimezone(tz)).toBe(expected);
  });

  test.each([
    ['undefined', undefined],
    ['empty', ''],
    ['UTC', 'UTC'],
    ['GMT', 'GMT'],
    ['Etc/UTC', 'Etc/UTC'],
    ['Etc/GMT+5', 'Etc/GMT+5'],
    ['Etc/Unknown', 'Etc/Unknown'],
    ['Factory', 'Factory'],
    ['unknown zone', 'Mars/Olympus_Mons'],
    ['wrong case', 'europe/paris'],
    ['__proto__', '__proto__'],
    ['constructor', 'constructor'],
    ['toString', 'toString'],
    ['hasOwnProperty', 'hasOwnProperty'],
    ['65 chars', 'Europe/' + 'A'.repeat(58)],
    ['10 KB', 'A'.repeat(10_240)],
    ['control chars', 'Europe/Paris\u0000'],
    ['RTL override', '\u202EEurope/Paris'],
    ['path traversal', '../../etc/passwd'],
    ['spaces', ' Europe/Paris '],
  ])('%s → (unknown)', (_name, tz) => {
    expect(countryFromTimezone(tz)).toBe('(unknown)');
  });

  test('a non-string at runtime → (unknown)', () => {
    expect(countryFromTimezone(42 as unknown as string)).toBe('(unknown)');
  });
});
