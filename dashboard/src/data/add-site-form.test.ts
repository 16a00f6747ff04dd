import { describe, expect, it } from 'vitest';
import {
  fieldOfApiError,
  hostFromInput,
  resolveTimezone,
  searchTimezones,
} from './add-site-form.js';

const zones = [
  'America/Argentina/Buenos_Aires',
  'America/New_York',
  'Asia/Ho_Chi_Minh',
  'Europe/Paris',
  'Europe/Zurich',
  'UTC',
];

describe('add-site form', () => {
  it.each([
    ['https://www.Shop.test/pricing?x=1#top', 'www.shop.test'],
    ['http://shop.test:8080', 'shop.test'],
    ['shop.test/blog', 'shop.test'],
    ['  Shop.Test.  ', 'shop.test'],
    ['user@shop.test', 'shop.test'],
    ['https://café.test/', 'xn--caf-dma.test'],
    ['not a domain', 'not a domain'],
    ['', ''],
  ])('%j → %j', (input, host) => {
    expect(hostFromInput(input)).toBe(host);
  });

  it('finds zones by city, any case, spaces for underscores, accents ignored', () => {
    expect(searchTimezones('paris', zones)).toEqual(['Europe/Paris']);
    expect(searchTimezones('new york', zones)).toEqual(['America/New_York']);
    expect(searchTimezones('zürich', zones)).toEqual(['Europe/Zurich']);
    expect(searchTimezones('europe', zones)).toEqual(['Europe/Paris', 'Europe/Zurich']);
    expect(searchTimezones('a', zones, 2)).toHaveLength(2);
    expect(searchTimezones('atlantis', zones)).toEqual([]);
  });

  it.each([
    ['Paris', 'Europe/Paris'],
    ['europe/paris', 'Europe/Paris'],
    ['Buenos Aires', 'America/Argentina/Buenos_Aires'],
    ['UTC', 'UTC'],
    ['Europe', null],
    ['Atlantis', null],
    ['', null],
  ])('%j resolves to %j', (text, zone) => {
    expect(resolveTimezone(text, zones)).toBe(zone);
  });

  it('puts the API refusal under its field', () => {
    expect(fieldOfApiError('domain: a domain name such as example.com')).toEqual({
      field: 'domain',
      reason: 'a domain name such as example.com',
    });
    expect(fieldOfApiError('invalid timezone')).toEqual({
      field: 'timezone',
      reason: 'invalid timezone',
    });
    expect(fieldOfApiError('this domain is already registered')).toBeNull();
  });
});
