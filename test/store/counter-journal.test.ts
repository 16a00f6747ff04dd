// SQLite's counter journal (server/store/counter-journal.ts) on real files: acknowledged writes are
// durable before they reach the counters, every read sees them, a store that never closed (a
// crash) leaves them for the next open, two stores writing one file never lose or double a row,
// and a row the counters would refuse is refused before anything is written.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, expect, test } from 'vitest';
import type { CounterWrite, DailyRow } from '../../server/counters/types.js';
import { zeroMetrics } from '../../server/counters/types.js';
import { InvalidCounterRow } from '../../server/store/counter-journal.js';
import { openSqliteStore, sqliteFile } from '../../server/store/sqlite.js';
import type { Store } from '../../server/store/types.js';
import { journaledDaily } from '../support/journal.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

async function freshFile(): Promise<{ file: string; siteId: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pomelo-journal-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = sqliteFile(dir);
  const store = openSqliteStore(file);
  await store.migrate();
  const site = await store.addSite({ domain: 'a.test', timezone: 'UTC' }, new Date());
  await store.close();
  return { file, siteId: site.id };
}

function open(file: string): Store {
  const store = openSqliteStore(file);
  cleanups.push(() => store.close());
  return store;
}

const row = (siteId: number, value: string, pageviews: number): DailyRow => ({
  ...zeroMetrics(),
  siteId,
  day: '2026-12-01',
  dimension: 'page',
  value,
  pageviews,
  visits: pageviews > 1 ? 1 : 0,
});

function randomWrite(r: () => number, siteId: number): CounterWrite {
  const daily: DailyRow[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < 1 + Math.floor(r() * 20); i++) {
    const value = `/p${Math.floor(r() * 50)}`;
    if (seen.has(value)) continue;
    seen.add(value);
    daily.push(row(siteId, value, 1 + Math.floor(r() * 5)));
  }
  daily.sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  return { daily, hourly: [{ ...zeroMetrics(), siteId, hour: '2026-12-01T10', pageviews: 1 }] };
}

/** value → pageviews in the counter table alone, read from another connection. */
function countersOnly(file: string): Map<string, number> {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db
      .prepare(`SELECT value, pageviews FROM daily_counters WHERE dimension = 'page'`)
      .all() as { value: string; pageviews: number }[];
    return new Map(rows.map((r) => [r.value, r.pageviews]));
  } finally {
    db.close();
  }
}

function journalRows(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return journaledDaily(db).length;
  } finally {
    db.close();
  }
}

function expected(writes: CounterWrite[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const w of writes) {
    for (const r of w.daily) out.set(r.value, (out.get(r.value) ?? 0) + r.pageviews);
  }
  return out;
}

const sorted = (m: Map<string, number>) => [...m].sort((a, b) => (a[0] < b[0] ? -1 : 1));

test('a write is in the journal when acknowledged; this store reads it at once, others after a flush', async () => {
  const { file, siteId } = await freshFile();
  const store = open(file);
  await store.applyCounterDeltas({ daily: [row(siteId, '/a', 3)], hourly: [] });
  // Durable (the journal's row committed), not in the counters yet.
  expect(journalRows(file)).toBe(1);
  expect(countersOnly(file).size).toBe(0);
  // Any read of this store merges first.
  const rows = await store.dailyRows(siteId);
  expect(rows.map((r) => [r.value, r.pageviews])).toEqual([['/a', 3]]);
  expect(journalRows(file)).toBe(0);
  expect(sorted(countersOnly(file))).toEqual([['/a', 3]]);

  await store.applyCounterDeltas({ daily: [row(siteId, '/a', 2)], hourly: [] });
  await store.flushCounters();
  expect(sorted(countersOnly(file))).toEqual([['/a', 5]]);
});

test('a store that never closed (a crash) leaves its journal to the next open, which merges it exactly', async () => {
  const { file, siteId } = await freshFile();
  const r = prng(11);
  const crashed = openSqliteStore(file);
  const writes = Array.from({ length: 40 }, () => randomWrite(r, siteId));
  for (const w of writes) await crashed.applyCounterDeltas(w);
  expect(journalRows(file)).toBeGreaterThan(0);
  // `crashed` is abandoned without close(): its memory is gone, its journal rows are not.
  const next = open(file);
  expect(journalRows(file)).toBe(0);
  const read = new Map((await next.dailyRows(siteId)).map((x) => [x.value, x.pageviews]));
  expect(sorted(read)).toEqual(sorted(expected(writes)));
  const hourly = await next.hourlyRows(siteId);
  expect(hourly.map((h) => h.pageviews)).toEqual([writes.length]);
});

test('two stores writing one file: whichever merges, no row is lost or counted twice', async () => {
  const { file, siteId } = await freshFile();
  const r = prng(5);
  const a = open(file);
  const b = open(file);
  const writes: CounterWrite[] = [];
  for (let i = 0; i < 300; i++) {
    const w = randomWrite(r, siteId);
    writes.push(w);
    const pick = r();
    await (pick < 0.5 ? a : b).applyCounterDeltas(w);
    // Now and then a read or a flush on either side merges (its own rows, or the whole table
    // when the other store merged some of its rows first).
    const act = r();
    if (act < 0.05) await a.dailyRows(siteId);
    else if (act < 0.1) await b.flushCounters();
    else if (act < 0.12) await open(file).close(); // an open merges every row of the table
  }
  // Each store's own read must now see every row, whoever wrote it.
  await a.flushCounters();
  await b.flushCounters();
  const want = sorted(expected(writes));
  expect(sorted(new Map((await a.dailyRows(siteId)).map((x) => [x.value, x.pageviews])))).toEqual(
    want,
  );
  expect(sorted(countersOnly(file))).toEqual(want);
  expect(journalRows(file)).toBe(0);
});

test('a row the counters would refuse is refused before anything is written', async () => {
  const { file, siteId } = await freshFile();
  const store = open(file);
  const bad = [
    row(siteId, '/ok', 1),
    { ...row(siteId, '/x', 1), value: null as unknown as string },
  ];
  await expect(store.applyCounterDeltas({ daily: bad, hourly: [] })).rejects.toBeInstanceOf(
    InvalidCounterRow,
  );
  const nan = [{ ...row(siteId, '/y', 1), pageviews: Number.NaN }];
  await expect(store.applyCounterDeltas({ daily: nan, hourly: [] })).rejects.toBeInstanceOf(
    InvalidCounterRow,
  );
  expect(journalRows(file)).toBe(0);
  await store.applyCounterDeltas({ daily: [row(siteId, '/ok', 2)], hourly: [] });
  expect((await store.dailyRows(siteId)).map((x) => [x.value, x.pageviews])).toEqual([['/ok', 2]]);
});

test('memory is bounded: past maxPendingKeys or maxPendingBytes the journal merges at once', async () => {
  const { file, siteId } = await freshFile();
  const byKeys = openSqliteStore(file, {
    journal: { maxPendingKeys: 10, mergeEveryMs: 3_600_000 },
  });
  cleanups.push(() => byKeys.close());
  const values = (n: number, long = '') =>
    Array.from({ length: n }, (_, i) => row(siteId, `/k${i}${long}`, 1));
  await byKeys.applyCounterDeltas({ daily: values(9), hourly: [] });
  expect(countersOnly(file).size).toBe(0); // 9 rows + 0 hourly: under the bound, still journaled
  await byKeys.applyCounterDeltas({
    daily: values(1).map((r) => ({ ...r, value: '/z' })),
    hourly: [],
  });
  expect(countersOnly(file).size).toBe(10);
  expect(journalRows(file)).toBe(0);
  await byKeys.close();

  const byBytes = openSqliteStore(file, {
    journal: { maxPendingBytes: 48 * 1024, mergeEveryMs: 3_600_000 },
  });
  cleanups.push(() => byBytes.close());
  // Values of 4,000 characters: ~16 KB each as estimated (3 under 48 KiB, 4 over it).
  const long = 'x'.repeat(4_000);
  for (let i = 0; i < 3; i++) {
    await byBytes.applyCounterDeltas({ daily: [row(siteId, `/b${i}${long}`, 1)], hourly: [] });
  }
  expect(journalRows(file)).toBe(3);
  await byBytes.applyCounterDeltas({ daily: [row(siteId, `/b3${long}`, 1)], hourly: [] });
  expect(journalRows(file)).toBe(0);
  expect(countersOnly(file).size).toBe(14);
});

test('a read-only open (migrate-data, backups) first merges a journal left in a writable file', async () => {
  const { file, siteId } = await freshFile();
  const crashed = openSqliteStore(file);
  await crashed.applyCounterDeltas({ daily: [row(siteId, '/left', 4)], hourly: [] });
  expect(journalRows(file)).toBe(1);
  // `crashed` never closes (killed): a read-only store still reads its acknowledged write.
  const reader = openSqliteStore(file, { readonly: true });
  cleanups.push(() => reader.close());
  expect((await reader.dailyRows(siteId)).map((x) => [x.value, x.pageviews])).toEqual([
    ['/left', 4],
  ]);
  expect(journalRows(file)).toBe(0);
});
