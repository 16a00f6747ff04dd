// What Plausible's Stats API clients ask for, in Pomelo's terms (docs/API.md, "Plausible
// compatibility"). Pure: the counter column a Plausible metric is answered with on a compatibility
// key (each approximation flagged in meta.metric_warnings), Plausible's names of OS, devices and
// countries, and the honest reasons for what counters cannot answer at all.
import type { BreakdownDimension } from '../reports/breakdown.js';
import type { MetricName } from '../reports/metrics.js';

export type Slice = BreakdownDimension | 'total';

export type MetricWarnings = Record<string, { code: string; warning: string }>;

/** The counter metrics each slice's rows hold (server/counters/deltas.ts). */
const heldBy = (own: readonly string[]) => ({
  visits: own.includes('visits'),
  pageviews: own.includes('pageviews'),
  events: own.includes('events'),
});

/**
 * On a compatibility key: the column `visitors` and `events` are answered with on a slice whose
 * rows lack the real figure, or undefined when the slice cannot answer even approximately.
 * `visitors` → visits (entries); on pages, which hold no visits, pageviews; on custom events and
 * props, events. `events` (Plausible: pageviews + custom events) → pageviews where custom events
 * are not kept (pages, countries, browsers, OS, devices).
 */
export function compatColumn(
  slice: Slice,
  metric: 'visitors' | 'events',
  own: readonly string[],
): MetricName | undefined {
  const held = heldBy(own);
  if (metric === 'visitors') {
    if (held.visits) return 'visits';
    if (held.pageviews) return 'pageviews';
    if (held.events) return 'events';
    return undefined;
  }
  if (slice === 'total' || held.events) return 'events';
  return held.pageviews ? 'pageviews' : undefined;
}

const warnings: Record<string, { code: string; warning: string }> = {
  'visitors:visits': {
    code: 'visitors_are_visits',
    warning:
      'Pomelo counts no unique visitors (it keeps no identifier): this value is the number of visits.',
  },
  'visitors:pageviews': {
    code: 'visitors_are_pageviews',
    warning:
      'Pomelo counts no unique visitors and keeps no visits per page: this value is the number of pageviews of the matching pages (a visit that viewed two of them counts twice).',
  },
  'visitors:events': {
    code: 'visitors_are_events',
    warning:
      'Pomelo counts no unique visitors: this value is the number of matching custom events (a visitor who sent two counts twice).',
  },
  'visitors:conversions': {
    code: 'visitors_are_conversions',
    warning:
      'Pomelo counts no unique visitors: this value is the number of conversions (a visit that converted twice counts twice).',
  },
  'events:pageviews': {
    code: 'events_are_pageviews',
    warning:
      'Pomelo keeps custom events per event name, not per page, country, browser, OS or device: this value is the number of pageviews (custom events not included).',
  },
  'visit_duration:engaged': {
    code: 'visit_duration_is_engaged_time',
    warning:
      'Pomelo has no sessions: this value is the engaged (visible) time per visit, in seconds.',
  },
};

/** The warning of one approximated metric, by the column it was answered with. */
export function compatWarning(metric: string, column: string) {
  return warnings[`${metric}:${column}`];
}

/** Plausible's value names → Pomelo's (ua-parser-js families, lower-case device classes). */
const valueAliases: Record<string, Record<string, string>> = {
  'visit:os': { Mac: 'Mac OS', 'GNU/Linux': 'Linux', 'Chrome OS': 'Chromium OS' },
  'visit:browser': { 'Microsoft Edge': 'Edge', 'Samsung Browser': 'Samsung Internet' },
  'visit:device': { Desktop: 'desktop', Laptop: 'laptop', Tablet: 'tablet', Mobile: 'mobile' },
};

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** English country names (Plausible's `visit:country_name`) → ISO 3166-1 alpha-2 codes. */
const countryCodes: Map<string, string> = (() => {
  const out = new Map<string, string>();
  for (const a of letters) {
    for (const b of letters) {
      const code = a + b;
      const name = regionNames.of(code);
      if (name && name !== code && !out.has(name)) out.set(name, code);
    }
  }
  // Names Plausible's location database uses where CLDR's differ.
  out.set('United States of America', 'US');
  return out;
})();

/** A filter value as Plausible writes it → the value Pomelo's counters hold. */
export function toPomeloValue(dimension: string, value: string): string {
  if (dimension === 'visit:country_name') return countryCodes.get(value) ?? value;
  return valueAliases[dimension]?.[value] ?? value;
}

/** A counter value → the name Plausible's clients expect for that dimension. */
export function toPlausibleValue(dimension: string, value: string): string {
  if (dimension === 'visit:country_name') {
    if (!/^[A-Z]{2}$/.test(value)) return value;
    return regionNames.of(value) ?? value;
  }
  const aliases = valueAliases[dimension];
  if (!aliases) return value;
  for (const [plausible, pomelo] of Object.entries(aliases)) if (pomelo === value) return plausible;
  return value;
}

/** Plausible dimensions that counters cannot hold, and why (a 400 naming the dimension). */
export const uncountedDimensions: Record<string, string> = {
  'visit:city': 'Pomelo records no city: the country comes from the browser timezone, never the IP',
  'visit:city_name':
    'Pomelo records no city: the country comes from the browser timezone, never the IP',
  'visit:region':
    'Pomelo records no region: the country comes from the browser timezone, never the IP',
  'visit:region_name':
    'Pomelo records no region: the country comes from the browser timezone, never the IP',
  'visit:browser_version': 'Pomelo keeps browser families only, never versions',
  'visit:os_version': 'Pomelo keeps OS families only, never versions',
  'visit:channel': 'Pomelo groups sources, not acquisition channels; use visit:source',
  'visit:utm_content': 'Pomelo keeps utm_source, utm_medium and utm_campaign only',
  'visit:utm_term': 'Pomelo keeps utm_source, utm_medium and utm_campaign only',
  'event:hostname': 'Pomelo keeps no hostname dimension (a site is its domain)',
  'visit:entry_page_hostname': 'Pomelo keeps no hostname dimension (a site is its domain)',
  'visit:exit_page_hostname': 'Pomelo keeps no hostname dimension (a site is its domain)',
  segment: 'Pomelo has no saved segments: send the filters of the segment in the query instead',
};

/** Filter operators Pomelo refuses, and why. */
export const refusedOperators: Record<string, string> = {
  has_done:
    'behavioral filters need the events of each visit, and Pomelo keeps counters only (no visit is ever stored)',
  has_not_done:
    'behavioral filters need the events of each visit, and Pomelo keeps counters only (no visit is ever stored)',
  matches: 'regular expressions are not run on visitor text; use contains',
  matches_not: 'regular expressions are not run on visitor text; use contains_not',
};

/**
 * A part of the query a compatibility key's answer leaves out (docs/API.md, "Plausible
 * compatibility"): a dimension answered null, a filter not applied, a metric answered null. The
 * parser lists them; execute.ts only applies them and reports them in meta.
 */
export interface Degradation {
  code:
    | 'dimension_not_recorded'
    | 'dimensions_not_combined'
    | 'filter_not_applied'
    | 'metric_not_counted';
  /** The part left out, as named in the request: `dimensions[1]`, `filters[0]`, `metrics[2]`. */
  at: string;
  warning: string;
  /** metric_not_counted: the one metric concerned (the others concern every metric). */
  metric?: string;
}

export const dimensionNotRecorded = (at: string, name: string, why: string): Degradation => ({
  code: 'dimension_not_recorded',
  at,
  warning: `${at} ${name} is null in every row (rows are grouped by the other dimensions only): ${why}.`,
});

export const dimensionsNotCombined = (at: string, name: string, kept: string): Degradation => ({
  code: 'dimensions_not_combined',
  at,
  warning: `${at} ${name} is null in every row (rows are by ${kept} only): Pomelo keeps counters per dimension, so ${kept} by ${name} is not known.`,
});

/** `why`: the refusal a normal key gets for that filter. */
export const filterNotApplied = (at: string, why: string): Degradation => ({
  code: 'filter_not_applied',
  at,
  warning: `${at} is not applied: a count (visitors, visits, pageviews, events, conversions, revenue) is an upper bound of the one asked, as it includes what the filter would have left out; a rate or an average is that of this wider set. Why: ${why}.`,
});

export const metricNotCounted = (at: string, metric: string, why: string): Degradation => ({
  code: 'metric_not_counted',
  at,
  metric,
  warning: `${metric} is null: ${why}.`,
});
