// Hash routes: #/login, #/setup, #/ (overview), #/sites/:domain, #/share/:site/:token. A report's
// whole view rides along in the hash's query (`?period=7d&compare=previous&interval=week&tabs=exit
// &filter=country:FR`): the address is the report, so a reload, back/forward or a pasted address
// opens exactly that view.
import type { RollupSelection } from './api.js';

export type Route =
  | { name: 'login' }
  | { name: 'setup'; token: string }
  | { name: 'overview' }
  | { name: 'site'; domain: string }
  | { name: 'share'; site: string; token: string }
  | { name: 'replay'; domain: string }
  | { name: 'replay-window'; windowId: string }
  | { name: 'replay-player'; windowId: string; recordingId: string }
  | { name: 'realtime'; domain: string }
  | { name: 'settings'; domain: string }
  | { name: 'members'; orgId: number }
  | { name: 'audit'; orgId: number }
  | { name: 'api-keys' }
  | { name: 'second-factor' }
  | { name: 'invite'; token: string }
  | { name: 'rollup'; selection: RollupSelection }
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
  // A shared link's view state may follow its token: `#token=shr_x?period=7d`.
  const token = /^#token=([^?]+)(?:\?.*)?$/.exec(hash)?.[1];
  if (token !== undefined) {
    // `/share/:siteId/:linkId`: the link's own address (its page gets the link's headers).
    const share = /^\/share\/([^/]+)(?:\/[^/]+)?\/?$/.exec(pathname);
    if (share) return { name: 'share', site: decode(share[1]!), token: decode(token) };
    if (/^\/invite\/?$/.test(pathname)) return { name: 'invite', token: decode(token) };
    return { name: 'setup', token: decode(token) };
  }
  const path = hash.replace(/^#/, '').split('?')[0] || '/';
  const parts = path.split('/').filter(Boolean).map(decode);
  if (parts.length === 0) return { name: 'overview' };
  if (parts[0] === 'login' && parts.length === 1) return { name: 'login' };
  if (parts[0] === 'setup' && parts.length <= 2) return { name: 'setup', token: parts[1] ?? '' };
  if (parts[0] === 'sites' && parts.length === 2) return { name: 'site', domain: parts[1]! };
  if (parts[0] === 'sites' && parts.length === 3 && siteTabs.has(parts[2]!)) {
    return { name: parts[2] as 'realtime' | 'settings', domain: parts[1]! };
  }
  if (parts[0] === 'orgs' && parts.length === 3 && /^\d+$/.test(parts[1]!)) {
    if (parts[2] === 'members' || parts[2] === 'audit') {
      return { name: parts[2], orgId: Number(parts[1]) };
    }
  }
  if (parts[0] === 'api-keys' && parts.length === 1) return { name: 'api-keys' };
  // The agency rollup: #/rollup/sites/a.com,b.com or #/rollup/org/<name> (views/rollup.ts).
  if (parts[0] === 'rollup' && parts.length === 3 && parts[2]) {
    if (parts[1] === 'org') return { name: 'rollup', selection: { org: parts[2] } };
    if (parts[1] === 'sites') return { name: 'rollup', selection: { sites: parts[2].split(',') } };
  }
  if (parts[0] === 'account' && parts[1] === 'second-factor' && parts.length === 2) {
    return { name: 'second-factor' };
  }
  if (parts[0] === 'sites' && parts[2] === 'replay' && parts.length === 3) {
    return { name: 'replay', domain: parts[1]! };
  }
  if (parts[0] === 'replay' && parts[1] === 'windows' && parts.length === 3) {
    return { name: 'replay-window', windowId: parts[2]! };
  }
  if (parts[0] === 'replay' && parts[1] === 'windows' && parts[3] === 'recordings') {
    if (parts.length === 5) {
      return { name: 'replay-player', windowId: parts[2]!, recordingId: parts[4]! };
    }
  }
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
    case 'replay':
      return `#/sites/${encodeURIComponent(route.domain)}/replay`;
    case 'replay-window':
      return `#/replay/windows/${encodeURIComponent(route.windowId)}`;
    case 'replay-player':
      // A page of its own: its CSP lets the player's iframe keep recorded inline styles
      // (server/http/middleware/security-headers.ts); every other view keeps style-src 'self'.
      return (
        `${REPLAY_PLAYER_PATH}#/replay/windows/${encodeURIComponent(route.windowId)}` +
        `/recordings/${encodeURIComponent(route.recordingId)}`
      );
    case 'realtime':
    case 'settings':
      return `#/sites/${encodeURIComponent(route.domain)}/${route.name}`;
    case 'members':
    case 'audit':
      return `#/orgs/${route.orgId}/${route.name}`;
    case 'api-keys':
      return '#/api-keys';
    case 'second-factor':
      return '#/account/second-factor';
    case 'invite':
      return '#/';
    case 'rollup':
      return 'org' in route.selection
        ? `#/rollup/org/${encodeURIComponent(route.selection.org)}`
        : `#/rollup/sites/${route.selection.sites.map(encodeURIComponent).join(',')}`;
    case 'not-found':
      return '#/';
  }
}

const siteTabs = new Set(['realtime', 'settings']);

/** The document the replay player runs in (same app, different Content-Security-Policy). */
export const REPLAY_PLAYER_PATH = '/replay/player';

export function navigate(route: Route): void {
  const href = hrefOf(route);
  if (href.startsWith('#')) location.hash = href;
  else location.assign(href);
}

export interface ReportState {
  period: string | null;
  compare: CompareKind | null;
  /** A custom range's days (YYYY-MM-DD), with period=custom. */
  from?: string | null;
  to?: string | null;
  /** The chart's buckets when chosen (else the server's default for the range). */
  interval?: Interval;
  /** Breakdown tabs open other than each panel's first, by dimension. */
  tabs?: string[];
  /** Click-to-filter: one value of one dimension. */
  filter?: { dimension: string; value: string };
  /** The chart's metric when not the default (a name; report-view.ts keeps the known ones). */
  metric?: string;
}

export type CompareKind = 'previous' | 'year';
export type Interval = 'hour' | 'day' | 'week' | 'month';
const intervals = new Set<string>(['hour', 'day', 'week', 'month']);

/** The report's view from the hash's query part; unknown or malformed parts are left out. */
export function parseReportState(hash: string): ReportState {
  const q = new URLSearchParams(hash.split('?').slice(1).join('?'));
  const compare = q.get('compare');
  const state: ReportState = {
    period: q.get('period'),
    compare: compare === 'previous' || compare === 'year' ? compare : null,
  };
  if (state.period === 'custom') {
    state.from = q.get('from');
    state.to = q.get('to');
  }
  const interval = q.get('interval');
  if (interval && intervals.has(interval)) state.interval = interval as Interval;
  const tabs = (q.get('tabs') ?? '').split(',').filter((d) => /^[a-z_]+$/.test(d));
  if (tabs.length > 0) state.tabs = [...new Set(tabs)];
  // `dimension:value`: dimension names hold no colon, the value may.
  const filter = /^([a-z_]+):(.+)$/s.exec(q.get('filter') ?? '');
  if (filter) state.filter = { dimension: filter[1]!, value: filter[2]! };
  const metric = q.get('metric');
  if (metric && /^[a-z_]+$/.test(metric)) state.metric = metric;
  return state;
}

/** The hash with the report's view written into its query part (a fixed order of keys). */
export function withReportState(hash: string, state: ReportState & { period: string }): string {
  const base = hash.split('?')[0] || '#/';
  const q = new URLSearchParams({ period: state.period });
  if (state.period === 'custom' && state.from && state.to) {
    q.set('from', state.from);
    q.set('to', state.to);
  }
  if (state.compare) q.set('compare', state.compare);
  if (state.interval) q.set('interval', state.interval);
  if (state.metric) q.set('metric', state.metric);
  if (state.tabs && state.tabs.length > 0) q.set('tabs', state.tabs.join(','));
  if (state.filter) q.set('filter', `${state.filter.dimension}:${state.filter.value}`);
  return `${base}?${q.toString()}`;
}

export function currentRoute(): Route {
  return parseRoute(location.pathname, location.hash);
}
