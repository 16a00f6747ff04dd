// The overview's search and sort, kept pure.

export type SortKey = 'name' | 'visits' | 'pageviews';

export interface SiteRow {
  domain: string;
  name: string;
  visits: number;
  pageviews: number;
}

/** Keeps the sites whose domain or name contains the search text; sorts by name or a count. */
export function filterAndSortSites<T extends SiteRow>(rows: T[], key: SortKey, search: string): T[] {
  const q = search.trim().toLowerCase();
  const kept = q
    ? rows.filter((r) => r.domain.toLowerCase().includes(q) || r.name.toLowerCase().includes(q))
    : rows;
  const byDomain = (a: T, b: T) => (a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0);
  return [...kept].sort((a, b) => (key === 'name' ? byDomain(a, b) : b[key] - a[key] || byDomain(a, b)));
}
