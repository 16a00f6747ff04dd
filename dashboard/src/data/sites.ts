// The overview's search, sort and grouping by organisation, kept pure.

export type SortKey = 'name' | 'visits' | 'pageviews' | 'bounce_rate' | 'change' | 'conversions';

export interface SiteRow {
  domain: string;
  name: string;
  org?: string | null;
  visits: number;
  pageviews: number;
  bounce_rate?: number;
  change?: { visits: number | null };
  conversions?: number | null;
}

/** The number a column sorts by; null (no goals, nothing to compare with) sorts last. */
function sortValue(r: SiteRow, key: Exclude<SortKey, 'name'>): number | null {
  if (key === 'change') return r.change?.visits ?? null;
  if (key === 'conversions') return r.conversions ?? null;
  if (key === 'bounce_rate') return r.visits > 0 ? (r.bounce_rate ?? null) : null;
  return r[key];
}

/** Keeps the sites whose domain or name contains the search text; sorts by name or a count. */
export function filterAndSortSites<T extends SiteRow>(rows: T[], key: SortKey, search: string): T[] {
  const q = search.trim().toLowerCase();
  const kept = q
    ? rows.filter((r) => r.domain.toLowerCase().includes(q) || r.name.toLowerCase().includes(q))
    : rows;
  const byDomain = (a: T, b: T) => (a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0);
  if (key === 'name') return [...kept].sort(byDomain);
  return [...kept].sort((a, b) => {
    const x = sortValue(a, key);
    const y = sortValue(b, key);
    if (x === null || y === null) return x === y ? byDomain(a, b) : x === null ? 1 : -1;
    return y - x || byDomain(a, b);
  });
}

/** Sorted rows grouped by organisation (by name; sites without one last), each group in row order. */
export function groupByOrg<T extends SiteRow>(rows: T[]): { org: string | null; rows: T[] }[] {
  const groups = new Map<string | null, T[]>();
  for (const r of rows) {
    const org = r.org ?? null;
    const list = groups.get(org);
    if (list) list.push(r);
    else groups.set(org, [r]);
  }
  return [...groups]
    .map(([org, list]) => ({ org, rows: list }))
    .sort((a, b) =>
      a.org === b.org ? 0 : a.org === null ? 1 : b.org === null ? -1 : a.org < b.org ? -1 : 1,
    );
}
