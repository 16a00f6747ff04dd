import { describe, expect, it } from 'vitest';
import { filterAndSortSites } from './sites.js';

const rows = [
  { domain: 'b.test', name: 'Bakery', visits: 5, pageviews: 50 },
  { domain: 'a.test', name: 'Agency', visits: 9, pageviews: 10 },
  { domain: 'c.test', name: 'Cafe', visits: 5, pageviews: 7 },
];

describe('overview search and sort', () => {
  it('sorts by a count, ties by domain', () => {
    expect(filterAndSortSites(rows, 'visits', '').map((r) => r.domain)).toEqual([
      'a.test',
      'b.test',
      'c.test',
    ]);
    expect(filterAndSortSites(rows, 'pageviews', '').map((r) => r.domain)).toEqual([
      'b.test',
      'a.test',
      'c.test',
    ]);
  });

  it('searches domain and name, case-insensitively', () => {
    expect(filterAndSortSites(rows, 'name', 'CAF').map((r) => r.domain)).toEqual(['c.test']);
    expect(filterAndSortSites(rows, 'name', 'b.t').map((r) => r.domain)).toEqual(['b.test']);
    expect(filterAndSortSites(rows, 'name', 'zzz')).toEqual([]);
  });
});
