// Hash routes: #/login, #/setup, #/ (overview), #/sites/:domain, #/share/:site/:token. A report's
// period and comparison ride along as `?period=7d&compare=previous`, so a reload keeps them.

export type Route =
  | { name: 'login' }
  | { name: 'setup'; token: string }
  | { name: 'overview' }
  | { name: 'site'; domain: string }
  | { name: 'share'; site: string; token: string }
  | { name: 'not-found' };

const decode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/**
 * Parses a location. The server prints `/setup#token=…` and shared links as
 * `/share/:siteId#token=…`: those shapes are understood too, so the links work once served.
 */
export function parseRoute(pathname: string, hash: string): Route {
  const token = /^#token=(.+)$/.exec(hash)?.[1];
  if (token !== undefined) {
    const share = /^\/share\/([^/]+)\/?$/.exec(pathname);
    if (share) return { name: 'share', site: decode(share[1]!), token: decode(token) };
    return { name: 'setup', token: decode(token) };
  }
  const path = hash.replace(/^#/, '').split('?')[0] || '/';
  const parts = path.split('/').filter(Boolean).map(decode);
  if (parts.length === 0) return { name: 'overview' };
  if (parts[0] === 'login' && parts.length === 1) return { name: 'login' };
  if (parts[0] === 'setup' && parts.length <= 2) return { name: 'setup', token: parts[1] ?? '' };
  if (parts[0] === 'sites' && parts.length === 2) return { name: 'site', domain: parts[1]! };
  if (parts[0] === 'share' && parts.length === 3) {
    return { name: 'share', site: parts[1]!, token: parts[2]! };
  }
  return { name: 'not-found' };
}

export function hrefOf(route: Route): string {
  switch (route.name) {
    case 'login':
      return '#/login';
    case 'setup':
      return '#/setup';
    case 'overview':
      return '#/';
    case 'site':
      return `#/sites/${encodeURIComponent(route.domain)}`;
    case 'share':
      return `#/share/${encodeURIComponent(route.site)}/${encodeURIComponent(route.token)}`;
    case 'not-found':
      return '#/';
  }
}

export function navigate(route: Route): void {
  location.hash = hrefOf(route);
}

export interface ReportState {
  period: string | null;
  compare: boolean;
}

/** The report's period and comparison from the hash's query part. */
export function parseReportState(hash: string): ReportState {
  const q = new URLSearchParams(hash.split('?')[1] ?? '');
  return { period: q.get('period'), compare: q.get('compare') === 'previous' };
}

/** The hash with the report's state written into its query part. */
export function withReportState(hash: string, state: { period: string; compare: boolean }): string {
  const base = hash.split('?')[0] || '#/';
  const q = new URLSearchParams({ period: state.period });
  if (state.compare) q.set('compare', 'previous');
  return `${base}?${q.toString()}`;
}

export function currentRoute(): Route {
  return parseRoute(location.pathname, location.hash);
}
