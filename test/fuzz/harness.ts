// Helpers shared by the hostile-input suites (bad input, privacy, fuzzing): raw HTTP posts that
// never throw, counter snapshots and their differences, and the `{error: {code, message}}` check.
import type Database from 'better-sqlite3';
import type { Metrics } from '../../server/counters/types.js';
import { copiedTables } from '../../server/store/table-copy.js';
import type { Store } from '../../server/store/types.js';
import { desktopChrome } from '../support/server.js';

export interface RawResponse {
  status: number;
  /** The parsed JSON body, or the raw text when it is not JSON, or null when empty. */
  body: unknown;
  text: string;
  headers: Headers;
}

/**
 * POSTs a body to `/api/event` exactly as given (a string is sent as-is, bytes as bytes). A
 * `content-type` of `null` sends none. Network errors are returned as status 0, never thrown.
 */
export async function rawPost(
  baseUrl: string,
  body: string | Uint8Array,
  headers: Record<string, string | null> = {},
): Promise<RawResponse> {
  const h = new Headers();
  const all: Record<string, string | null> = {
    'content-type': 'text/plain;charset=UTF-8',
    'user-agent': desktopChrome,
    ...headers,
  };
  for (const [k, v] of Object.entries(all)) if (v !== null) h.set(k, v);
  const res = await fetch(`${baseUrl}/api/event`, {
    method: 'POST',
    headers: h,
    body: typeof body === 'string' ? body : new Blob([new Uint8Array(body)]),
  });
  const text = await res.text();
  let parsed: unknown = null;
  if (text !== '') {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  return { status: res.status, body: parsed, text, headers: res.headers };
}

/** True when the body is exactly `{error: {code: non-empty string, message: non-empty string}}`. */
export function isErrorShape(body: unknown): body is { error: { code: string; message: string } } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const keys = Object.keys(body);
  if (keys.length !== 1 || keys[0] !== 'error') return false;
  const err = (body as { error: unknown }).error;
  if (typeof err !== 'object' || err === null) return false;
  const { code, message } = err as { code?: unknown; message?: unknown };
  return (
    typeof code === 'string' && code !== '' && typeof message === 'string' && message.trim() !== ''
  );
}

export interface CounterMetrics {
  pageviews: number;
  visits: number;
  bounces: number;
  exits: number;
  engaged_ms: number;
  engagements: number;
  scroll_sum: number;
  events: number;
}

export const metricColumns = [
  'pageviews',
  'visits',
  'bounces',
  'exits',
  'engaged_ms',
  'engagements',
  'scroll_sum',
  'events',
] as const satisfies readonly (keyof CounterMetrics)[];

export const zeroMetrics = (): CounterMetrics => ({
  pageviews: 0,
  visits: 0,
  bounces: 0,
  exits: 0,
  engaged_ms: 0,
  engagements: 0,
  scroll_sum: 0,
  events: 0,
});

/** Every counter row, keyed `daily|site|day|dimension|value` and `hourly|site|hour`. */
export type CounterSnapshot = Record<string, CounterMetrics>;

const cols = metricColumns.join(', ');

function metricsOf(row: Record<string, unknown>): CounterMetrics {
  const m = zeroMetrics();
  for (const c of metricColumns) m[c] = Number(row[c]);
  return m;
}

/**
 * Reads counter rows into a snapshot: all of them, or only those of one site (and one day / hour).
 * `db` is a read-only connection on the server's SQLite file (WAL: it sees every commit).
 */
export function snapshotCounters(
  db: Database.Database,
  where: { siteId?: number; day?: string; hour?: string } = {},
): CounterSnapshot {
  const out: CounterSnapshot = {};
  const daily =
    where.siteId === undefined
      ? db.prepare(`SELECT site_id, day, dimension, value, ${cols} FROM daily_counters`).all()
      : where.day === undefined
        ? db
            .prepare(
              `SELECT site_id, day, dimension, value, ${cols} FROM daily_counters WHERE site_id = ?`,
            )
            .all(where.siteId)
        : db
            .prepare(
              `SELECT site_id, day, dimension, value, ${cols} FROM daily_counters WHERE site_id = ? AND day = ?`,
            )
            .all(where.siteId, where.day);
  for (const r of daily as Record<string, unknown>[]) {
    out[`daily|${r.site_id}|${r.day}|${r.dimension}|${r.value}`] = metricsOf(r);
  }
  const hourly =
    where.siteId === undefined
      ? db.prepare(`SELECT site_id, hour, ${cols} FROM hourly_counters`).all()
      : where.hour === undefined
        ? db
            .prepare(`SELECT site_id, hour, ${cols} FROM hourly_counters WHERE site_id = ?`)
            .all(where.siteId)
        : db
            .prepare(
              `SELECT site_id, hour, ${cols} FROM hourly_counters WHERE site_id = ? AND hour = ?`,
            )
            .all(where.siteId, where.hour);
  for (const r of hourly as Record<string, unknown>[]) {
    out[`hourly|${r.site_id}|${r.hour}`] = metricsOf(r);
  }
  return out;
}

function metricsOfStore(row: Metrics): CounterMetrics {
  return {
    pageviews: Number(row.pageviews),
    visits: Number(row.visits),
    bounces: Number(row.bounces),
    exits: Number(row.exits),
    engaged_ms: Number(row.engagedMs),
    engagements: Number(row.engagements),
    scroll_sum: Number(row.scrollSum),
    events: Number(row.events),
  };
}

/**
 * The same snapshot as snapshotCounters() (same keys, same metrics), read through the server's
 * store, so it works on SQLite and PostgreSQL: the daily and hourly rows of every site.
 */
export async function snapshotStore(store: Store): Promise<CounterSnapshot> {
  const out: CounterSnapshot = {};
  for (const site of await store.listSites()) {
    for (const r of await store.dailyRows(site.id)) {
      out[`daily|${r.siteId}|${r.day}|${r.dimension}|${r.value}`] = metricsOfStore(r);
    }
    for (const r of await store.hourlyRows(site.id)) {
      out[`hourly|${r.siteId}|${r.hour}`] = metricsOfStore(r);
    }
  }
  return out;
}

/** Text values of one stored value: strings as they are, bytes as latin1, objects as JSON. */
function textOf(v: unknown, into: string[]): void {
  if (typeof v === 'string') into.push(v);
  else if (Buffer.isBuffer(v)) into.push(v.toString('latin1'));
  else if (v instanceof Uint8Array) into.push(Buffer.from(v).toString('latin1'));
  else if (typeof v === 'object' && v !== null) into.push(JSON.stringify(v));
}

/**
 * Every text value the store holds, on either backend: every site field, every counter key
 * (day, dimension, value; hour) of every site, and every column of every account table.
 */
export async function storeTextValues(
  store: Store,
): Promise<{ table: string; rows: number; values: string[] }[]> {
  const sites = await store.listSites();
  const siteValues: string[] = [];
  const daily = { table: 'daily_counters', rows: 0, values: [] as string[] };
  const hourly = { table: 'hourly_counters', rows: 0, values: [] as string[] };
  // Realtime's minute counters (PostgreSQL; empty on SQLite): summed per minute and per page.
  const minutes = { table: 'minute_counters', rows: 0, values: [] as string[] };
  for (const site of sites) {
    for (const r of await store.minutes.totals(site.id, 0, 2 ** 31 - 1)) {
      minutes.rows++;
      minutes.values.push(r.kind, r.value);
    }
    for (const r of await store.minutes.topPages(site.id, 0, 2 ** 31 - 1, 1_000_000)) {
      minutes.rows++;
      minutes.values.push(r.page);
    }
    for (const v of Object.values(site)) textOf(v, siteValues);
    for (const r of await store.dailyRows(site.id)) {
      daily.rows++;
      daily.values.push(r.day, r.dimension, r.value);
    }
    for (const r of await store.hourlyRows(site.id)) {
      hourly.rows++;
      hourly.values.push(r.hour);
    }
  }
  const out = [{ table: 'sites', rows: sites.length, values: siteValues }, daily, hourly, minutes];
  for (const table of copiedTables) {
    const t = { table, rows: 0, values: [] as string[] };
    for await (const chunk of store.tables.scan(table, 500)) {
      for (const row of chunk) {
        t.rows++;
        for (const v of Object.values(row)) textOf(v, t.values);
      }
    }
    out.push(t);
  }
  return out;
}

/** after − before, per key, keeping only keys whose metrics changed (zero metrics are dropped). */
export function diffSnapshots(before: CounterSnapshot, after: CounterSnapshot): CounterSnapshot {
  const out: CounterSnapshot = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const a = before[key] ?? zeroMetrics();
    const b = after[key] ?? zeroMetrics();
    const d = zeroMetrics();
    let changed = false;
    for (const c of metricColumns) {
      d[c] = b[c] - a[c];
      if (d[c] !== 0) changed = true;
    }
    if (changed) out[key] = d;
  }
  return out;
}

/** Every text value of every table (sqlite_master included), for scans. */
export function allTextValues(
  db: Database.Database,
): { table: string; rows: number; values: string[] }[] {
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as {
    name: string;
  }[];
  const out: { table: string; rows: number; values: string[] }[] = [];
  for (const t of [{ name: 'sqlite_master' }, ...tables]) {
    const rows = db.prepare(`SELECT * FROM "${t.name.replace(/"/g, '""')}"`).all() as Record<
      string,
      unknown
    >[];
    const values: string[] = [];
    for (const row of rows) {
      for (const v of Object.values(row)) {
        if (typeof v === 'string') values.push(v);
        else if (Buffer.isBuffer(v)) values.push(v.toString('latin1'));
      }
    }
    out.push({ table: t.name, rows: rows.length, values });
  }
  return out;
}
