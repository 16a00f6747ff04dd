import { describe, expect, it } from 'vitest';
import { parseExcludedPaths, sitePatchFromForm, type SiteFormText } from './site-form.js';

const form: SiteFormText = {
  name: ' Shop ',
  timezone: 'Europe/Paris',
  excludedPaths: '/admin/*\n\n  /preview \n/admin/*\r\n',
  cardinalityCap: '',
  retentionMonths: '25',
};

describe('site settings form', () => {
  it('parses excluded paths one a line, without blanks or repeats', () => {
    expect(parseExcludedPaths(form.excludedPaths)).toEqual(['/admin/*', '/preview']);
    expect(parseExcludedPaths('')).toEqual([]);
  });

  it('builds the PATCH body; an empty cap keeps the default', () => {
    expect(sitePatchFromForm(form)).toEqual({
      ok: true,
      body: {
        name: 'Shop',
        timezone: 'Europe/Paris',
        excludedPaths: ['/admin/*', '/preview'],
        retentionMonths: 25,
      },
    });
    expect(sitePatchFromForm({ ...form, cardinalityCap: '500' })).toMatchObject({
      ok: true,
      body: { cardinalityCap: 500 },
    });
  });

  it.each([
    [{ name: '  ' }, 'Name: 1 to 200 characters'],
    [{ excludedPaths: 'admin' }, 'Excluded paths: "admin" must start with / (200 characters at most)'],
    [{ excludedPaths: Array.from({ length: 51 }, (_, i) => `/p${i}`).join('\n') }, 'Excluded paths: at most 50'],
    [{ retentionMonths: '0' }, 'Retention: 1 to 120 months'],
    [{ retentionMonths: '2.5' }, 'Retention: 1 to 120 months'],
    [{ retentionMonths: '121' }, 'Retention: 1 to 120 months'],
    [{ cardinalityCap: '9' }, 'Cardinality cap: 10 to 10,000,000, or empty for the default'],
    [{ cardinalityCap: '1e6' }, 'Cardinality cap: 10 to 10,000,000, or empty for the default'],
  ])('refuses %j', (change, error) => {
    expect(sitePatchFromForm({ ...form, ...change })).toEqual({ ok: false, error });
  });
});
