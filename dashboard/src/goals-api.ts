// Typed client for issue 13's routes: goals (definitions, report, CSV), the report narrowed to a
// goal, page flows, the approximate funnel, not-found paths and annotations (docs/API.md).
import {
  call,
  download,
  query,
  type Access,
  type BreakdownRow,
  type RangeQuery,
  type SiteReport,
} from './api.js';

const site = (domain: string) => `/api/sites/${encodeURIComponent(domain)}`;

export type GoalKind = 'page' | 'event' | 'revenue';

export interface Goal {
  name: string;
  kind: GoalKind;
  page: string | null;
  event: string | null;
  prop: { key: string; value: string } | null;
  currency: string | null;
  createdAt: string;
}

/** A new goal as the API takes it: `{name?, page}` or `{name?, event, prop?, currency?}`. */
export type GoalBody =
  | { name?: string; page: string }
  | { name?: string; event: string; prop?: { key: string; value: string }; currency?: string };

export interface Revenue {
  currency: string;
  /** Currency units (exact to the thousandth). */
  total: number;
  average: number | null;
  conversions: number;
}

export interface GoalRow {
  name: string;
  kind: GoalKind;
  conversions: number;
  conversion_rate: number;
  revenue: Revenue | null;
}

export interface GoalsReport {
  site: string;
  range: { from: string; to: string };
  visits: number;
  goals: GoalRow[];
  folded: { pageviews: number; events: number; props: number };
}

export interface GoalSeriesPoint {
  date: string;
  visits: number;
  conversions: number;
  conversion_rate: number;
  revenue: Revenue | null;
}

export interface Annotation {
  id: number;
  day: string;
  text: string;
  scope: 'site' | 'org';
}

/** The site report with `goal=`: the goal's totals and, per chart bucket, its conversions. */
export interface GoalReport extends SiteReport {
  annotations?: Annotation[];
  goal: {
    name: string;
    kind: GoalKind;
    visits: number;
    conversions: number;
    conversion_rate: number;
    revenue: Revenue | null;
    /** null for hourly charts: goals are counted per day. */
    series: GoalSeriesPoint[] | null;
  };
}

export interface FlowRow {
  /** The row summing pages hidden by small-count protection. */
  hidden?: true;
  page: string;
  /** null when small-count protection hides a count from 1 to k − 1. */
  pageviews: number | null;
  percentage: number | null;
}

export interface Flows {
  page: string;
  pageviews: number | null;
  came_from: {
    results: FlowRow[];
    entrances: number | null;
    other_pages: number | null;
    unattributed: number | null;
  };
  went_to: {
    results: FlowRow[];
    exits: number | null;
    other_pages: number | null;
    unattributed: number | null;
  };
  folded_by_cap: number;
}

export interface FunnelStep {
  page: string;
  pageviews: number | null;
  to_next: number | null;
  ratio: number | null;
  estimated: number | null;
}

export interface Funnel {
  approximate: true;
  note: string;
  steps: FunnelStep[];
  estimated_completion: number | null;
  folded_by_cap: number;
}

export interface NotFound {
  /** `{value, events, percentage}`, and `hidden: true` on the small-count row. */
  results: BreakdownRow[];
  total_rows: number;
  total: number;
}

export interface StoredAnnotation {
  id: number;
  orgId: number;
  siteId: number | null;
  day: string;
  text: string;
  createdAt: string;
}

export const goalsApi = {
  goals: async (domain: string, access?: Access) =>
    (await call<{ goals: Goal[] }>('GET', `${site(domain)}/goals`, undefined, access)).goals,
  addGoal: (domain: string, body: GoalBody) =>
    call<{ goal: Goal }>('POST', `${site(domain)}/goals`, body),
  removeGoal: (domain: string, name: string) =>
    call<void>('DELETE', `${site(domain)}/goals/${encodeURIComponent(name)}`),
  goalsReport: (domain: string, range: RangeQuery, access?: Access) =>
    call<GoalsReport>(
      'GET',
      `${site(domain)}/goals/report?${query({ ...range })}`,
      undefined,
      access,
    ),
  exportGoals: (domain: string, range: RangeQuery, access?: Access) =>
    download(`${site(domain)}/export/goals.csv?${query({ ...range })}`, access),
  goalReport: (domain: string, range: RangeQuery, goal: string, access?: Access) =>
    call<GoalReport>(
      'GET',
      `${site(domain)}/report?${query({ ...range, goal })}`,
      undefined,
      access,
    ),
  flows: (domain: string, range: RangeQuery, page: string, access?: Access) =>
    call<Flows>('GET', `${site(domain)}/flows?${query({ ...range, page })}`, undefined, access),
  funnel: (domain: string, range: RangeQuery, steps: string[], access?: Access) =>
    call<Funnel>(
      'GET',
      `${site(domain)}/funnel?${query({ ...range, steps: steps.join(',') })}`,
      undefined,
      access,
    ),
  notFound: (domain: string, range: RangeQuery, access?: Access) =>
    call<NotFound>(
      'GET',
      `${site(domain)}/not-found?${query({ ...range, limit: '20' })}`,
      undefined,
      access,
    ),
  annotations: async (domain: string, range: RangeQuery, access?: Access) =>
    (
      await call<{ annotations: Annotation[] }>(
        'GET',
        `${site(domain)}/annotations?${query({ ...range })}`,
        undefined,
        access,
      )
    ).annotations,
  addAnnotation: (domain: string, body: { day: string; text: string }) =>
    call<{ annotation: StoredAnnotation }>('POST', `${site(domain)}/annotations`, body),
  removeAnnotation: (domain: string, id: number) =>
    call<void>('DELETE', `${site(domain)}/annotations/${id}`),
  addOrgAnnotation: (orgId: number, body: { day: string; text: string }) =>
    call<{ annotation: StoredAnnotation }>('POST', `/api/orgs/${orgId}/annotations`, body),
  removeOrgAnnotation: (orgId: number, id: number) =>
    call<void>('DELETE', `/api/orgs/${orgId}/annotations/${id}`),
};
