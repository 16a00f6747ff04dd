// Report routes (docs/API.md): thin handlers that parse the query, call one report, map the result.
import { Hono, type Context } from 'hono';
import { ApiError } from '../http/errors.js';
import type { SiteRecord, Store } from '../store/types.js';
import { breakdown } from './breakdown.js';
import { breakdownCsv, goalsCsv, timeseriesCsv } from './csv.js';
import { checkPagePath, funnel, pageFlows, parseSteps } from './flows.js';
import { conversionRate, goalSeries, goalsReport, goalTotals } from './goals.js';
import { ReportInputError } from './errors.js';
import { installStatus } from './install-status.js';
import { rollupRoutes } from './rollup-routes.js';
import { agencyOverview } from './overview.js';
import {
  onlyParams,
  parseBreakdown,
  parseCompare,
  parseInterval,
  parseLimit,
  parseRange,
  rangeParams,
  type Query,
} from './params.js';
import { MemoryRecentCounts, type RecentCounts } from './recent.js';
import { siteReport } from './site-report.js';
import { hideSmallCounts } from './small-counts.js';
import { zeroMetrics } from '../counters/types.js';
import { timeseries } from './timeseries.js';
import type { Period } from './date-range.js';

/** Resolves the site a request may read, or throws ApiError 401/403/404 (accounts wire the real one). */
export type SiteAccess = (c: Context, siteDomain: string) => Promise<SiteRecord>;
/** The sites the requester may see, for the agency overview. */
export type SiteLister = (c: Context) => Promise<SiteRecord[]>;

/**
 * The small-count protection of the request's principal (a shared link or API key with `k`), or
 * undefined. Asked after `access` succeeded.
 */
export type SmallCountK = (c: Context) => Promise<number | undefined>;

export interface ReportsDeps {
  store: Store;
  access: SiteAccess;
  /**
   * Realtime and the install check's recent outcomes (server/reports/recent.ts): this process's in
   * memory on SQLite, every node's minute counters on PostgreSQL. None: zeros.
   */
  recent?: RecentCounts;
  now: () => number;
  listSites?: SiteLister;
  /** Default: no protection (the accounts wire the principal's k). */
  smallCountK?: SmallCountK;
}

const noRecent = new MemoryRecentCounts();

/** Largest export: every value the cardinality cap lets a dimension hold, with room to spare. */
const maxExportRows = 100_000;

/** The annotations a report reader sees: no author, only what the chart needs. */
async function annotationsOf(store: Store, site: SiteRecord, fromDay: string, toDay: string) {
  if (site.orgId === undefined || site.orgId === null) return [];
  const rows = await store.annotations.forSite(site.orgId, site.id, fromDay, toDay);
  return rows.map((a) => ({
    id: a.id,
    day: a.day,
    text: a.text,
    scope: a.siteId === null ? 'org' : 'site',
  }));
}

/** Turns a bad parameter into a 400 whose message names it. */
export function toApiError(err: unknown): unknown {
  if (!(err instanceof ReportInputError)) return err;
  const named = err.message.startsWith(err.param) ? err.message : `${err.param}: ${err.message}`;
  return new ApiError('bad_request', named);
}

async function guarded<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toApiError(err);
  }
}

function csvResponse(c: Context, filename: string, body: string) {
  c.header('Content-Type', 'text/csv; charset=utf-8');
  c.header('Content-Disposition', `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`);
  return c.body(body);
}

export function reportsRoutes(deps: ReportsDeps): Hono {
  const { store, access, now } = deps;
  const recent = deps.recent ?? noRecent;
  const kOf = deps.smallCountK ?? (async () => undefined);
  const app = new Hono();

  /** The site, its range and the checked query: the common first step of every site route. */
  async function load(c: Context, allowed: readonly string[]) {
    const site = await access(c, c.req.param('domain') ?? '');
    const q = c.req.query() as Query;
    onlyParams(q, [...allowed, 'imports']);
    // imports=exclude: every report query of this request leaves imported data out (issue 15).
    if (q.imports !== undefined && q.imports !== 'include' && q.imports !== 'exclude') {
      throw new ReportInputError('imports', 'imports must be include or exclude');
    }
    const reportStore =
      q.imports === 'exclude' ? { ...store, reports: store.reportsWithoutImports } : store;
    const firstDay = q.period === 'all' ? await reportStore.reports.firstDay(site.id) : null;
    const range = parseRange(q, site.timezone, now(), firstDay ?? undefined);
    return { site, q, range, store: reportStore };
  }

  /**
   * A site route over a range of days, the shape most report routes share: authorize and read the
   * parameters (`load`), run the report, answer `{site, range: {from, to}, ...report}`.
   */
  function rangeRoute(
    path: string,
    allowed: readonly string[],
    report: (x: Awaited<ReturnType<typeof load>> & { c: Context }) => Promise<object>,
  ) {
    app.get(path, async (c) =>
      guarded(async () => {
        const loaded = await load(c, allowed);
        const { site, range } = loaded;
        return c.json({
          site: site.domain,
          range: { from: range.fromDay, to: range.toDay },
          ...(await report({ ...loaded, c })),
        });
      }),
    );
  }

  /** The goal a `goal=` parameter names, or a 400 naming the parameter. */
  async function goalNamed(siteId: number, name: string) {
    const goal = (await store.goals.goalsOf(siteId)).find((g) => g.name === name);
    if (!goal)
      throw new ReportInputError(
        'goal',
        `goal: this site has no goal named ${JSON.stringify(name)}`,
      );
    return goal;
  }

  app.get('/api/sites/:domain/report', async (c) =>
    guarded(async () => {
      const { site, q, range, store } = await load(c, [
        ...rangeParams,
        'compare',
        'interval',
        'goal',
      ]);
      const interval = parseInterval(q, range);
      const goal = q.goal === undefined ? undefined : await goalNamed(site.id, q.goal);
      const report = await siteReport(store, {
        siteId: site.id,
        timezone: site.timezone,
        range,
        interval,
        compare: parseCompare(q),
      });
      const notes = await annotationsOf(store, site, range.fromDay, range.toDay);
      if (!goal) return c.json({ site: site.domain, ...report, annotations: notes });
      // The goal narrows the chart: its conversions per bucket, against the bucket's visits.
      const t = await goalTotals(store, site.id, range, [goal]);
      const conversions = t.conversions.get(goal.name) ?? 0;
      const series =
        interval === 'hour'
          ? null
          : await goalSeries(
              store,
              site.id,
              range,
              interval,
              goal,
              new Map(report.series.map((p) => [p.date, p.visits])),
            );
      return c.json({
        site: site.domain,
        ...report,
        annotations: notes,
        goal: {
          name: goal.name,
          kind: goal.kind,
          visits: t.visits,
          conversions,
          conversion_rate: conversionRate(conversions, t.visits),
          revenue: t.revenue.get(goal.name) ?? null,
          series,
        },
      });
    }),
  );

  /** Goals are counted per local day: a span of hours (period=24h) cannot be answered. */
  const dayRangeOnly = (range: { hours?: unknown }) => {
    if (range.hours) {
      throw new ReportInputError(
        'period',
        'period: goals are counted per day; 24h is not available',
      );
    }
  };

  rangeRoute(
    '/api/sites/:domain/goals/report',
    [...rangeParams],
    async ({ site, range, store }) => {
      dayRangeOnly(range);
      return goalsReport(store, site.id, range, await store.goals.goalsOf(site.id));
    },
  );

  app.get('/api/sites/:domain/export/goals.csv', async (c) =>
    guarded(async () => {
      const { site, range, store } = await load(c, [...rangeParams]);
      dayRangeOnly(range);
      const report = await goalsReport(store, site.id, range, await store.goals.goalsOf(site.id));
      const name = `${site.domain}-goals-${range.fromDay}-${range.toDay}.csv`;
      return csvResponse(c, name, goalsCsv(report));
    }),
  );

  app.get('/api/sites/:domain/timeseries', async (c) =>
    guarded(async () => {
      const { site, q, range, store } = await load(c, [...rangeParams, 'interval']);
      const interval = parseInterval(q, range);
      const series = await timeseries(store, {
        siteId: site.id,
        timezone: site.timezone,
        span: range,
        interval,
      });
      return c.json({ site: site.domain, interval, results: series });
    }),
  );

  const breakdownParams = [...rangeParams, 'limit', 'page', 'search', 'event', 'prop'];

  rangeRoute('/api/sites/:domain/breakdown/:dimension', breakdownParams, async (x) => {
    const { c, site, q, range, store } = x;
    const p = parseBreakdown(c.req.param('dimension') ?? '', q, 1000);
    const result = await breakdown(store, {
      siteId: site.id,
      timezone: site.timezone,
      span: range,
      ...p,
      offset: (p.page - 1) * p.limit,
      k: await kOf(c),
    });
    const { offset: _offset, ...rest } = result;
    return { ...rest, page: p.page };
  });

  /** Page flows: where a page's pageviews came from and went to (docs/METRICS.md). */
  rangeRoute('/api/sites/:domain/flows', [...rangeParams, 'page', 'limit'], async (x) =>
    pageFlows(x.store, {
      siteId: x.site.id,
      span: x.range,
      page: checkPagePath('page', x.q.page),
      limit: parseLimit(x.q, 10, 100),
      k: await kOf(x.c),
    }),
  );

  /** The approximate funnel of a sequence of pages, from one-step transitions. */
  rangeRoute('/api/sites/:domain/funnel', [...rangeParams, 'steps'], async (x) =>
    funnel(x.store, {
      siteId: x.site.id,
      span: x.range,
      steps: parseSteps(x.q.steps),
      k: await kOf(x.c),
    }),
  );

  /**
   * Not-found pages: the `path` prop of the custom event `404` (Plausible's convention; the
   * snippet is in docs/API.md "Not-found pages"), with their counts.
   */
  rangeRoute(
    '/api/sites/:domain/not-found',
    [...rangeParams, 'limit', 'page', 'search'],
    async ({ c, site, q, range, store }) => {
      const p = parseBreakdown('event_prop', { ...q, event: '404', prop: 'path' }, 1000);
      const result = await breakdown(store, {
        siteId: site.id,
        timezone: site.timezone,
        span: range,
        ...p,
        offset: (p.page - 1) * p.limit,
        k: await kOf(c),
      });
      return {
        results: result.results.map(({ key: _key, ...r }) => r),
        total_rows: result.total_rows,
        total: result.total,
        limit: result.limit,
        page: p.page,
      };
    },
  );

  /** Annotations of the site in the range (its own and its org's), for every report reader. */
  rangeRoute(
    '/api/sites/:domain/annotations',
    [...rangeParams],
    async ({ site, range, store }) => ({
      annotations: await annotationsOf(store, site, range.fromDay, range.toDay),
    }),
  );

  app.get('/api/sites/:domain/realtime', async (c) =>
    guarded(async () => {
      const site = await access(c, c.req.param('domain'));
      onlyParams(c.req.query() as Query, []);
      const snap = await recent.realtime(site.id, now());
      const k = await kOf(c);
      if (k === undefined) return c.json({ site: site.domain, ...snap });
      // Small-count protection: the top pages are breakdown rows too.
      const rows = snap.top_pages.map((p) => ({
        ...zeroMetrics(),
        value: p.page,
        pageviews: p.pageviews,
      }));
      const top_pages = hideSmallCounts(rows, k, (r) => r.pageviews).map((r) => ({
        page: r.value,
        pageviews: r.pageviews,
        ...('hidden' in r ? { hidden: true } : {}),
      }));
      return c.json({ site: site.domain, ...snap, top_pages });
    }),
  );

  /** The settings page's install check: when the first counted event arrived (counters only). */
  app.get('/api/sites/:domain/install-status', async (c) =>
    guarded(async () => {
      const site = await access(c, c.req.param('domain'));
      onlyParams(c.req.query() as Query, []);
      const status = await installStatus(store, site, recent, now());
      return c.json({
        site: site.domain,
        ...status,
        recent: await recent.outcomes(site.id, now()),
      });
    }),
  );

  app.get('/api/sites/:domain/export/timeseries.csv', async (c) =>
    guarded(async () => {
      const { site, q, range, store } = await load(c, [...rangeParams, 'interval']);
      const series = await timeseries(store, {
        siteId: site.id,
        timezone: site.timezone,
        span: range,
        interval: parseInterval(q, range),
      });
      const name = `${site.domain}-timeseries-${range.fromDay}-${range.toDay}.csv`;
      return csvResponse(c, name, timeseriesCsv(series));
    }),
  );

  app.get('/api/sites/:domain/export/breakdown/:file', async (c) =>
    guarded(async () => {
      const file = c.req.param('file');
      if (!file.endsWith('.csv')) throw new ApiError('not_found', 'exports end in .csv');
      const { site, q, range, store } = await load(c, breakdownParams);
      const p = parseBreakdown(
        file.slice(0, -4),
        { limit: String(maxExportRows), ...q },
        maxExportRows,
      );
      const result = await breakdown(store, {
        siteId: site.id,
        timezone: site.timezone,
        span: range,
        ...p,
        offset: (p.page - 1) * p.limit,
        k: await kOf(c),
      });
      const name = `${site.domain}-${p.dimension}-${range.fromDay}-${range.toDay}.csv`;
      return csvResponse(c, name, breakdownCsv(result));
    }),
  );

  const listSites = deps.listSites;
  // The agency rollup: several readable sites as one report (rollup-routes.ts).
  if (listSites) {
    app.route('/', rollupRoutes({ store, listSites, smallCountK: kOf, now, guarded, csvResponse }));
  }
  if (listSites) {
    app.get('/api/overview', async (c) =>
      guarded(async () => {
        const q = c.req.query() as Query;
        onlyParams(q, ['period']);
        const period = (q.period ?? '30d') as Period;
        if (period === 'custom' || period === '24h') {
          throw new ReportInputError('period', 'period must be a named period of days');
        }
        parseRange({ period }, 'UTC', now());
        const sites = await listSites(c);
        const rows = await agencyOverview(store, { sites, period, nowMs: now() });
        return c.json({ period, results: rows });
      }),
    );
  }
  return app;
}
