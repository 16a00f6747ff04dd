// Goal conversions computed from the counters already stored (docs/METRICS.md, "Goals"): a page goal
// sums the pageviews of the page values its pattern matches, an event goal the events of its name
// (or of its name with one prop value), a revenue goal adds the revenue counters of its event and
// currency. Goals therefore apply to history. Values the cardinality cap folded into "(other)"
// cannot match any goal: the report says how many pageviews and events were folded in the range.
import { excludedPathGlob, type PathGlob } from '../classify/glob.js';
import { eventPropValue } from '../counters/deltas.js';
import { OTHER } from '../counters/types.js';
import { revenueValue } from '../goals/goal-input.js';
import type { GoalRecord } from '../store/goals-store.js';
import type { ValueTest } from '../store/piece-sums.js';
import type { Store } from '../store/types.js';
import { eachDay, monthStart, weekStart } from './calendar.js';
import type { DayRange } from './date-range.js';
import type { Interval } from './timeseries.js';

export interface GoalRevenue {
  currency: string;
  /** Sum in currency units (exact: stored in thousandths). */
  total: number;
  /** total ÷ the events that carried revenue in this currency, to the thousandth; null without any. */
  average: number | null;
  /** Events that carried an amount in this currency. */
  conversions: number;
}

export interface GoalResult {
  name: string;
  kind: GoalRecord['kind'];
  conversions: number;
  /** Conversions per 100 visits, 2 decimals (0 without visits). */
  conversion_rate: number;
  /** Revenue goals: the sums in the goal's currency (never converted); null for other goals. */
  revenue: GoalRevenue | null;
}

export interface FoldedCounts {
  /** Pageviews counted under page "(other)" in the range: no page goal can match them. */
  pageviews: number;
  /** Custom events counted under event "(other)": no event goal can match them. */
  events: number;
  /** Event-property rows counted under "(other)": no prop goal can match them. */
  props: number;
}

/** Conversions per 100 visits, 2 decimals. */
export const conversionRate = (conversions: number, visits: number): number =>
  visits === 0 ? 0 : Math.round((conversions * 100 * 100) / visits) / 100;

/**
 * The literal pieces of a pattern (its text between stars, trailing `/`s cut: `/x/*` matches `/x`):
 * every path the pattern matches starts with the first and contains each of them. A report matches
 * every page value of its range against every page goal (10,000 values × 20 goals on a big site),
 * so these string checks turn most values away before the automaton runs (docs/BENCHMARKS.md).
 */
function trimTrailingSlashes(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 47) end--;
  return s.slice(0, end);
}

export function literalPieces(pattern: string): { prefix: string; pieces: string[] } {
  const parts = pattern.split('*').map(trimTrailingSlashes);
  return { prefix: parts[0]!, pieces: parts.slice(1).filter((p) => p !== '') };
}

const globs = new Map<string, PathGlob>();
function globOf(pattern: string): PathGlob {
  let g = globs.get(pattern);
  if (!g) {
    if (globs.size > 10_000) globs.clear();
    const full = excludedPathGlob(pattern);
    const { prefix, pieces } = literalPieces(pattern);
    g = {
      pattern,
      matches: (path) =>
        path.startsWith(prefix) && pieces.every((p) => path.includes(p)) && full.matches(path),
    };
    globs.set(pattern, g);
  }
  return g;
}

export function goalMatchesPage(goal: GoalRecord, path: string): boolean {
  return (
    goal.kind === 'page' && goal.pagePattern !== null && globOf(goal.pagePattern).matches(path)
  );
}

const propValueOf = (g: GoalRecord) => eventPropValue(g.eventName!, g.propKey!, g.propValue!);

export interface GoalTotals {
  visits: number;
  conversions: Map<string, number>;
  revenue: Map<string, GoalRevenue>;
  folded: FoldedCounts;
}

/** The sumsWhere key of the "(other)" page test; page patterns' keys start with "glob ". */
const otherKey = 'other';

/** A page pattern's test of page values (its key shared by goalTotals and goalDays). */
const pageTest = (pattern: string): ValueTest => ({
  key: `glob ${pattern}`,
  test: (v) => v !== OTHER && globOf(pattern).matches(v),
});

/**
 * goalDays reads the rows of at most this many matching pages by key (past it, the scan with the
 * literals): one seek per day and page.
 */
export const maxPagesByKey = 2_000;

/** Conversions (and revenue) of every goal over a range of local days. */
export async function goalTotals(
  store: Store,
  siteId: number,
  range: DayRange,
  goals: readonly GoalRecord[],
): Promise<GoalTotals> {
  const slice = { siteId, fromDay: range.fromDay, toDay: range.toDay };
  const eventNames = [
    ...new Set(goals.filter((g) => g.propKey === null && g.eventName).map((g) => g.eventName!)),
  ];
  const propValues = [
    ...new Set(goals.filter((g) => g.kind === 'event' && g.propKey !== null).map(propValueOf)),
  ];
  const patterns = [
    ...new Set(
      goals.filter((g) => g.kind === 'page' && g.pagePattern !== null).map((g) => g.pagePattern!),
    ),
  ];
  // Each dimension is read once for all goals; the page patterns are matched by the store against
  // the page values it holds (on SQLite the cached pieces, each value tested once per pattern).
  const [total, pages, events, props, revenueRows] = await Promise.all([
    store.reports.rangeTotals({ ...slice, dimension: 'total' }),
    patterns.length === 0
      ? store.reports
          .rangeTotals({ ...slice, dimension: 'page', filters: [{ op: 'is', values: [OTHER] }] })
          .then((m) => [m.pageviews])
      : store.reports.sumsWhere({ ...slice, dimension: 'page' }, 'pageviews', [
          { key: otherKey, test: (v) => v === OTHER },
          ...patterns.map(pageTest),
        ]),
    store.reports.topValues({
      ...slice,
      dimension: 'event',
      orderBy: 'value',
      direction: 'asc',
      limit: eventNames.length + 1,
      offset: 0,
      filters: [{ op: 'is', values: [...eventNames, OTHER] }],
    }),
    store.reports.topValues({
      ...slice,
      dimension: 'event_prop',
      orderBy: 'value',
      direction: 'asc',
      limit: propValues.length + 1,
      offset: 0,
      filters: [{ op: 'is', values: [...propValues, OTHER] }],
    }),
    goals.some((g) => g.kind === 'revenue')
      ? store.goals.revenueTotals(siteId, range.fromDay, range.toDay)
      : Promise.resolve([]),
  ]);
  const pageCount = new Map(patterns.map((p, i) => [p, pages[i + 1]!]));
  const eventCount = new Map(events.rows.map((r) => [r.value, r.events]));
  const propCount = new Map(props.rows.map((r) => [r.value, r.events]));
  const conversions = new Map<string, number>();
  const revenue = new Map<string, GoalRevenue>();
  for (const g of goals) {
    let n = 0;
    if (g.kind === 'page') {
      n = g.pagePattern === null ? 0 : pageCount.get(g.pagePattern)!;
    } else if (g.propKey !== null) {
      n = propCount.get(propValueOf(g)) ?? 0;
    } else {
      n = eventCount.get(g.eventName!) ?? 0;
    }
    conversions.set(g.name, n);
    if (g.kind === 'revenue') {
      const row = revenueRows.find((r) => r.event === g.eventName && r.currency === g.currency);
      revenue.set(g.name, revenueOf(g.currency!, row?.amount ?? 0, row?.conversions ?? 0));
    }
  }
  return {
    visits: total.visits,
    conversions,
    revenue,
    folded: {
      pageviews: pages[0]!,
      events: eventCount.get(OTHER) ?? 0,
      props: propCount.get(OTHER) ?? 0,
    },
  };
}

export function revenueOf(currency: string, amount: number, conversions: number): GoalRevenue {
  return {
    currency,
    total: revenueValue(amount),
    average: conversions === 0 ? null : revenueValue(Math.round(amount / conversions)),
    conversions,
  };
}

export interface GoalsReport {
  visits: number;
  goals: GoalResult[];
  folded: FoldedCounts;
}

/** The goals panel: every goal of the site over the range. */
export async function goalsReport(
  store: Store,
  siteId: number,
  range: DayRange,
  goals: readonly GoalRecord[],
): Promise<GoalsReport> {
  const t = await goalTotals(store, siteId, range, goals);
  return {
    visits: t.visits,
    goals: goals.map((g) => {
      const conversions = t.conversions.get(g.name) ?? 0;
      return {
        name: g.name,
        kind: g.kind,
        conversions,
        conversion_rate: conversionRate(conversions, t.visits),
        revenue: t.revenue.get(g.name) ?? null,
      };
    }),
    folded: t.folded,
  };
}

export interface GoalDay {
  day: string;
  conversions: number;
  /** Thousandths, revenue goals only. */
  amount: number;
  revenueConversions: number;
}

/** One goal's conversions (and revenue) per local day of the range; days without any are absent. */
export async function goalDays(
  store: Store,
  siteId: number,
  range: DayRange,
  goal: GoalRecord,
): Promise<GoalDay[]> {
  const byDay = new Map<string, GoalDay>();
  const at = (day: string) => {
    let d = byDay.get(day);
    if (!d) byDay.set(day, (d = { day, conversions: 0, amount: 0, revenueConversions: 0 }));
    return d;
  };
  if (goal.kind === 'page') {
    if (goal.pagePattern === null) return [];
    // With SQLite's report cache the matching values come from the cached pieces (each tested
    // once, verdicts shared with goalTotals), then only their rows are read per day. Otherwise
    // only the pages holding the pattern's literals are read, each value matched once.
    const pattern = goal.pagePattern;
    const values = await store.reports.valuesWhere?.(
      { siteId, fromDay: range.fromDay, toDay: range.toDay, dimension: 'page' },
      pageTest(pattern),
      maxPagesByKey,
    );
    if (values) {
      const rows = await store.goals.pageviewsOfPagesByDay(
        siteId,
        range.fromDay,
        range.toDay,
        values,
      );
      for (const r of rows) at(r.day).conversions += r.pageviews;
      return [...byDay.values()].sort((a, b) => (a.day < b.day ? -1 : 1));
    }
    const literals = literalPieces(pattern);
    const verdicts = new Map<string, boolean>();
    const rows = await store.goals.pageviewsByDay(siteId, range.fromDay, range.toDay, literals);
    for (const r of rows) {
      let yes = verdicts.get(r.value);
      if (yes === undefined) {
        yes = r.value !== OTHER && goalMatchesPage(goal, r.value);
        verdicts.set(r.value, yes);
      }
      if (yes) at(r.day).conversions += r.pageviews;
    }
  } else {
    const rows = await store.reports.dailyTotals({
      siteId,
      fromDay: range.fromDay,
      toDay: range.toDay,
      dimension: goal.propKey !== null ? 'event_prop' : 'event',
      filters: [
        { op: 'is', values: [goal.propKey !== null ? propValueOf(goal) : goal.eventName!] },
      ],
    });
    for (const r of rows) at(r.day).conversions += r.events;
    if (goal.kind === 'revenue') {
      const money = await store.goals.revenueDaily(
        siteId,
        range.fromDay,
        range.toDay,
        goal.eventName!,
        goal.currency!,
      );
      for (const r of money) {
        at(r.day).amount += r.amount;
        at(r.day).revenueConversions += r.conversions;
      }
    }
  }
  return [...byDay.values()].sort((a, b) => (a.day < b.day ? -1 : 1));
}

/** The bucket (first local day within the range) that a day falls into. */
export function bucketOf(day: string, interval: Interval, fromDay: string): string {
  const start = interval === 'week' ? weekStart(day) : interval === 'month' ? monthStart(day) : day;
  return start < fromDay ? fromDay : start;
}

export interface GoalPoint {
  date: string;
  visits: number;
  conversions: number;
  conversion_rate: number;
  revenue: GoalRevenue | null;
}

/**
 * One goal's series at day, week or month granularity, every bucket present; `visitsByBucket` are
 * the site's visits per bucket (the timeseries' own points).
 */
export async function goalSeries(
  store: Store,
  siteId: number,
  range: DayRange,
  interval: Exclude<Interval, 'hour'>,
  goal: GoalRecord,
  visitsByBucket: ReadonlyMap<string, number>,
): Promise<GoalPoint[]> {
  const buckets = new Map<string, GoalDay>();
  for (const day of eachDay(range.fromDay, range.toDay)) {
    const key = bucketOf(day, interval, range.fromDay);
    if (!buckets.has(key)) {
      buckets.set(key, { day: key, conversions: 0, amount: 0, revenueConversions: 0 });
    }
  }
  for (const d of await goalDays(store, siteId, range, goal)) {
    const b = buckets.get(bucketOf(d.day, interval, range.fromDay))!;
    b.conversions += d.conversions;
    b.amount += d.amount;
    b.revenueConversions += d.revenueConversions;
  }
  return [...buckets.values()].map((b) => {
    const visits = visitsByBucket.get(b.day) ?? 0;
    return {
      date: b.day,
      visits,
      conversions: b.conversions,
      conversion_rate: conversionRate(b.conversions, visits),
      revenue:
        goal.kind === 'revenue' ? revenueOf(goal.currency!, b.amount, b.revenueConversions) : null,
    };
  });
}
