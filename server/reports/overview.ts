// Agency overview: every site a user can see, with totals, a daily sparkline and the change versus
// the previous period — two queries for all sites together, whatever their number.
import type { GoalRecord } from '../store/goals-store.js';
import { zeroMetrics } from '../counters/types.js';
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
      store.reports.siteSummaries(ids, range.fromDay, range.toDay),
      // The previous period is only compared with: its totals, without days.
      store.reports.siteTotals(ids, range.previous.fromDay, range.previous.toDay),
    ]);
    const curBySite = new Map(cur.map((s) => [s.siteId, s]));
    const prevBySite = new Map(prev.map((s) => [s.siteId, s]));
    const goalsBySite = new Map<number, GoalRecord[]>();
    for (const g of await store.goals.goalsOfSites(ids)) {
      const list = goalsBySite.get(g.siteId);
      if (list) list.push(g);
      else goalsBySite.set(g.siteId, [g]);
    }
    const days = eachDay(range.fromDay, range.toDay).length;
    for (const site of sites) {
      const sum = curBySite.get(site.id)?.totals ?? zeroMetrics();
      const before = prevBySite.get(site.id)?.totals ?? zeroMetrics();
      const change = compareMetrics(deriveMetrics(sum), deriveMetrics(before));
      const own = goalsBySite.get(site.id) ?? [];
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
        sparkline: curBySite.get(site.id)?.visits ?? new Array<number>(days).fill(0),
        conversions,
        conversion_rate: conversions === null ? null : conversionRate(conversions, sum.visits),
      });
    }
  }
  return rows.sort((a, b) => b.visits - a.visits || (a.domain < b.domain ? -1 : 1));
}
