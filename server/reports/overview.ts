// Agency overview: every site a user can see, with totals, a daily sparkline and the change versus
// the previous period — two queries for all sites together, whatever their number.
import { addMetrics, zeroMetrics, type Metrics } from '../counters/types.js';
import type { SiteDayTotals } from '../store/reports.js';
import type { SiteRecord, Store } from '../store/types.js';
import { eachDay } from './calendar.js';
import { compareMetrics } from './compare.js';
import { resolveDateRange, type Period } from './date-range.js';
import { conversionRate, goalTotals } from './goals.js';
import { deriveMetrics } from './metrics.js';

export interface OverviewRow {
  domain: string;
  name: string;
  /** The site's organisation (the overview groups by it); null for a site without one. */
  org: string | null;
  visits: number;
  pageviews: number;
  /** Bounces ÷ visits of the summed counters, whole percent. */
  bounce_rate: number;
  /** Change versus the previous period, whole percent (null: nothing to compare with). */
  change: { visits: number | null; pageviews: number | null };
  /** Visits per local day of the range. */
  sparkline: number[];
  /** Conversions of all the site's goals together (an event matching two goals counts twice); null without goals. */
  conversions: number | null;
  /** conversions per 100 visits; null without goals. */
  conversion_rate: number | null;
}

export interface OverviewQuery {
  sites: SiteRecord[];
  period: Exclude<Period, 'custom' | '24h'>;
  nowMs: number;
}

function groupBySite(rows: SiteDayTotals[]): Map<number, SiteDayTotals[]> {
  const out = new Map<number, SiteDayTotals[]>();
  for (const r of rows) {
    const list = out.get(r.siteId);
    if (list) list.push(r);
    else out.set(r.siteId, [r]);
  }
  return out;
}

/**
 * Sites are grouped by timezone: one query per timezone (days differ per zone), usually one or two.
 */
export async function agencyOverview(store: Store, q: OverviewQuery): Promise<OverviewRow[]> {
  const byZone = new Map<string, SiteRecord[]>();
  for (const s of q.sites) {
    const zone = byZone.get(s.timezone);
    if (zone) zone.push(s);
    else byZone.set(s.timezone, [s]);
  }
  const rows: OverviewRow[] = [];
  const orgIds = [...new Set(q.sites.map((s) => s.orgId).filter((id): id is number => id != null))];
  const orgNames = new Map(
    await Promise.all(
      orgIds.map(async (id) => [id, (await store.accounts.orgById(id))?.name ?? null] as const),
    ),
  );
  for (const [timezone, sites] of byZone) {
    const range = resolveDateRange({ period: q.period, timezone, nowMs: q.nowMs });
    const ids = sites.map((s) => s.id);
    const [cur, prev] = await Promise.all([
      store.reports.siteDailyTotals(ids, range.fromDay, range.toDay),
      store.reports.siteDailyTotals(ids, range.previous.fromDay, range.previous.toDay),
    ]);
    const days = eachDay(range.fromDay, range.toDay);
    const goals = await store.goals.goalsOfSites(ids);
    const curBySite = groupBySite(cur);
    const prevBySite = groupBySite(prev);
    for (const site of sites) {
      const sum = zeroMetrics();
      const perDay = new Map<string, number>();
      for (const r of curBySite.get(site.id) ?? []) {
        addMetrics(sum, r);
        perDay.set(r.day, r.visits);
      }
      const before: Metrics = zeroMetrics();
      for (const r of prevBySite.get(site.id) ?? []) addMetrics(before, r);
      const change = compareMetrics(deriveMetrics(sum), deriveMetrics(before));
      const own = goals.filter((g) => g.siteId === site.id);
      let conversions: number | null = null;
      if (own.length > 0) {
        const t = await goalTotals(store, site.id, range, own);
        conversions = [...t.conversions.values()].reduce((a, b) => a + b, 0);
      }
      rows.push({
        domain: site.domain,
        name: site.name,
        org: site.orgId == null ? null : (orgNames.get(site.orgId) ?? null),
        visits: sum.visits,
        pageviews: sum.pageviews,
        bounce_rate: deriveMetrics(sum).bounce_rate,
        change: { visits: change.visits, pageviews: change.pageviews },
        sparkline: days.map((d) => perDay.get(d) ?? 0),
        conversions,
        conversion_rate: conversions === null ? null : conversionRate(conversions, sum.visits),
      });
    }
  }
  return rows.sort((a, b) => b.visits - a.visits || (a.domain < b.domain ? -1 : 1));
}
