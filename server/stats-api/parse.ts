// Parses a Plausible Stats API v2 request into what counters can answer, or a ReportInputError naming
// the unsupported part (docs/API.md, "Stats API"). Pure.
import type { ValueFilter } from '../store/reports.js';
import type { BreakdownDimension } from '../reports/breakdown.js';
import { isDay } from '../reports/calendar.js';
import type { Period } from '../reports/date-range.js';
import { ReportInputError } from '../reports/errors.js';
import type { Interval } from '../reports/timeseries.js';
import {
  compatColumn,
  dimensionNotRecorded,
  dimensionsNotCombined,
  filterNotApplied,
  metricNotCounted,
  refusedOperators,
  toPomeloValue,
  uncountedDimensions,
  type Degradation,
} from './compat.js';

export const statsMetrics = [
  'visits',
  'pageviews',
  'views_per_visit',
  'bounce_rate',
  'time_on_page',
  'scroll_depth',
  'exit_rate',
  'events',
  'percentage',
  'conversion_rate',
  'group_conversion_rate',
  'total_revenue',
  'average_revenue',
  // Only for an API key with Plausible compatibility (approximations, flagged in meta).
  'visitors',
  'visit_duration',
] as const;
export type StatsMetric = (typeof statsMetrics)[number];

/** Metrics of goals: they need an event:goal filter or the event:goal dimension. */
export const goalMetrics: readonly StatsMetric[] = [
  'events',
  'conversion_rate',
  'group_conversion_rate',
  'total_revenue',
  'average_revenue',
];

/** Plausible metrics that counters cannot answer (without Plausible compatibility), and why. */
const refusedMetrics: Record<string, string> = {
  visitors:
    'Pomelo counts no unique visitors (it keeps no identifier); use visits, or turn on Plausible compatibility for this API key to get visits under this name',
  visit_duration:
    'Pomelo has no sessions, so no visit duration; time_on_page is the average visible time per pageview (Plausible compatibility answers engaged time per visit)',
};

export interface ParseOptions {
  /** The API key opted in to Plausible compatibility: visitors → visits, visit_duration → engaged time per visit. */
  plausibleCompat?: boolean;
}

/** Stats API dimension → counter dimension. */
const dimensionMap: Record<string, BreakdownDimension> = {
  'event:page': 'page',
  'visit:entry_page': 'entry',
  'visit:exit_page': 'exit',
  'visit:source': 'source',
  'visit:referrer': 'referrer',
  'visit:utm_source': 'utm_source',
  'visit:utm_medium': 'utm_medium',
  'visit:utm_campaign': 'utm_campaign',
  'visit:country': 'country',
  'visit:country_name': 'country',
  'visit:browser': 'browser',
  'visit:os': 'os',
  'visit:device': 'device',
  'event:name': 'event',
};

const visitMetrics: StatsMetric[] = ['visits', 'bounce_rate', 'percentage'];
const audienceMetrics: StatsMetric[] = [
  'visits',
  'pageviews',
  'views_per_visit',
  'bounce_rate',
  'time_on_page',
  'scroll_depth',
  'percentage',
];

/** Metrics each dimension's counter rows hold (server/counters/deltas.ts). */
export const metricsByDimension: Record<BreakdownDimension | 'total', StatsMetric[]> = {
  total: [
    'visits',
    'pageviews',
    'views_per_visit',
    'bounce_rate',
    'time_on_page',
    'scroll_depth',
    'exit_rate',
    'events',
  ],
  page: ['pageviews', 'time_on_page', 'scroll_depth', 'exit_rate', 'percentage'],
  entry: visitMetrics,
  exit: ['visits', 'exit_rate', 'percentage'],
  source: visitMetrics,
  referrer: visitMetrics,
  utm_source: visitMetrics,
  utm_medium: visitMetrics,
  utm_campaign: visitMetrics,
  country: audienceMetrics,
  browser: audienceMetrics,
  os: audienceMetrics,
  device: audienceMetrics,
  event: ['events', 'percentage'],
  event_prop: ['events', 'percentage'],
};

const shortcuts: Record<string, Period> = {
  day: 'day',
  '24h': '24h',
  '7d': '7d',
  '28d': '28d',
  '30d': '30d',
  '91d': '91d',
  month: 'month',
  '6mo': '6mo',
  '12mo': '12mo',
  year: 'year',
  all: 'all',
};

export type StatsDimension =
  | { kind: 'time'; name: string; interval: Interval | null }
  | { kind: 'value'; name: string; dimension: BreakdownDimension; prop?: string }
  | { kind: 'goal'; name: 'event:goal' };

export interface StatsQuery {
  siteDomain: string;
  /** The metrics counters compute (those asked but answered null left out; at least one). */
  metrics: StatsMetric[];
  /** The metrics asked, in order: each row's `metrics` (execute.ts widens the rows to them). */
  asked: StatsMetric[];
  /**
   * Plausible compatibility: the parts of the query left out, each with its warning (metrics and
   * dimensions answered null, filters not applied). Always empty on a normal key.
   */
  degraded: Degradation[];
  /** Positions in each row's `dimensions` that are answered null (dimensions left out). */
  nullDimensions: number[];
  period: Period;
  from?: string;
  to?: string;
  dimension: StatsDimension | null;
  /** A time dimension the value dimension is broken down by, and their order in the request. */
  by: TimeDimension | null;
  timeFirst: boolean;
  /** With `by`: the sort keys of the rows (time, value or a metric), Plausible's default when absent. */
  orderKeys: { key: string; direction: 'asc' | 'desc' }[];
  /** The counter dimension rows are read from: the breakdown's, or the one the filters name. */
  slice: BreakdownDimension | 'total';
  /** event_prop: the event (from an `is event:name` filter) whose props are read. */
  event?: string;
  prop?: string;
  filters: ValueFilter[];
  /** Goal names of an `["is", "event:goal", [...]]` filter; null without one. */
  goals: string[] | null;
  /** Plausible compatibility: visitors and visit_duration are answered (and flagged). */
  compat: boolean;
  orderBy: { key: string; direction: 'asc' | 'desc' } | null;
  limit: number;
  offset: number;
  /**
   * `imports`: whether imported data is counted (docs/API.md, "Imports and exports"): yes unless
   * `include.imports` is false; with the key's Plausible compatibility, no unless it is true
   * (Plausible's default).
   */
  include: { time_labels: boolean; total_rows: boolean; imports: boolean };
  /** The request as understood, echoed in the answer's `query`. */
  echo: {
    site_id: string;
    metrics: string[];
    filters: unknown[];
    dimensions: string[];
    order_by: [string, string][];
    include: Record<string, boolean>;
    pagination: { limit: number; offset: number };
  };
}

const fail = (param: string, message: string): never => {
  throw new ReportInputError(param, message);
};

/**
 * A well-formed part that counters cannot answer: a 400 on a normal key; a compatibility key's
 * answer leaves that part out, with a warning (Degradation).
 */
export class UnanswerableError extends ReportInputError {}

const refuse = (param: string, message: string): never => {
  throw new UnanswerableError(param, message);
};

/** Runs `parse`; on a compatibility key, an unanswerable part is handed to `leaveOut` instead. */
function orLeaveOut<T>(
  compat: boolean,
  parse: () => T,
  leaveOut: (err: UnanswerableError) => void,
) {
  try {
    return parse();
  } catch (err) {
    if (!compat || !(err instanceof UnanswerableError)) throw err;
    leaveOut(err);
    return undefined;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const known = [
  'site_id',
  'metrics',
  'date_range',
  'dimensions',
  'filters',
  'order_by',
  'pagination',
  'include',
];

function parseMetrics(raw: unknown, compat: boolean): StatsMetric[] {
  if (!Array.isArray(raw) || raw.length === 0) fail('metrics', 'metrics must be a non-empty list');
  return (raw as unknown[]).map((m, i) => {
    const at = `metrics[${i}]`;
    if (typeof m !== 'string') return fail(at, `${at} must be a string`);
    if (!compat && m in refusedMetrics) {
      return fail(at, `${at} ${m} is not supported: ${refusedMetrics[m]}`);
    }
    if (!(statsMetrics as readonly string[]).includes(m)) {
      return fail(at, `${at} ${JSON.stringify(m)} is not a metric (${statsMetrics.join(', ')})`);
    }
    return m as StatsMetric;
  });
}

function parseDateRange(raw: unknown): { period: Period; from?: string; to?: string } {
  if (typeof raw === 'string') {
    const period = shortcuts[raw];
    if (period) return { period };
    return fail(
      'date_range',
      `date_range ${JSON.stringify(raw)} is not supported (${Object.keys(shortcuts).join(', ')}, or [from, to] dates)`,
    );
  }
  if (Array.isArray(raw) && raw.length === 2 && raw.every((d) => typeof d === 'string')) {
    const [from, to] = raw as [string, string];
    if (!isDay(from) || !isDay(to)) {
      return fail(
        'date_range',
        'date_range must hold dates YYYY-MM-DD: counters are kept per day (times of day are not supported)',
      );
    }
    if (to < from) fail('date_range', 'date_range ends before it starts');
    return { period: 'custom', from, to };
  }
  return fail('date_range', 'date_range must be a shortcut like "7d" or [from, to]');
}

function parseDimension(raw: unknown, at: string): StatsDimension {
  if (typeof raw !== 'string') return fail(at, `${at} must be a string`);
  const time: Record<string, Interval | null> = {
    time: null,
    'time:hour': 'hour',
    'time:day': 'day',
    'time:week': 'week',
    'time:month': 'month',
  };
  if (raw in time) return { kind: 'time', name: raw, interval: time[raw]! };
  if (raw === 'event:goal') return { kind: 'goal', name: raw };
  if (raw.startsWith('event:props:') && raw.length > 'event:props:'.length) {
    return { kind: 'value', name: raw, dimension: 'event_prop', prop: raw.slice(12) };
  }
  const dimension = dimensionMap[raw];
  if (!dimension && uncountedDimensions[raw]) {
    return refuse(at, `${at} ${raw}: ${uncountedDimensions[raw]}`);
  }
  if (!dimension) {
    return fail(
      at,
      `${at} ${JSON.stringify(raw)} is not counted by Pomelo (${[...Object.keys(dimensionMap), 'event:goal', 'event:props:<key>', 'time', 'time:hour|day|week|month'].join(', ')})`,
    );
  }
  return { kind: 'value', name: raw, dimension };
}

type TimeDimension = StatsDimension & { kind: 'time' };

interface ParsedDimensions {
  dimension: StatsDimension | null;
  /** Positions of the request's dimensions answered null (compatibility keys). */
  nullAt: number[];
  /** With a value dimension: the time dimension it is broken down by (one breakdown per bucket). */
  by: TimeDimension | null;
  /** The order of the two in the request (and in each row's `dimensions`). */
  timeFirst: boolean;
}

/**
 * One dimension, or a time dimension with one value dimension: counters are kept per day and per
 * dimension, so a value dimension can be broken down by day, week or month, never by another value.
 */
function parseDimensions(raw: unknown, compat: boolean, degraded: Degradation[]): ParsedDimensions {
  const nullAt: number[] = [];
  const none = { dimension: null, by: null, timeFirst: false, nullAt };
  if (raw === undefined) return none;
  if (!Array.isArray(raw)) return fail('dimensions', 'dimensions must be a list');
  // A compatibility key: a dimension counters do not record, or a second value dimension, is
  // answered null in every row; the rows are those of the dimensions kept.
  const dims: StatsDimension[] = [];
  raw.forEach((d, i) => {
    const at = `dimensions[${i}]`;
    const dim = orLeaveOut(
      compat,
      () => parseDimension(d, at),
      () => {
        nullAt.push(i);
        degraded.push(dimensionNotRecorded(at, d as string, uncountedDimensions[d as string]!));
      },
    );
    if (!dim) return;
    const first = dims.find((k) => k.kind !== 'time');
    if (compat && dim.kind !== 'time' && first) {
      nullAt.push(i);
      degraded.push(dimensionsNotCombined(at, dim.name, first.name));
      return;
    }
    dims.push(dim);
  });
  if (dims.length === 2) {
    const timeAt = dims.findIndex((d) => d.kind === 'time');
    const other = dims[1 - timeAt];
    if (timeAt >= 0 && other?.kind === 'value') {
      return {
        dimension: other,
        by: dims[timeAt] as TimeDimension,
        timeFirst: timeAt === 0,
        nullAt,
      };
    }
  }
  if (dims.length > 1) {
    return refuse(
      'dimensions',
      `counters cannot combine ${dims.map((d) => d.name).join(' with ')}: ask for one dimension per query (or a time dimension with one other)`,
    );
  }
  return { ...none, dimension: dims[0] ?? null };
}

interface ParsedFilter {
  /** Where the filter is in the request (`filters[1][1][0]`), for messages. */
  at: string;
  name: string;
  dim: StatsDimension & { kind: 'value' | 'goal' };
  filter: ValueFilter;
  raw: unknown;
}

const simpleOps = ['is', 'is_not', 'contains', 'contains_not'];
const negated: Record<string, ValueFilter['op']> = {
  is: 'is_not',
  is_not: 'is',
  contains: 'contains_not',
  contains_not: 'contains',
};

/** Plausible's 4th element: `{case_sensitive}`. Pomelo's contains ignores case, `is` does not. */
function checkModifiers(raw: unknown, op: string, at: string): void {
  if (raw === undefined) return;
  if (!isObject(raw) || Object.keys(raw).some((k) => k !== 'case_sensitive')) {
    fail(at, `${at} modifiers must be {"case_sensitive": true|false}`);
  }
  const sensitive = (raw as { case_sensitive?: unknown }).case_sensitive;
  if (sensitive === undefined) return;
  if (typeof sensitive !== 'boolean') fail(at, `${at} case_sensitive must be true or false`);
  const contains = op === 'contains' || op === 'contains_not';
  if (contains && sensitive) {
    fail(at, `${at}: Pomelo's ${op} always ignores case (case_sensitive: true is not supported)`);
  }
  if (!contains && !sensitive) {
    fail(at, `${at}: ${op} compares exactly; use contains to ignore case`);
  }
}

function parseSimpleFilter(raw: unknown[], at: string, compat: boolean): ParsedFilter {
  const [op, name, values, modifiers] = raw as [unknown, unknown, unknown, unknown];
  const why = typeof op === 'string' ? refusedOperators[op] : undefined;
  if (typeof op !== 'string' || (!simpleOps.includes(op) && !why)) {
    return fail(
      at,
      `${at} operator ${JSON.stringify(op)} is not supported (${[...simpleOps, 'and', 'or', 'not'].join(', ')})`,
    );
  }
  if (op === 'has_done' || op === 'has_not_done') {
    // Well-formed (its filter parses, answerable or not), yet never answerable by counters.
    if (raw.length !== 2) return fail(at, `${at} must be ["${op}", filter]`);
    orLeaveOut(
      true,
      () => parseFilter(raw[1], `${at}[1]`, compat),
      () => {},
    );
    return refuse(at, `${at} operator ${op}: ${why}`);
  }
  if (raw.length !== 3 && raw.length !== 4) {
    return fail(at, `${at} must be [operator, dimension, [values]] or with {case_sensitive}`);
  }
  // Plausible's segment filters name segments by their numeric ids.
  const valueType = name === 'segment' ? ['string', 'number'] : ['string'];
  if (
    !Array.isArray(values) ||
    values.length === 0 ||
    !values.every((v) => valueType.includes(typeof v))
  ) {
    return fail(at, `${at} values must be a non-empty list of strings`);
  }
  const dim = parseDimension(name, `${at}`);
  if (dim.kind === 'time') return fail(at, `${at} cannot filter on time; use date_range`);
  if (why) return refuse(at, `${at} operator ${op}: ${why}`);
  if (dim.kind === 'goal' && op !== 'is') {
    return fail(at, `${at}: only "is" filters event:goal (as in Plausible)`);
  }
  checkModifiers(modifiers, op, at);
  // Plausible's names of countries (always), OS, browsers and devices (compatibility keys).
  const exactOp = op === 'is' || op === 'is_not';
  const mapped =
    exactOp && (compat || name === 'visit:country_name')
      ? values.map((v) => toPomeloValue(name as string, v))
      : values;
  return {
    at,
    name: name as string,
    dim,
    filter: { op: op as ValueFilter['op'], values: mapped },
    raw,
  };
}

/**
 * One filter as Plausible writes it → simple filters joined by "and". `and` flattens, `not`
 * inverts one simple filter, `or` joins filters of one dimension and one operator (is, contains)
 * into one list of values: what counters can answer without visit-level rows.
 */
function parseFilter(raw: unknown, at: string, compat: boolean): ParsedFilter[] {
  if (!Array.isArray(raw) || raw.length < 2) {
    return fail(at, `${at} must be [operator, dimension, [values]], or and/or/not of filters`);
  }
  const [op, inner] = raw as [unknown, unknown];
  if (op === 'and' || op === 'or') {
    if (raw.length !== 2 || !Array.isArray(inner) || inner.length === 0) {
      return fail(at, `${at} must be ["${op}", [filters]]`);
    }
    const parts = inner.flatMap((f, i) => parseFilter(f, `${at}[1][${i}]`, compat));
    if (op === 'and') return parts;
    const first = parts[0]!;
    const joinable = first.filter.op === 'is' || first.filter.op === 'contains';
    if (!joinable || parts.some((p) => p.name !== first.name || p.filter.op !== first.filter.op)) {
      return refuse(
        at,
        `${at}: counters can join with "or" only filters of one dimension with is (or contains): ${[...new Set(parts.map((p) => `${p.filter.op} ${p.name}`))].join(', ')}`,
      );
    }
    const values = [...new Set(parts.flatMap((p) => p.filter.values))];
    return [{ ...first, filter: { op: first.filter.op, values }, raw }];
  }
  if (op === 'not') {
    if (raw.length !== 2) return fail(at, `${at} must be ["not", filter]`);
    const parts = parseFilter(inner, `${at}[1]`, compat);
    if (parts.length !== 1 || parts[0]!.dim.kind === 'goal') {
      return refuse(at, `${at}: "not" applies to one filter of a dimension (not event:goal)`);
    }
    const p = parts[0]!;
    return [{ ...p, filter: { op: negated[p.filter.op]!, values: p.filter.values }, raw }];
  }
  return [parseSimpleFilter(raw, at, compat)];
}

type Resolved = Pick<StatsQuery, 'slice' | 'filters' | 'event' | 'goals'>;

/**
 * Every filter is parsed first (anything malformed is a 400 on any key). On a normal key they must
 * all combine; on a compatibility key they are kept in order while they combine, and a top-level
 * filter that is unanswerable or does not combine with those kept is left out: dropping an AND-ed
 * filter only widens the set counted, so the figure is an upper bound (flagged).
 */
function resolveFilters(
  raw: unknown,
  dimension: StatsDimension | null,
  compat: boolean,
  degraded: Degradation[],
): Resolved {
  if (raw !== undefined && !Array.isArray(raw)) fail('filters', 'filters must be a list');
  const left: Degradation[] = [];
  const parsed = ((raw as unknown[] | undefined) ?? []).map((f, i) => {
    const at = `filters[${i}]`;
    return orLeaveOut(
      compat,
      () => parseFilter(f, at, compat),
      (err) => (left[i] = filterNotApplied(at, err.message)),
    );
  });
  checkFilterSize(parsed.flatMap((p) => p ?? []));
  if (!compat)
    return combineFilters(
      parsed.flatMap((p) => p!),
      dimension,
    );
  let kept: ParsedFilter[] = [];
  let resolved = combineFilters([], dimension);
  parsed.forEach((parts, i) => {
    if (!parts) return;
    const next = [...kept, ...parts];
    const combined = orLeaveOut(
      true,
      () => combineFilters(next, dimension),
      (err) => (left[i] = filterNotApplied(`filters[${i}]`, err.message)),
    );
    if (!combined) return;
    kept = next;
    resolved = combined;
  });
  degraded.push(...left.filter(Boolean));
  return resolved;
}

/** Bounds of one query's filters: each filter and each `contains` value is one SQL term. */
export const maxFilters = 100;
export const maxContainsValues = 500;

/** Past these bounds the SQL expression would exceed the database's depth limit (a 500). */
function checkFilterSize(parts: ParsedFilter[]): void {
  if (parts.length > maxFilters) {
    fail(
      'filters',
      `filters: at most ${maxFilters} filters (and, or, not counted out), not ${parts.length}`,
    );
  }
  for (const p of parts) {
    const contains = p.filter.op === 'contains' || p.filter.op === 'contains_not';
    if (contains && p.filter.values.length > maxContainsValues) {
      fail(
        p.at,
        `${p.at}: at most ${maxContainsValues} values in a contains filter (or of contains), not ${p.filter.values.length}`,
      );
    }
  }
}

/** Filters must name the breakdown dimension (or one and the same dimension without a breakdown). */
function combineFilters(all: ParsedFilter[], dimension: StatsDimension | null): Resolved {
  // Goals are counted from several dimensions at once: a goal filter combines with no other
  // filter, and with no dimension but time and event:goal.
  const goalAt = all.findIndex((p) => p.dim.kind === 'goal');
  if (goalAt >= 0 || dimension?.kind === 'goal') {
    const other = all.find((p) => p.dim.kind !== 'goal');
    if (other) {
      refuse(other.at, `${other.at}: counters cannot combine event:goal with ${other.name}`);
    }
    if (all.filter((p) => p.dim.kind === 'goal').length > 1) {
      refuse('filters', 'one event:goal filter at most (list several goals in it)');
    }
    if (dimension?.kind === 'value') {
      refuse(
        'dimensions[0]',
        `dimensions[0]: counters cannot combine ${dimension.name} with event:goal`,
      );
    }
    return {
      slice: 'total',
      filters: [],
      event: undefined,
      goals: goalAt >= 0 ? all[goalAt]!.filter.values : null,
    };
  }
  const parsed = all as (ParsedFilter & { dim: { kind: 'value' } })[];
  const target = dimension?.kind === 'value' ? dimension : undefined;
  let event: string | undefined;
  const own: (ParsedFilter & { dim: { kind: 'value' } })[] = [];
  parsed.forEach((p) => {
    if (target?.dimension === 'event_prop' && p.name === 'event:name') {
      if (p.filter.op !== 'is' || p.filter.values.length !== 1 || event !== undefined) {
        refuse(p.at, `${p.at} props need exactly one ["is", "event:name", [name]]`);
      }
      event = p.filter.values[0];
      return;
    }
    const anchor = target?.name ?? own[0]?.name;
    if (anchor !== undefined && p.name !== anchor) {
      refuse(p.at, `${p.at}: counters cannot combine ${anchor} with ${p.name}`);
    }
    if (target === undefined && dimension?.kind === 'time' && dimension.interval === 'hour') {
      refuse(p.at, `${p.at}: hourly counters hold totals only, not ${p.name}`);
    }
    own.push(p);
  });
  // Without an event:name filter a prop is read across every event (execute-props.ts); its values
  // can then not be filtered (props are stored per event).
  if (target?.dimension === 'event_prop' && event === undefined && own.length > 0) {
    refuse(
      'filters',
      `a filter on ${target.name} needs a filter ["is", "event:name", [name]]: props are counted per event`,
    );
  }
  const sliceDim = (target ?? own[0]?.dim) as (StatsDimension & { kind: 'value' }) | undefined;
  if (sliceDim?.dimension === 'event_prop' && !target) {
    refuse(
      'filters',
      `a filter on ${sliceDim.name} needs it as the dimension, with an event:name filter`,
    );
  }
  const filters = own.map((p) =>
    sliceDim?.dimension === 'event_prop' ? propFilter(p.filter, event!, sliceDim.prop!) : p.filter,
  );
  return { slice: sliceDim?.dimension ?? 'total', filters, event, goals: null };
}

/** Prop filters compare the stored JSON text [event, key, value] (deltas.ts eventPropValue). */
function propFilter(f: ValueFilter, event: string, key: string): ValueFilter {
  if (f.op === 'is' || f.op === 'is_not') {
    return { op: f.op, values: f.values.map((v) => JSON.stringify([event, key, v])) };
  }
  return { op: f.op, values: f.values.map((v) => JSON.stringify(v).slice(1, -1)) };
}

/**
 * Plausible compatibility: `visitors` wherever visits, pageviews or events are counted, `events`
 * where only pageviews are (compat.ts compatColumn), `visit_duration` of the whole site.
 */
function compatMetrics(slice: BreakdownDimension | 'total'): StatsMetric[] {
  const own = metricsByDimension[slice];
  const out: StatsMetric[] = [];
  if (compatColumn(slice, 'visitors', own)) out.push('visitors');
  if (!own.includes('events') && compatColumn(slice, 'events', own)) out.push('events');
  // Engaged time per visit is read from the totals (execute.ts: aggregates without filters).
  if (slice === 'total') out.push('visit_duration');
  return out;
}

/**
 * Refuses metrics the query's counters cannot answer; on a compatibility key, those are answered
 * null instead (flagged): their degradations are added and the answerable metrics returned.
 */
function checkMetrics(
  metrics: StatsMetric[],
  q: Pick<StatsQuery, 'slice' | 'dimension' | 'goals' | 'compat'>,
  degraded: Degradation[],
): StatsMetric[] {
  const answerable = metrics.filter((m, i) => {
    const at = `metrics[${i}]`;
    const counted = orLeaveOut(
      q.compat,
      () => checkMetric(m, at, q),
      (err) => degraded.push(metricNotCounted(at, m, err.message.slice(`${at}: `.length))),
    );
    return counted !== undefined;
  });
  if (answerable.length > 0) return answerable;
  // Every metric is null: the rows are still read, by a metric the slice holds.
  const goalQuery = q.goals !== null || q.dimension?.kind === 'goal';
  return [goalQuery ? 'events' : metricsByDimension[q.slice][0]!];
}

function checkMetric(
  m: StatsMetric,
  at: string,
  q: Pick<StatsQuery, 'slice' | 'dimension' | 'goals' | 'compat'>,
): true {
  const goalQuery = q.goals !== null || q.dimension?.kind === 'goal';
  if (goalQuery) {
    // A compatibility key's `visitors` of goals are their conversions (flagged).
    const allowed = q.compat ? [...goalMetrics, 'visitors'] : goalMetrics;
    if (!allowed.includes(m)) {
      refuse(
        at,
        `${at}: counters cannot answer ${m} for goals (available: ${goalMetrics.join(', ')})`,
      );
    }
    return true;
  }
  const allowed = [...metricsByDimension[q.slice], ...(q.compat ? compatMetrics(q.slice) : [])];
  const name = q.dimension?.kind === 'value' ? q.dimension.name : q.slice;
  // Engaged time per visit is read from the totals, for an aggregate (execute.ts).
  if (q.compat && m === 'visit_duration' && q.dimension !== null) {
    refuse(
      at,
      `${at}: counters answer visit_duration in aggregates only, not by ${q.dimension.name}`,
    );
  }
  if (goalMetrics.includes(m) && m !== 'events') {
    fail(at, `${at} ${m} needs an event:goal filter or the event:goal dimension`);
  }
  if (m === 'percentage' && q.dimension?.kind !== 'value') {
    fail(at, `${at} percentage needs a dimension other than time`);
  }
  if (!allowed.includes(m)) {
    refuse(at, `${at}: counters cannot answer ${m} by ${name} (available: ${allowed.join(', ')})`);
  }
  return true;
}

/** Raw counter columns a breakdown may be ordered by. */
const orderable: Partial<Record<StatsMetric, string>> = {
  visits: 'visits',
  pageviews: 'pageviews',
  events: 'events',
};

function parseOrderBy(raw: unknown, q: Pick<StatsQuery, 'metrics' | 'dimension'>) {
  // Plausible's examples order by two keys (a time dimension, then another): the first one only
  // is supported, and only when it is the dimension queried or one of the metrics.
  if (raw === undefined) return null;
  if (!Array.isArray(raw) || raw.length !== 1) {
    return fail('order_by', 'order_by must hold exactly one [metric or dimension, "asc"|"desc"]');
  }
  const entry = raw[0] as unknown;
  if (!Array.isArray(entry) || entry.length !== 2 || !['asc', 'desc'].includes(entry[1])) {
    return fail('order_by[0]', 'order_by[0] must be [metric or dimension, "asc"|"desc"]');
  }
  const [key, direction] = entry as [string, 'asc' | 'desc'];
  const dimName = q.dimension?.name;
  if (key === dimName) return { key: 'value', direction };
  if (!(q.metrics as string[]).includes(key)) {
    return fail(
      'order_by[0]',
      `order_by[0] ${JSON.stringify(key)} is not a queried metric or dimension`,
    );
  }
  if (q.dimension?.kind === 'goal') return { key, direction };
  if (q.dimension?.kind !== 'value' || !orderable[key as StatsMetric]) {
    return fail(
      'order_by[0]',
      `order_by[0]: counters can order ${dimName ?? 'this query'} by the dimension or by visits, pageviews or events, not ${key}`,
    );
  }
  return { key, direction };
}

/**
 * order_by of a value dimension broken down by time: up to two keys among the time dimension, the
 * value dimension and the metrics; default, as Plausible: time ascending, then the first metric
 * descending.
 */
function parseOrderKeys(
  raw: unknown,
  metrics: StatsMetric[],
  by: TimeDimension,
  dimension: StatsDimension,
): StatsQuery['orderKeys'] {
  if (raw === undefined) {
    return [
      { key: 'time', direction: 'asc' },
      { key: metrics[0]!, direction: 'desc' },
    ];
  }
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > 2) {
    return fail('order_by', 'order_by must hold one or two [metric or dimension, "asc"|"desc"]');
  }
  return raw.map((entry: unknown, i) => {
    const at = `order_by[${i}]`;
    if (!Array.isArray(entry) || entry.length !== 2 || !['asc', 'desc'].includes(entry[1])) {
      return fail(at, `${at} must be [metric or dimension, "asc"|"desc"]`);
    }
    const [name, direction] = entry as [string, 'asc' | 'desc'];
    const key =
      name === by.name
        ? 'time'
        : name === dimension.name
          ? 'value'
          : (metrics as string[]).includes(name)
            ? name
            : fail(at, `${at} ${JSON.stringify(name)} is not a queried metric or dimension`);
    return { key, direction };
  });
}

const echoKey = (key: string, by: TimeDimension, dimension: StatsDimension) =>
  key === 'time' ? by.name : key === 'value' ? dimension.name : key;

function parsePagination(raw: unknown): { limit: number; offset: number } {
  if (raw === undefined) return { limit: 10_000, offset: 0 };
  if (!isObject(raw)) return fail('pagination', 'pagination must be {limit, offset}');
  const limit = raw.limit ?? 10_000;
  const offset = raw.offset ?? 0;
  if (!Number.isInteger(limit) || (limit as number) < 1 || (limit as number) > 10_000) {
    fail('pagination.limit', 'pagination.limit must be a whole number from 1 to 10000');
  }
  if (!Number.isInteger(offset) || (offset as number) < 0) {
    fail('pagination.offset', 'pagination.offset must be a whole number ≥ 0');
  }
  return { limit: limit as number, offset: offset as number };
}

function parseInclude(raw: unknown, dimension: StatsDimension | null, compat: boolean) {
  const include = { time_labels: false, total_rows: false, imports: !compat };
  if (raw === undefined) return include;
  if (!isObject(raw)) return fail('include', 'include must be an object');
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value !== 'boolean') fail(`include.${key}`, `include.${key} must be true or false`);
    if (key !== 'time_labels' && key !== 'total_rows' && key !== 'imports') {
      fail(`include.${key}`, `include.${key} is not supported (imports, time_labels, total_rows)`);
    }
    include[key as 'time_labels' | 'total_rows' | 'imports'] = value as boolean;
  }
  if (include.time_labels && dimension?.kind !== 'time') {
    fail('include.time_labels', 'include.time_labels needs a time dimension');
  }
  return include;
}

/** order_by without the keys naming one of `names` (undefined when none is left). */
function withoutKeys(raw: unknown, names: string[]): unknown {
  if (!Array.isArray(raw) || names.length === 0) return raw;
  const kept = raw.filter((e) => !(Array.isArray(e) && names.includes(e[0])));
  return kept.length === 0 ? undefined : kept;
}

export function parseStatsQuery(body: unknown, options: ParseOptions = {}): StatsQuery {
  const compat = options.plausibleCompat === true;
  if (!isObject(body)) return fail('body', 'the body must be a JSON object');
  for (const key of Object.keys(body)) {
    if (!known.includes(key)) fail(key, `${key} is not a Stats API field (${known.join(', ')})`);
  }
  if (typeof body.site_id !== 'string' || body.site_id === '') {
    fail('site_id', 'site_id must be the site domain');
  }
  const asked = parseMetrics(body.metrics, compat);
  const range = parseDateRange(body.date_range);
  // A compatibility key's answer leaves out what counters cannot answer (compat.ts Degradation).
  const degraded: Degradation[] = [];
  const { dimension, by, timeFirst, nullAt } = parseDimensions(body.dimensions, compat, degraded);
  const resolved = resolveFilters(body.filters, dimension, compat, degraded);
  const metrics = checkMetrics(
    asked,
    { slice: resolved.slice, dimension, goals: resolved.goals, compat },
    degraded,
  );
  const nullMetrics = degraded.filter((d) => d.code === 'metric_not_counted').map((d) => d.metric!);
  // Ordering by what is answered null in every row orders nothing: that key is left out.
  const nullNames = [...nullMetrics, ...nullAt.map((i) => (body.dimensions as string[])[i]!)];
  const orderByRaw = withoutKeys(body.order_by, nullNames);
  if (by?.interval === 'hour') {
    fail(
      'dimensions',
      `breakdowns are counted per day: ${dimension!.name} cannot be broken down by hour`,
    );
  }
  if (by && metrics.includes('percentage')) {
    fail('metrics', 'percentage is not available with a time dimension and another dimension');
  }
  if (resolved.goals !== null && dimension?.kind === 'time' && dimension.interval === 'hour') {
    fail('dimensions[0]', 'dimensions[0]: goals are counted per day, not per hour');
  }
  const orderBy = by ? null : parseOrderBy(orderByRaw, { metrics, dimension });
  const orderKeys = by ? parseOrderKeys(orderByRaw, metrics, by, dimension!) : [];
  const pagination = parsePagination(body.pagination);
  const include = parseInclude(body.include, by ?? dimension, compat);
  const defaultOrder: [string, string][] =
    dimension?.kind === 'time'
      ? [[dimension.name, 'asc']]
      : dimension?.kind === 'goal'
        ? [[metrics[0]!, 'desc']]
        : dimension && metrics.some((m) => orderable[m])
          ? [[metrics.find((m) => orderable[m])!, 'desc']]
          : [];
  return {
    siteDomain: body.site_id as string,
    metrics,
    asked,
    degraded,
    nullDimensions: nullAt,
    ...range,
    dimension,
    by,
    timeFirst,
    orderKeys,
    ...resolved,
    compat,
    prop: dimension?.kind === 'value' ? dimension.prop : undefined,
    orderBy,
    ...pagination,
    include,
    echo: {
      site_id: body.site_id as string,
      metrics: asked,
      filters: (body.filters as unknown[] | undefined) ?? [],
      dimensions:
        nullAt.length > 0
          ? (body.dimensions as string[])
          : by
            ? timeFirst
              ? [by.name, dimension!.name]
              : [dimension!.name, by.name]
            : dimension
              ? [dimension.name]
              : [],
      order_by: by
        ? orderKeys.map((o) => [echoKey(o.key, by, dimension!), o.direction])
        : orderBy
          ? [[(orderByRaw as [string, string][])[0]![0], orderBy.direction]]
          : defaultOrder,
      include: {
        time_labels: include.time_labels,
        total_rows: include.total_rows,
        ...(isObject(body.include) && 'imports' in body.include && { imports: include.imports }),
      },
      pagination,
    },
  };
}
