// Query-string parsing for the report routes: every parameter checked, errors name the parameter. Pure.
import { breakdownDimensions, type BreakdownDimension } from './breakdown.js';
import { comparisons, type Comparison } from './compare.js';
import { periods, resolveDateRange, type Period, type ResolvedRange } from './date-range.js';
import { ReportInputError } from './errors.js';
import { defaultInterval, intervals, type Interval } from './timeseries.js';

export type Query = Record<string, string>;

function oneOf<T extends string>(q: Query, name: string, allowed: readonly T[]): T | undefined {
  const v = q[name];
  if (v === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(v)) {
    throw new ReportInputError(name, `${name} must be one of ${allowed.join(', ')}`);
  }
  return v as T;
}

function intParam(q: Query, name: string, fallback: number, min: number, max: number): number {
  const v = q[name];
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < min || n > max) {
    throw new ReportInputError(name, `${name} must be a whole number from ${min} to ${max}`);
  }
  return n;
}

function textParam(q: Query, name: string, maxLength: number): string | undefined {
  const v = q[name];
  if (v === undefined) return undefined;
  if (v.length > maxLength) {
    throw new ReportInputError(name, `${name} must be at most ${maxLength} characters`);
  }
  return v;
}

/** Refuses parameters a route does not know, so a typo is not silently ignored. */
export function onlyParams(q: Query, allowed: readonly string[]): void {
  for (const name of Object.keys(q)) {
    if (!allowed.includes(name)) {
      throw new ReportInputError(
        name,
        `unknown query parameter ${name} (allowed: ${allowed.join(', ')})`,
      );
    }
  }
}

/** `limit` of a list: a whole number from 1 to max. */
export const parseLimit = (q: Query, fallback: number, max: number): number =>
  intParam(q, 'limit', fallback, 1, max);

export const rangeParams = ['period', 'from', 'to'] as const;

export function parseRange(
  q: Query,
  timezone: string,
  nowMs: number,
  firstDay?: string,
): ResolvedRange {
  const period: Period = oneOf(q, 'period', periods) ?? '30d';
  if (period !== 'custom') {
    for (const name of ['from', 'to']) {
      if (q[name] !== undefined) throw new ReportInputError(name, `${name} needs period=custom`);
    }
  }
  return resolveDateRange({ period, timezone, nowMs, from: q.from, to: q.to, firstDay });
}

export const parseCompare = (q: Query): Comparison | undefined => oneOf(q, 'compare', comparisons);

export const parseInterval = (q: Query, range: ResolvedRange): Interval =>
  oneOf(q, 'interval', intervals) ?? defaultInterval(range);

export interface BreakdownParams {
  dimension: BreakdownDimension;
  limit: number;
  page: number;
  search?: string;
  event?: string;
  prop?: string;
}

export function parseBreakdown(dimension: string, q: Query, maxLimit: number): BreakdownParams {
  if (!(breakdownDimensions as readonly string[]).includes(dimension)) {
    throw new ReportInputError(
      'dimension',
      `dimension must be one of ${breakdownDimensions.join(', ')}`,
    );
  }
  const event = textParam(q, 'event', 120);
  const prop = textParam(q, 'prop', 60);
  if (dimension === 'event_prop' && !event) {
    throw new ReportInputError('event', 'event is required for the event_prop breakdown');
  }
  if (dimension !== 'event_prop' && (event !== undefined || prop !== undefined)) {
    throw new ReportInputError(event !== undefined ? 'event' : 'prop', 'only for event_prop');
  }
  return {
    dimension: dimension as BreakdownDimension,
    limit: intParam(q, 'limit', Math.min(10, maxLimit), 1, maxLimit),
    page: intParam(q, 'page', 1, 1, 1_000_000),
    search: textParam(q, 'search', 200) || undefined,
    event,
    prop,
  };
}
