// Minute counters: realtime (realtime.ts) and the install check's recent outcomes (outcomes.ts) as
// rows of the table minute_counters, so that every PostgreSQL node reads what every node committed.
// A row is (site, minute, kind, value) → count; no visitor data: a path, an outcome, a number.
//
//   kind 'pageviews' / 'visits' (value ''), 'page' (value: the path), 'outcome' (value: 'counted',
//   'bot' or a NotCountedReason).
//
// Pure: the batch of a commit, the node's page cap, the snapshot assembled from the rows read.
import { OTHER } from '../counters/types.js';
import type { NotCountedReason, Outcome, RecentOutcomes } from './outcomes.js';
import {
  pageBytes,
  realtimeMinutes,
  type RealtimeEvent,
  type RealtimeSnapshot,
} from './realtime.js';

export type MinuteKind = 'visits' | 'pageviews' | 'page' | 'outcome';

export interface MinuteRow {
  siteId: number;
  /** Minutes since the Unix epoch (UTC). */
  minute: number;
  kind: MinuteKind;
  value: string;
  count: number;
}

/** Rows older than this many minutes are deleted (the window is 30; one spare for clock skew). */
export const keepMinutes = 31;

export const minuteOf = (nowMs: number) => Math.floor(nowMs / 60_000);

/** Rows with a minute below this are past keeping at `nowMs` (deleted by the prune job). */
export const pruneBefore = (nowMs: number) => minuteOf(nowMs) - keepMinutes;

/** The minutes a snapshot at `nowMs` reads: the current one and the 29 before it. */
export function windowOf(nowMs: number): { from: number; to: number } {
  const to = minuteOf(nowMs);
  return { from: to - realtimeMinutes + 1, to };
}

function cmp(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Key order: every writer locks rows in it, so concurrent nodes never deadlock. */
export function compareMinuteRows(a: MinuteRow, b: MinuteRow): number {
  return (
    cmp(a.siteId, b.siteId) ||
    cmp(a.minute, b.minute) ||
    cmp(a.kind, b.kind) ||
    cmp(a.value, b.value)
  );
}

export interface PageCapOptions {
  /** Distinct pages per site and minute (this node); the rest count as "(other)". */
  maxPagesPerSlot?: number;
  /** Sites whose current minute is held; the least recently fed is dropped. */
  maxSites?: number;
  /** Estimated bytes of every page held; past it new pages count as "(other)". */
  maxBytes?: number;
}

interface PageSlot {
  minute: number;
  pages: Set<string>;
  bytes: number;
}

/**
 * The pages a node has written for each site's current minute, to cap them like the in-memory
 * realtime (`maxPagesPerSlot`, the rest "(other)"). Per node: with N nodes a site-minute holds at
 * most N × maxPagesPerSlot page rows. Only the current minute of each site is held.
 */
export class PageCap {
  private readonly sites = new Map<number, PageSlot>();
  private readonly maxPages: number;
  private readonly maxSites: number;
  private readonly maxBytes: number;
  private bytes = 0;

  constructor(options: PageCapOptions = {}) {
    this.maxPages = options.maxPagesPerSlot ?? 1_000;
    this.maxSites = options.maxSites ?? 10_000;
    this.maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
  }

  get heldBytes(): number {
    return this.bytes;
  }

  /** The value to count `page` under: itself, or "(other)" past the cap. */
  admit(siteId: number, minute: number, page: string): string {
    let slot = this.sites.get(siteId);
    if (slot)
      this.sites.delete(siteId); // re-inserted: the map's order is recency
    else if (this.sites.size >= this.maxSites) this.drop(this.sites.keys().next().value!);
    if (!slot || slot.minute !== minute) {
      if (slot) this.bytes -= slot.bytes;
      slot = { minute, pages: new Set(), bytes: 0 };
    }
    this.sites.set(siteId, slot);
    if (slot.pages.has(page)) return page;
    const b = pageBytes(page);
    if (slot.pages.size >= this.maxPages) return OTHER;
    for (const id of this.sites.keys()) {
      if (this.bytes + b <= this.maxBytes) break;
      if (id !== siteId) this.drop(id);
    }
    if (this.bytes + b > this.maxBytes) return OTHER;
    slot.pages.add(page);
    slot.bytes += b;
    this.bytes += b;
    return page;
  }

  private drop(siteId: number): void {
    this.bytes -= this.sites.get(siteId)?.bytes ?? 0;
    this.sites.delete(siteId);
  }
}

/** Minute rows merged in memory: identical keys are summed, so a commit writes each key once. */
export class MinuteBatch {
  private readonly rows = new Map<string, MinuteRow>();

  get size(): number {
    return this.rows.size;
  }

  has(siteId: number, minute: number, kind: MinuteKind, value: string): boolean {
    return this.rows.has(`${siteId}\u0000${minute}\u0000${kind}\u0000${value}`);
  }

  add(siteId: number, minute: number, kind: MinuteKind, value: string, count = 1): void {
    const key = `${siteId}\u0000${minute}\u0000${kind}\u0000${value}`;
    const have = this.rows.get(key);
    if (have) have.count += count;
    else this.rows.set(key, { siteId, minute, kind, value, count });
  }

  /** What an accepted event adds: its outcome, and for a pageview the visit, pageview and page. */
  addEvent(e: RealtimeEvent, nowMs: number, cap: PageCap): void {
    const minute = minuteOf(nowMs);
    this.add(e.siteId, minute, 'outcome', e.kind === 'bot' ? 'bot' : 'counted');
    if (e.kind !== 'pageview') return;
    this.add(e.siteId, minute, 'pageviews', '');
    if (e.entry) this.add(e.siteId, minute, 'visits', '');
    this.add(e.siteId, minute, 'page', cap.admit(e.siteId, minute, e.path));
  }

  addRows(rows: Iterable<MinuteRow>): void {
    for (const r of rows) this.add(r.siteId, r.minute, r.kind, r.value, r.count);
  }

  /** The rows in key order. */
  toRows(): MinuteRow[] {
    return [...this.rows.values()].sort(compareMinuteRows);
  }
}

/**
 * Events refused before the writer (unknown site, domain mismatch, excluded path...), waiting for
 * the next commit or the flush timer. Bounded: past `maxKeys` distinct (site, minute, reason) keys a
 * refusal is dropped (counted in `dropped`).
 */
export class RefusalBuffer {
  private batch = new MinuteBatch();
  dropped = 0;

  constructor(private readonly maxKeys = 10_000) {}

  get size(): number {
    return this.batch.size;
  }

  add(siteId: number, reason: NotCountedReason, nowMs: number, count = 1): void {
    const minute = minuteOf(nowMs);
    // Once full, only a key already held may still grow.
    if (this.batch.size >= this.maxKeys && !this.batch.has(siteId, minute, 'outcome', reason)) {
      this.dropped += count;
      return;
    }
    this.batch.add(siteId, minute, 'outcome', reason, count);
  }

  /** Rows taken for a commit that failed, held again (within the same bound). */
  restore(rows: MinuteRow[]): void {
    for (const r of rows)
      this.add(r.siteId, r.value as NotCountedReason, r.minute * 60_000, r.count);
  }

  /** Empties the buffer and returns what it held, in key order. */
  take(): MinuteRow[] {
    const rows = this.batch.toRows();
    this.batch = new MinuteBatch();
    return rows;
  }
}

/** Per-minute totals of one site as read: kind 'visits' / 'pageviews' rows and 'outcome' rows. */
export interface MinuteTotals {
  minute: number;
  kind: MinuteKind;
  value: string;
  count: number;
}

/** The realtime answer from the rows of the window (`rows`) and the top pages already summed. */
export function realtimeFromRows(
  rows: MinuteTotals[],
  topPages: { page: string; pageviews: number }[],
  nowMs: number,
): RealtimeSnapshot {
  const { from, to } = windowOf(nowMs);
  const per = new Map<number, { visits: number; pageviews: number }>();
  for (const r of rows) {
    if (r.minute < from || r.minute > to) continue;
    if (r.kind !== 'visits' && r.kind !== 'pageviews') continue;
    const m = per.get(r.minute) ?? { visits: 0, pageviews: 0 };
    m[r.kind] += r.count;
    per.set(r.minute, m);
  }
  const series: RealtimeSnapshot['series'] = [];
  let visits = 0;
  let pageviews = 0;
  for (let m = from; m <= to; m++) {
    const c = per.get(m);
    series.push({
      minute: new Date(m * 60_000).toISOString().slice(0, 16) + 'Z',
      visits: c?.visits ?? 0,
      pageviews: c?.pageviews ?? 0,
    });
    visits += c?.visits ?? 0;
    pageviews += c?.pageviews ?? 0;
  }
  return { minutes: realtimeMinutes, visits, pageviews, series, top_pages: topPages };
}

/** The install check's recent outcomes from the 'outcome' rows of the window. */
export function outcomesFromRows(rows: MinuteTotals[], nowMs: number): RecentOutcomes {
  const { from, to } = windowOf(nowMs);
  const sum = new Map<Outcome, number>();
  for (const r of rows) {
    if (r.kind !== 'outcome' || r.minute < from || r.minute > to) continue;
    const o = r.value as Outcome;
    sum.set(o, (sum.get(o) ?? 0) + r.count);
  }
  const notCounted = [...sum]
    .filter((e): e is [NotCountedReason, number] => e[0] !== 'counted' && e[0] !== 'bot')
    .filter(([, events]) => events > 0)
    .map(([reason, events]) => ({ reason, events }))
    .sort((a, b) => b.events - a.events || (a.reason < b.reason ? -1 : 1));
  return {
    minutes: realtimeMinutes,
    counted: sum.get('counted') ?? 0,
    bots: sum.get('bot') ?? 0,
    not_counted: notCounted,
  };
}
