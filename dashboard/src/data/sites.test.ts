import { describe, expect, it } from 'vitest';
import { filterAndSortSites, groupByOrg } from './sites.js';

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

describe('overview columns and groups (issue 19)', () => {
  const more = [
    { domain: 'b.test', name: 'b', org: 'Zed', visits: 5, pageviews: 50, bounce_rate: 40, change: { visits: 10 }, conversions: null },
    { domain: 'a.test', name: 'a', org: 'Alpha', visits: 9, pageviews: 10, bounce_rate: 70, change: { visits: null }, conversions: 3 },
    { domain: 'c.test', name: 'c', org: null, visits: 0, pageviews: 0, bounce_rate: 0, change: { visits: -50 }, conversions: 1 },
    { domain: 'd.test', name: 'd', org: 'Alpha', visits: 4, pageviews: 4, bounce_rate: 90, change: { visits: 25 }, conversions: null },
  ];
  const order = (key: Parameters<typeof filterAndSortSites>[1]) =>
    filterAndSortSites(more, key, '').map((r) => r.domain);

  it('sorts by bounce rate, change and conversions; no value last', () => {
    expect(order('bounce_rate')).toEqual(['d.test', 'a.test', 'b.test', 'c.test']);
    expect(order('change')).toEqual(['d.test', 'b.test', 'c.test', 'a.test']);
    expect(order('conversions')).toEqual(['a.test', 'c.test', 'b.test', 'd.test']);
  });

  it('groups by organisation, keeping the order within each; sites without one last', () => {
    const groups = groupByOrg(filterAndSortSites(more, 'visits', ''));
    expect(groups.map((g) => [g.org, g.rows.map((r) => r.domain)])).toEqual([
      ['Alpha', ['a.test', 'd.test']],
      ['Zed', ['b.test']],
      [null, ['c.test']],
    ]);
  });
});
