// Typed client for the Pomelo API, same origin. The CSRF guard (server/http/middleware/csrf.ts)
// accepts state-changing requests whose Origin / Sec-Fetch-Site say same-origin, which a browser's
// fetch sends by itself; the session travels in its HttpOnly cookie (credentials: same-origin).

import { withImportsChoice } from './data/imports-preference.js';
import type { SecondStepOffer } from './second-factor-api.js';

export type Period =
  'day' | 'yesterday' | '7d' | '30d' | 'month' | 'last_month' | '12mo' | 'custom';
/** A report's range: a named period, or `custom` with both days (YYYY-MM-DD, site timezone). */
export interface RangeQuery {
  period: Period;
  from?: string | undefined;
  to?: string | undefined;
}
export type CompareKind = 'previous' | 'year';
export type Interval = 'hour' | 'day' | 'week' | 'month';

export interface Metrics {
  visits: number;
  pageviews: number;
  views_per_visit: number;
  bounce_rate: number;
  time_on_page: number | null;
  scroll_depth: number | null;
  exits: number;
  exit_rate: number;
  events: number;
}

export type Change = { [K in keyof Metrics]: number | null };

export interface SeriesBucket extends Metrics {
  date: string;
}

export interface SiteReport {
  site: string;
  range: { period: string; timezone: string; from: string; to: string };
  interval: Interval;
  totals: Metrics;
  series: SeriesBucket[];
  comparison?: {
    kind: 'previous' | 'year';
    range: { from: string; to: string };
    totals: Metrics;
    change: Change;
    series: SeriesBucket[];
  };
  /** Chart notes of the range (docs/API.md, annotations). */
  annotations?: { id: number; day: string; text: string; scope: string }[];
}

export type Dimension =
  | 'page'
  | 'entry'
  | 'exit'
  | 'source'
  | 'referrer'
  | 'utm_source'
  | 'utm_medium'
  | 'utm_campaign'
  | 'country'
  | 'browser'
  | 'os'
  | 'device'
  | 'event'
  | 'event_prop';

export interface RealtimeReport {
  site: string;
  minutes: number;
  visits: number;
  pageviews: number;
  series: { minute: string; visits: number; pageviews: number }[];
  top_pages: { page: string; pageviews: number }[];
}

export interface BreakdownRow {
  value: string;
  percentage: number;
  [metric: string]: string | number | null;
}

export interface Breakdown {
  dimension: string;
  metrics: string[];
  results: BreakdownRow[];
  total_rows: number;
  total: number;
}

export interface OverviewRow {
  domain: string;
  name: string;
  /** The site's organisation; null for a site without one. */
  org?: string | null;
  visits: number;
  pageviews: number;
  bounce_rate?: number;
  change: { visits: number | null; pageviews: number | null };
  sparkline: number[];
  /** All the site's goals together; null for a site without goals. */
  conversions?: number | null;
  conversion_rate?: number | null;
}

export interface Me {
  /** `locale`: the language the user chose (kept with the account), null for the browser's. */
  user: { id: number; email: string; locale?: string | null };
  orgs: { id: number; name: string; role: string }[];
  /** Orgs that refuse this user until a second factor is set up (the app sends them to enrol). */
  secondFactorRequiredBy?: number[];
}

export interface SiteInfo {
  id: number;
  domain: string;
  name: string;
  timezone: string;
  /** The day of the site's first counted event; null before it. */
  firstDay?: string | null;
  /** Read through a shared link: the branding its owner gave it. */
  share?: { logoUrl: string | null; accent: string | null };
}

/** An API answer other than 2xx, with the server's `{error: {code, message}}`. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** How report requests prove access: the session cookie, or a shared link's token. */
export interface Access {
  share?: { token: string; password?: string };
}

function headersFor(access: Access, accept: string): Record<string, string> {
  const headers: Record<string, string> = { accept };
  if (access.share) {
    headers['x-pomelo-share'] = access.share.token;
    if (access.share.password) headers['x-pomelo-share-password'] = access.share.password;
  }
  return headers;
}

export async function failure(res: Response): Promise<ApiFailure> {
  const data: unknown = await res.json().catch(() => null);
  const err = (data as { error?: { code?: string; message?: string } } | null)?.error;
  return new ApiFailure(res.status, err?.code ?? 'error', err?.message ?? `HTTP ${res.status}`);
}

export async function call<T>(
  method: string,
  path: string,
  body?: unknown,
  access: Access = {},
): Promise<T> {
  const headers = headersFor(access, 'application/json');
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(withImportsChoice(path), {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw await failure(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export const query = (params: Record<string, string | undefined>) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, v);
  return q.toString();
};

const site = (domain: string) => `/api/sites/${encodeURIComponent(domain)}`;

/**
 * A CSV export as a Blob and its file name. Fetched (not a plain link) so that shared links can
 * send their token in a header: the report routes refuse a `?share=` query parameter.
 */
export async function download(
  path: string,
  access: Access = {},
): Promise<{ blob: Blob; name: string }> {
  const res = await fetch(withImportsChoice(path), {
    headers: headersFor(access, 'text/csv'),
    credentials: 'same-origin',
  });
  if (!res.ok) throw await failure(res);
  const disposition = res.headers.get('content-disposition') ?? '';
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'export.csv';
  return { blob: await res.blob(), name };
}

/** Which sites a rollup combines: named domains, or every readable site of an organisation. */
export type RollupSelection = { sites: string[] } | { org: string };

export const rollupQuery = (s: RollupSelection): Record<string, string> =>
  'org' in s ? { org: s.org } : { sites: s.sites.join(',') };

export const api = {
  setupNeeded: () => call<{ needed: boolean }>('GET', '/api/setup'),
  setup: (body: { token: string; email: string; password: string; orgName: string }) =>
    call<unknown>('POST', '/api/setup', body),
  /** Signs in, or answers `secondFactor` (no session yet) when the account has one. */
  login: (email: string, password: string) =>
    call<{ user?: { id: number; email: string }; secondFactor?: SecondStepOffer }>(
      'POST',
      '/api/auth/login',
      { email, password },
    ),
  logout: () => call<void>('POST', '/api/auth/logout'),
  me: () => call<Me>('GET', '/api/auth/me'),
  setLocale: (locale: string) => call<void>('PUT', '/api/auth/locale', { locale }),
  /** The agency rollup (issue 19): several sites (`sites=a,b`) or an organisation (`org=`) as one. */
  rollupReport: (selection: RollupSelection, period: Period) =>
    call<SiteReport & { sites: string[] }>(
      'GET',
      `/api/rollup/report?${query({ ...rollupQuery(selection), period, compare: 'previous' })}`,
    ),
  rollupBreakdown: (selection: RollupSelection, period: Period, dimension: string) =>
    call<Breakdown>(
      'GET',
      `/api/rollup/breakdown/${encodeURIComponent(dimension)}?${query({ ...rollupQuery(selection), period, limit: '10' })}`,
    ),
  overview: (period: Period) =>
    call<{ period: string; results: OverviewRow[] }>('GET', `/api/overview?${query({ period })}`),
  // The server wraps it as {site: {...}} (docs/API.md shows it bare): accept both.
  siteInfo: async (domain: string, access?: Access): Promise<SiteInfo> => {
    const r = await call<SiteInfo | { site: SiteInfo; share?: SiteInfo['share'] }>(
      'GET',
      `${site(domain)}/info`,
      undefined,
      access,
    );
    return 'site' in r ? { ...r.site, ...(r.share && { share: r.share }) } : r;
  },
  report: (
    domain: string,
    range: RangeQuery,
    compare: CompareKind | null,
    access?: Access,
    interval?: Interval | null,
  ) =>
    call<SiteReport>(
      'GET',
      `${site(domain)}/report?${query({
        ...range,
        compare: compare ?? undefined,
        interval: interval ?? undefined,
      })}`,
      undefined,
      access,
    ),
  /** `event` names the event whose props an `event_prop` breakdown lists. */
  breakdown: (
    domain: string,
    dimension: Dimension,
    range: RangeQuery,
    access?: Access,
    options: { limit?: number; search?: string; event?: string } = {},
  ) =>
    call<Breakdown>(
      'GET',
      `${site(domain)}/breakdown/${dimension}?${query({
        ...range,
        limit: String(options.limit ?? 10),
        search: options.search || undefined,
        event: options.event,
      })}`,
      undefined,
      access,
    ),
  realtime: (domain: string, access?: Access) =>
    call<RealtimeReport>('GET', `${site(domain)}/realtime`, undefined, access),
  exportBreakdown: (
    domain: string,
    dimension: Dimension,
    range: RangeQuery,
    access?: Access,
    event?: string,
  ) =>
    download(
      `${site(domain)}/export/breakdown/${dimension}.csv?${query({ ...range, event })}`,
      access,
    ),
  exportTimeseries: (domain: string, range: RangeQuery, access?: Access) =>
    download(`${site(domain)}/export/timeseries.csv?${query({ ...range })}`, access),
};
