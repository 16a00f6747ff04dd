import * as v from 'valibot';
import { describe, expect, test } from 'vitest';
import {
  languageOf,
  mergeSettings,
  newSiteBody,
  retentionOf,
  settingsProblem,
  sitePatchBody,
} from './site-input.js';

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

  test('the documents language: a shipped locale, English by default', () => {
    expect(languageOf({})).toBe('en');
    expect(v.parse(sitePatchBody, { language: 'fr' })).toEqual({ language: 'fr' });
    expect(v.safeParse(sitePatchBody, { language: 'klingon' }).success).toBe(false);
    expect(v.safeParse(sitePatchBody, { language: 'FR' }).success).toBe(false);
    expect(mergeSettings({ honourGpc: false }, { language: 'fr' })).toEqual({
      honourGpc: false,
      language: 'fr',
    });
    expect(languageOf(mergeSettings({ language: 'fr' }, {}))).toBe('fr');
  });

  test.each([
    [{ excludedPaths: ['/admin/*', '/a/**/b'] }, null],
    [{ excludedPaths: ['/ok', 'admin'] }, 'excludedPaths[1]: must start with /'],
    [{ excludedPaths: ['/a b'] }, 'excludedPaths[0]: no spaces or control characters'],
    [{ excludedPaths: ['/a?x'] }, 'excludedPaths[0]: no query or fragment (? or #)'],
    [
      { excludedPaths: ['/a/***'] },
      'excludedPaths[0]: use * (within a segment) or ** (across segments), not ***',
    ],
    [{ excludedPaths: [`/${'a'.repeat(200)}`] }, 'excludedPaths[0]: longer than 200 characters'],
    [{ cardinalityCap: 50_000 }, null],
    [
      { cardinalityCap: 50_001 },
      'cardinalityCap: at most 50000 on this install (POMELO_MAX_CARDINALITY_CAP)',
    ],
  ])('settingsProblem(%j) = %j', (input, problem) => {
    expect(settingsProblem(input, { maxCardinalityCap: 50_000 })).toBe(problem);
  });
});
