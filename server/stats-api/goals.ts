// Stats API queries about goals: the event:goal dimension, an event:goal filter (in aggregate or by
// time), conversion_rate and the revenue metrics in Plausible's shapes. Conversions are computed by
// server/reports/goals.ts from the counters (docs/METRICS.md, "Goals").
import type { ResolvedRange } from '../reports/date-range.js';
import { ReportInputError } from '../reports/errors.js';
import {
  conversionRate,
  goalSeries,
  goalTotals,
  revenueOf,
  type GoalRevenue,
} from '../reports/goals.js';
import { defaultInterval, timeseries } from '../reports/timeseries.js';
import type { GoalRecord } from '../store/goals-store.js';
import type { SiteRecord, Store } from '../store/types.js';
import type { StatsMetric, StatsQuery } from './parse.js';

export type MetricWarnings = Record<string, { code: string; warning: string }>;

type Money = { value: number; currency: string };
type Value = number | null | Money;

/** Plausible's warnings for revenue metrics it cannot compute (its query_result.ex). */
const revenueWarnings = {
  no_revenue_goals_matching: 'Revenue metrics are null as there are no matching revenue goals.',
  no_single_revenue_currency:
    'Revenue metrics are null as there are multiple currencies for the selected event:goals.',
} as const;

const revenueMetrics: StatsMetric[] = ['total_revenue', 'average_revenue'];

/** Sums of several goals: conversions, and revenue when every revenue goal shares one currency. */
interface GoalSum {
  conversions: number;
  visits: number;
  /** undefined: no revenue goal among them; null: several currencies. */
  revenue: GoalRevenue | null | undefined;
}

const thousandths = (units: number) => Math.round(units * 1000);

function sumGoals(
  goals: readonly GoalRecord[],
  visits: number,
  conversionsOf: (g: GoalRecord) => number,
  revenueOfGoal: (g: GoalRecord) => GoalRevenue | undefined,
): GoalSum {
  let conversions = 0;
  for (const g of goals) conversions += conversionsOf(g);
  const paid = goals.filter((g) => g.kind === 'revenue');
  const currencies = new Set(paid.map((g) => g.currency));
  let revenue: GoalSum['revenue'];
  if (currencies.size > 1) revenue = null;
  else if (paid.length > 0) {
    let amount = 0;
    let count = 0;
    for (const g of paid) {
      const r = revenueOfGoal(g);
      amount += thousandths(r?.total ?? 0);
      count += r?.conversions ?? 0;
    }
    revenue = revenueOf(paid[0]!.currency!, amount, count);
  }
  return { conversions, visits, revenue };
}

function metricOf(m: StatsMetric, s: GoalSum): Value {
  switch (m) {
    case 'events':
    case 'visitors': // Plausible compatibility: conversions, flagged (compat.ts)
      return s.conversions;
    case 'conversion_rate':
    case 'group_conversion_rate':
      return conversionRate(s.conversions, s.visits);
    case 'total_revenue':
      return s.revenue ? { value: s.revenue.total, currency: s.revenue.currency } : null;
    case 'average_revenue':
      return s.revenue ? { value: s.revenue.average ?? 0, currency: s.revenue.currency } : null;
    default:
      return null;
  }
}

function warningsFor(q: StatsQuery, sums: GoalSum[]): MetricWarnings | undefined {
  const asked = q.metrics.filter((m) => revenueMetrics.includes(m));
  if (asked.length === 0 || sums.some((s) => s.revenue)) return undefined;
  const code = sums.some((s) => s.revenue === null)
    ? 'no_single_revenue_currency'
    : 'no_revenue_goals_matching';
  return Object.fromEntries(asked.map((m) => [m, { code, warning: revenueWarnings[code] }]));
}

/** The goals a query names (all of the site's for the dimension without a filter); 400 for unknown names. */
function selectGoals(all: GoalRecord[], names: string[] | null): GoalRecord[] {
  if (names === null) return all;
  return names.map((name, i) => {
    const g = all.find((x) => x.name === name);
    if (!g) {
      throw new ReportInputError(
        'filters',
        `filters: the goal ${JSON.stringify(name)} is not configured for this site (values[${i}])`,
      );
    }
    return g;
  });
}

const compare = (a: Value, b: Value): number => {
  const n = (v: Value) => (v === null ? -Number.MAX_VALUE : typeof v === 'number' ? v : v.value);
  return n(a) - n(b);
};

export async function goalQuery(
  store: Store,
  site: SiteRecord,
  q: StatsQuery,
  range: ResolvedRange,
): Promise<{
  rows: { metrics: Value[]; dimensions: string[] }[];
  labels?: string[];
  warnings?: MetricWarnings;
}> {
  const goals = selectGoals(await store.goals.goalsOf(site.id), q.goals);
  const dim = q.dimension;
  if (dim?.kind === 'time') {
    const interval = dim.interval ?? defaultInterval(range);
    const byDay = interval === 'hour' ? 'day' : interval;
    const points = await timeseries(store, {
      siteId: site.id,
      timezone: site.timezone,
      span: { fromDay: range.fromDay, toDay: range.toDay },
      interval: byDay,
    });
    const visits = new Map(points.map((p) => [p.date, p.visits]));
    const series = await Promise.all(
      goals.map((g) => goalSeries(store, site.id, range, byDay, g, visits)),
    );
    const sums = points.map((p, i) =>
      sumGoals(
        goals,
        p.visits,
        (g) => series[goals.indexOf(g)]![i]!.conversions,
        (g) => series[goals.indexOf(g)]![i]!.revenue ?? undefined,
      ),
    );
    const rows = points.map((p, i) => ({
      metrics: q.metrics.map((m) => metricOf(m, sums[i]!)),
      dimensions: [p.date],
    }));
    return { rows, labels: points.map((p) => p.date), warnings: warningsFor(q, sums) };
  }
  const t = await goalTotals(store, site.id, range, goals);
  const conversionsOf = (g: GoalRecord) => t.conversions.get(g.name) ?? 0;
  const revenueOfGoal = (g: GoalRecord) => t.revenue.get(g.name);
  if (dim?.kind === 'goal') {
    const sums = goals.map((g) => sumGoals([g], t.visits, conversionsOf, revenueOfGoal));
    let rows = goals.map((g, i) => ({
      metrics: q.metrics.map((m) => metricOf(m, sums[i]!)),
      dimensions: [g.name],
    }));
    const order = q.orderBy ?? { key: q.metrics[0]!, direction: 'desc' as const };
    const at = order.key === 'value' ? -1 : q.metrics.indexOf(order.key as StatsMetric);
    const sign = order.direction === 'asc' ? 1 : -1;
    // A stable sort: ties keep the goals' own order (oldest first).
    rows = rows
      .map((r, i) => ({ r, i }))
      .sort(
        (a, b) =>
          (at < 0
            ? a.r.dimensions[0]! < b.r.dimensions[0]!
              ? -1
              : a.r.dimensions[0]! > b.r.dimensions[0]!
                ? 1
                : 0
            : compare(a.r.metrics[at]!, b.r.metrics[at]!)) * sign || a.i - b.i,
      )
      .map((x) => x.r);
    return { rows, warnings: warningsFor(q, sums) };
  }
  const sum = sumGoals(goals, t.visits, conversionsOf, revenueOfGoal);
  return {
    rows: [{ metrics: q.metrics.map((m) => metricOf(m, sum)), dimensions: [] }],
    warnings: warningsFor(q, [sum]),
  };
}
