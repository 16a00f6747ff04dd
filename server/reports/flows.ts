// Page flows without identifiers (docs/METRICS.md "Page flows"): the daily `flow` counters hold
// (previous page → page) pairs; a page's "came from" and "went to", and an approximate funnel made
// of one-step transitions. Nothing here follows a visitor: there is nothing to follow.
import { FLOW_SEPARATOR, flowValue } from '../counters/deltas.js';
import { OTHER } from '../counters/types.js';
import type { ValueFilter, ValueTotals } from '../store/reports.js';
import type { Store } from '../store/types.js';
import type { Span } from './date-range.js';
import { ReportInputError } from './errors.js';
import { percentage } from './metrics.js';
import { hideSmallCounts, protectCount } from './small-counts.js';

/** The outside world on the "came from" side: visits that entered on the page. */
export const ENTRANCE = '(entrance)';
/** The outside world on the "went to" side: pageviews of the page that were a visit's last. */
export const EXIT = '(exit)';

export interface FlowsQuery {
  siteId: number;
  span: Pick<Span, 'fromDay' | 'toDay'>;
  page: string;
  limit: number;
  /** Small-count protection of the principal (small-counts.ts). */
  k?: number;
}

export interface FlowRow {
  page: string;
  pageviews: number;
  /** Share of the page's pageviews, whole percent with one decimal. */
  percentage: number;
  /** The row summing the pages hidden by small-count protection. */
  hidden?: true;
}

/** Counts below k are null for a principal with small-count protection. */
type Count = number | null;

export interface FlowSide {
  results: FlowRow[];
  /** Pairs with other pages than those listed (beyond `limit`). */
  other_pages: Count;
  /** Pageviews of the page this side cannot place (see docs/METRICS.md). */
  unattributed: Count;
}

export interface FlowsResult {
  page: string;
  pageviews: Count;
  came_from: FlowSide & { entrances: Count };
  went_to: FlowSide & { exits: Count };
  /** Pairs of the whole site in the range counted under "(other)" by the cardinality cap. */
  folded_by_cap: number;
}

/** A page path as the reports take it: what normalisePath can produce ('/' first, no control). */
export function checkPagePath(param: string, value: string | undefined): string {
  if (value === undefined || value === '') {
    throw new ReportInputError(param, `${param} is required: a page path such as /pricing`);
  }
  // eslint-disable-next-line no-control-regex
  if (!value.startsWith('/') || value.length > 300 || /[\u0000-\u001f\u007f]/.test(value)) {
    throw new ReportInputError(
      param,
      `${param} must be a page path starting with '/' (≤ 300 chars)`,
    );
  }
  return value;
}

async function pageTotals(
  store: Store,
  q: { siteId: number; span: FlowsQuery['span'] },
  dimension: 'page' | 'entry' | 'exit',
  pages: string[],
) {
  const filters: ValueFilter[] = [{ op: 'is', values: pages }];
  const { rows } = await store.reports.topValues({
    siteId: q.siteId,
    fromDay: q.span.fromDay,
    toDay: q.span.toDay,
    dimension,
    filters,
    orderBy: 'value',
    direction: 'asc',
    limit: pages.length,
    offset: 0,
  });
  return new Map(rows.map((r) => [r.value, r]));
}

async function side(
  store: Store,
  q: FlowsQuery,
  where: { prefix: string } | { suffix: string },
  pageOf: (value: string) => string,
  base: number,
): Promise<{ rows: FlowRow[]; sum: number; shown: number }> {
  const slice = {
    siteId: q.siteId,
    fromDay: q.span.fromDay,
    toDay: q.span.toDay,
    dimension: 'flow' as const,
    ...where,
  };
  const [top, all] = await Promise.all([
    store.reports.topValues({
      ...slice,
      orderBy: 'pageviews',
      direction: 'desc',
      limit: q.limit,
      offset: 0,
    }),
    store.reports.rangeTotals(slice),
  ]);
  const named: ValueTotals[] = top.rows.map((r) => ({ ...r, value: pageOf(r.value) }));
  const rows = hideSmallCounts(named, q.k, (r) => r.pageviews).map((r) => ({
    page: r.value,
    pageviews: r.pageviews,
    percentage: percentage(r.pageviews, base),
    ...('hidden' in r ? { hidden: true as const } : {}),
  }));
  const shown = top.rows.reduce((a, r) => a + r.pageviews, 0);
  return { rows, sum: all.pageviews, shown };
}

/** "Came from" and "went to" of one page over a range of days. */
export async function pageFlows(store: Store, q: FlowsQuery): Promise<FlowsResult> {
  const page = q.page;
  const [views, entries, exits, folded] = await Promise.all([
    pageTotals(store, q, 'page', [page]),
    pageTotals(store, q, 'entry', [page]),
    pageTotals(store, q, 'exit', [page]),
    store.reports.rangeTotals({
      siteId: q.siteId,
      fromDay: q.span.fromDay,
      toDay: q.span.toDay,
      dimension: 'flow',
      filters: [{ op: 'is', values: [OTHER] }],
    }),
  ]);
  const pageviews = views.get(page)?.pageviews ?? 0;
  const entrances = entries.get(page)?.visits ?? 0;
  const exitCount = Math.max(0, exits.get(page)?.exits ?? 0);
  const cut = (v: string, fromEnd: boolean) => {
    const i = fromEnd ? v.lastIndexOf(FLOW_SEPARATOR) : v.indexOf(FLOW_SEPARATOR);
    return fromEnd ? v.slice(0, i) : v.slice(i + 1);
  };
  const [from, to] = await Promise.all([
    side(store, q, { suffix: `${FLOW_SEPARATOR}${page}` }, (v) => cut(v, true), pageviews),
    side(store, q, { prefix: `${page}${FLOW_SEPARATOR}` }, (v) => cut(v, false), pageviews),
  ]);
  const c = (n: number) => protectCount(n, q.k);
  return {
    page,
    pageviews: c(pageviews),
    came_from: {
      results: from.rows,
      entrances: c(entrances),
      other_pages: c(from.sum - from.shown),
      unattributed: c(Math.max(0, pageviews - entrances - from.sum)),
    },
    went_to: {
      results: to.rows,
      exits: c(exitCount),
      other_pages: c(to.sum - to.shown),
      unattributed: c(Math.max(0, pageviews - exitCount - to.sum)),
    },
    folded_by_cap: folded.pageviews,
  };
}

/** Steps of a funnel: `/a,/b,/c` (a comma inside a path is kept unless a '/' follows it). */
export function parseSteps(raw: string | undefined): string[] {
  if (raw === undefined || raw === '') {
    throw new ReportInputError(
      'steps',
      'steps is required: 2 to 8 page paths, e.g. /,/pricing,/signup',
    );
  }
  const steps = raw.split(/,(?=\/)/);
  if (steps.length < 2 || steps.length > 8) {
    throw new ReportInputError('steps', 'steps must list 2 to 8 page paths separated by commas');
  }
  return steps.map((s) => checkPagePath('steps', s));
}

export interface FunnelStep {
  page: string;
  /** Pageviews of the step's page in the range (null: hidden by small-count protection). */
  pageviews: number | null;
  /** Pairs (this page → next step's page); null on the last step or when hidden. */
  to_next: number | null;
  /** to_next ÷ pageviews, 4 decimals; null on the last step, without pageviews, or when hidden. */
  ratio: number | null;
  /** Markov estimate: step 1's pageviews × the ratios of the steps before this one. */
  estimated: number | null;
}

export interface FunnelResult {
  approximate: true;
  note: string;
  steps: FunnelStep[];
  /** The product of the ratios: the estimated share of step 1 that reaches the last step. */
  estimated_completion: number | null;
  folded_by_cap: number;
}

export const funnelNote =
  'Approximate: each ratio is a one-step transition (pairs from this page to the next ÷ pageviews ' +
  'of this page), and the completion is their product, as if every step were independent of the ' +
  'steps before it (a Markov chain). No visitor is followed, so this can over- or under-state how ' +
  'many visitors went through every step; see docs/METRICS.md "Approximate funnel".';

const round = (x: number, decimals: number) => Math.round(x * 10 ** decimals) / 10 ** decimals;

export async function funnel(
  store: Store,
  q: { siteId: number; span: FlowsQuery['span']; steps: string[]; k?: number },
): Promise<FunnelResult> {
  const pairs = q.steps.slice(0, -1).map((s, i) => flowValue(s, q.steps[i + 1]!));
  const [views, flows, folded] = await Promise.all([
    pageTotals(store, q, 'page', [...new Set(q.steps)]),
    store.reports.topValues({
      siteId: q.siteId,
      fromDay: q.span.fromDay,
      toDay: q.span.toDay,
      dimension: 'flow',
      filters: [{ op: 'is', values: [...new Set(pairs)] }],
      orderBy: 'value',
      direction: 'asc',
      limit: pairs.length,
      offset: 0,
    }),
    store.reports.rangeTotals({
      siteId: q.siteId,
      fromDay: q.span.fromDay,
      toDay: q.span.toDay,
      dimension: 'flow',
      filters: [{ op: 'is', values: [OTHER] }],
    }),
  ]);
  const pairCount = new Map(flows.rows.map((r) => [r.value, r.pageviews]));
  const steps: FunnelStep[] = [];
  let estimate: number | null = null;
  let product: number | null = 1;
  q.steps.forEach((page, i) => {
    const pv = protectCount(views.get(page)?.pageviews ?? 0, q.k);
    const last = i === q.steps.length - 1;
    const next = last ? null : protectCount(pairCount.get(pairs[i]!) ?? 0, q.k);
    const ratio = next === null || pv === null || pv === 0 ? null : next / pv;
    if (i === 0) estimate = pv;
    steps.push({
      page,
      pageviews: pv,
      to_next: next,
      ratio: ratio === null ? null : round(ratio, 4),
      estimated: estimate === null ? null : round(estimate, 1),
    });
    if (!last) {
      estimate = estimate === null || ratio === null ? null : estimate * ratio;
      product = product === null || ratio === null ? null : product * ratio;
    }
  });
  return {
    approximate: true,
    note: funnelNote,
    steps,
    estimated_completion: product === null ? null : round(product, 4),
    folded_by_cap: folded.pageviews,
  };
}
