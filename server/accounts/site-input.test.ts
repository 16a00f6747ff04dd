import * as v from 'valibot';
import { describe, expect, test } from 'vitest';
import { isExcludedPath, mergeSettings, newSiteBody, retentionOf } from './site-input.js';

describe('site input', () => {
  test('a new site: domain lowercased, timezone checked, unknown fields refused', () => {
    expect(v.parse(newSiteBody, { domain: ' Example.COM ', timezone: 'Europe/Paris' })).toEqual({
      domain: 'example.com',
      timezone: 'Europe/Paris',
    });
    expect(v.safeParse(newSiteBody, { domain: 'https://x.com/', timezone: 'UTC' }).success).toBe(
      false,
    );
    expect(v.safeParse(newSiteBody, { domain: 'x.com', timezone: 'Mars/Base' }).success).toBe(
      false,
    );
    expect(v.safeParse(newSiteBody, { domain: 'x.com', timezone: 'UTC', orgId: 2 }).success).toBe(
      false,
    );
  });

  test('retention defaults to 25 months; settings merge', () => {
    expect(retentionOf({})).toBe(25);
    expect(mergeSettings({ cardinalityCap: 100 }, { retentionMonths: 13 })).toEqual({
      cardinalityCap: 100,
      retentionMonths: 13,
    });
  });

  test.each([
    ['/admin', ['/admin'], true],
    ['/admin/', ['/admin'], true],
    ['/administrator', ['/admin'], false],
    ['/admin/users/1', ['/admin/*'], true],
    ['/admin', ['/admin/*'], true],
    ['/shop/cart/42', ['/shop/*/42'], true],
    ['/a.b', ['/a*b'], true],
    ['/axb', ['/a.b'], false],
    ['/', undefined, false],
  ])('isExcludedPath(%s, %j) = %s', (path, patterns, expected) => {
    expect(isExcludedPath(path, patterns)).toBe(expected);
  });
});
