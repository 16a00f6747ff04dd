// The agency rollup's routes (docs/API.md "Rollup"): several sites, or an organisation's, read as
// one report. Only sites the requester may read: the selection is checked against listSites (the
// same list as the overview), and a site outside it answers 404 as if it did not exist.
import { Hono, type Context } from 'hono';
import { ApiError } from '../http/errors.js';
import type { SiteRecord, Store } from '../store/types.js';
import { breakdown } from './breakdown.js';
import { breakdownCsv, timeseriesCsv } from './csv.js';
import { ReportInputError } from './errors.js';
import {
  onlyParams,
  parseBreakdown,
  parseCompare,
  parseInterval,
  parseRange,
  rangeParams,
  type Query,
} from './params.js';
import { rollupReports } from './rollup.js';
import type { SiteLister, SmallCountK } from './routes.js';
import { siteReport } from './site-report.js';
import { timeseries } from './timeseries.js';

export interface RollupDeps {
  store: Store;
  listSites: SiteLister;
  smallCountK: SmallCountK;
  now: () => number;
  guarded: <T>(fn: () => Promise<T>) => Promise<T>;
  csvResponse: (c: Context, filename: string, body: string) => Response;
}

/** At most this many sites named in `sites=` (an organisation takes all of its own). */
export const maxRollupSites = 100;
const maxExportRows = 100_000;
const selection = ['sites', 'org'] as const;

/** The sites of `sites=a.com,b.com` or `org=Name`, among those the requester may read. */
async function selectSites(c: Context, deps: RollupDeps, q: Query): Promise<SiteRecord[]> {
  if ((q.sites === undefined) === (q.org === undefined)) {
    throw new ReportInputError('sites', 'sites: give either sites=a.com,b.com or org=<name>');
  }
  const visible = await deps.listSites(c);
  if (q.org !== undefined) {
    const org = await deps.store.accounts.orgByName(q.org);
    const sites = org ? visible.filter((s) => s.orgId === org.id) : [];
    if (sites.length === 0)
      throw new ApiError('not_found', 'org: no organisation with readable sites by that name');
    return sites;
  }
  const names = [...new Set(q.sites!.split(',').map((d) => d.trim().toLowerCase()))];
  if (names.length === 0 || names.includes('')) {
    throw new ReportInputError('sites', 'sites: a comma-separated list of domains');
  }
  if (names.length > maxRollupSites) {
    throw new ReportInputError('sites', `sites: at most ${maxRollupSites} sites`);
  }
  const byDomain = new Map(visible.map((s) => [s.domain, s]));
  const missing = names.find((d) => !byDomain.has(d));
  if (missing !== undefined) {
    throw new ApiError('not_found', `sites: no site ${JSON.stringify(missing)} you may read`);
  }
  return names.map((d) => byDomain.get(d)!).sort((a, b) => (a.domain < b.domain ? -1 : 1));
}

export function rollupRoutes(deps: RollupDeps): Hono {
  const { store, now, guarded } = deps;
  const app = new Hono();

  /**
   * The selection, its range and a store whose reports cover every selected site. Days are each
   * site's local days; the range (and the hours of `today`/`24h`) is resolved in the timezone of
   * the first site by domain, named in the answer.
   */
  async function load(c: Context, allowed: readonly string[]) {
    const q = c.req.query() as Query;
    onlyParams(q, [...selection, ...allowed]);
    const sites = await selectSites(c, deps, q);
    const reports = rollupReports(
      store.reports,
      sites.map((s) => s.id),
    );
    const timezone = sites[0]!.timezone;
    const firstDay = q.period === 'all' ? await reports.firstDay(sites[0]!.id) : null;
    const range = parseRange(q, timezone, now(), firstDay ?? undefined);
    const rolled: Store = { ...store, reports } as Store;
    const base = { siteId: sites[0]!.id, timezone };
    return { q, sites, range, rolled, base, domains: sites.map((s) => s.domain) };
  }

  app.get('/api/rollup/report', async (c) =>
    guarded(async () => {
      const { q, range, rolled, base, domains } = await load(c, [
        ...rangeParams,
        'compare',
        'interval',
      ]);
      const report = await siteReport(rolled, {
        ...base,
        range,
        interval: parseInterval(q, range),
        compare: parseCompare(q),
      });
      return c.json({ sites: domains, ...report });
    }),
  );

  const breakdownParams = [...rangeParams, 'limit', 'page', 'search', 'event', 'prop'];

  app.get('/api/rollup/breakdown/:dimension', async (c) =>
    guarded(async () => {
      const { q, range, rolled, base, domains } = await load(c, breakdownParams);
      const p = parseBreakdown(c.req.param('dimension'), q, 1000);
      const { offset: _offset, ...rest } = await breakdown(rolled, {
        ...base,
        span: range,
        ...p,
        offset: (p.page - 1) * p.limit,
        k: await deps.smallCountK(c),
      });
      return c.json({
        sites: domains,
        range: { from: range.fromDay, to: range.toDay },
        ...rest,
        page: p.page,
      });
    }),
  );

  const fileName = (domains: string[], what: string, from: string, to: string) =>
    `rollup-${domains.length}-sites-${what}-${from}-${to}.csv`;

  app.get('/api/rollup/export/timeseries.csv', async (c) =>
    guarded(async () => {
      const { q, range, rolled, base, domains } = await load(c, [...rangeParams, 'interval']);
      const series = await timeseries(rolled, {
        ...base,
        span: range,
        interval: parseInterval(q, range),
      });
      const name = fileName(domains, 'timeseries', range.fromDay, range.toDay);
      return deps.csvResponse(c, name, timeseriesCsv(series));
    }),
  );

  app.get('/api/rollup/export/breakdown/:file', async (c) =>
    guarded(async () => {
      const file = c.req.param('file');
      if (!file.endsWith('.csv')) throw new ApiError('not_found', 'exports end in .csv');
      const { q, range, rolled, base, domains } = await load(c, breakdownParams);
      const p = parseBreakdown(
        file.slice(0, -4),
        { limit: String(maxExportRows), ...q },
        maxExportRows,
      );
      const result = await breakdown(rolled, {
        ...base,
        span: range,
        ...p,
        offset: (p.page - 1) * p.limit,
        k: await deps.smallCountK(c),
      });
      const name = fileName(domains, p.dimension, range.fromDay, range.toDay);
      return deps.csvResponse(c, name, breakdownCsv(result));
    }),
  );
  return app;
}
