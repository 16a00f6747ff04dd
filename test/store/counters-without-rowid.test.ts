// Migration 0003 rebuilds the SQLite counter tables WITHOUT ROWID. On a file migrated only up to
// 0002 and holding counters, the real migrate() must keep every row, key, default and sum, and
// ingestion must keep adding onto the rebuilt rows.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { migrationsFolder } from '../../server/store/paths.js';
import { openSqliteStore } from '../../server/store/sqlite.js';
import { freshDataDir } from '../support/server.js';

const rebuild = '0003_counters_without_rowid';
const counterTables = ['daily_counters', 'hourly_counters'] as const;
const sums =
  'count(*) AS n, sum(pageviews) AS pageviews, sum(visits) AS visits, sum(bounces) AS bounces, ' +
  'sum(exits) AS exits, sum(engaged_ms) AS engagedMs, sum(engagements) AS engagements, ' +
  'sum(scroll_sum) AS scrollSum, sum(events) AS events';

let dir: string;
let file: string;

beforeEach(() => {
  dir = freshDataDir('pomelo-without-rowid-');
  file = path.join(dir, 'pomelo.db');
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A copy of the committed SQLite migrations whose journal stops before the rebuild. */
function migrationsBeforeRebuild(): string {
  const folder = path.join(dir, 'migrations');
  fs.cpSync(migrationsFolder('sqlite'), folder, { recursive: true });
  const journalFile = path.join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as {
    entries: { idx: number; tag: string }[];
  };
  const at = journal.entries.findIndex((e) => e.tag === rebuild);
  expect(at, `${rebuild} is in the SQLite journal`).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, at);
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  return folder;
}

/** Deterministic counter rows: 3 sites, 40 days × 6 dimensions × 5 values, 24 × 40 hours. */
function fill(db: Database.Database): void {
  const daily = db.prepare(
    `INSERT INTO daily_counters (site_id, day, dimension, value, pageviews, visits, bounces, exits,
       engaged_ms, engagements, scroll_sum, events) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const hourly = db.prepare(
    `INSERT INTO hourly_counters (site_id, hour, pageviews, visits, bounces, exits, engaged_ms,
       engagements, scroll_sum, events) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const values = ['/', '/pricing?x=ü', 'Ünïcødé ✓', 'x'.repeat(300), '(other)'];
  const dims = ['total', 'page', 'referrer', 'source', 'country', 'browser'];
  let k = 1;
  const metrics = () => {
    k = (k * 48271) % 2147483647;
    // engaged_ms past 2^32: the copy must keep 64-bit integers.
    return [k % 1000, k % 700, k % 300, k % 500, k * 4099, k % 90, k % 10_000, k % 37];
  };
  db.transaction(() => {
    for (let site = 1; site <= 3; site++) {
      for (let d = 0; d < 40; d++) {
        const day = new Date(Date.UTC(2026, 0, 1 + d)).toISOString().slice(0, 10);
        for (const dim of dims) for (const v of values) daily.run(site, day, dim, v, ...metrics());
        for (let h = 0; h < 24; h++)
          hourly.run(site, `${day}T${String(h).padStart(2, '0')}`, ...metrics());
      }
    }
  })();
}

function snapshot(db: Database.Database) {
  return Object.fromEntries(
    counterTables.map((t) => [
      t,
      {
        columns: db.prepare(`PRAGMA table_info(${t})`).all(),
        rows: db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2, 3, 4`).all(),
        sums: db.prepare(`SELECT site_id, ${sums} FROM ${t} GROUP BY site_id`).all(),
      },
    ]),
  );
}

const tableSql = (db: Database.Database, table: string) =>
  (
    db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`).get(table) as
      { sql: string } | undefined
  )?.sql;

test('migrate() rebuilds the counter tables of a 0002 file WITHOUT ROWID, keeping every row', async () => {
  const old = new Database(file);
  migrate(drizzle(old), { migrationsFolder: migrationsBeforeRebuild() });
  for (const t of counterTables) expect(tableSql(old, t)).not.toMatch(/WITHOUT ROWID/i);
  fill(old);
  const before = snapshot(old);
  old.close();
  expect(before.daily_counters!.rows).toHaveLength(3 * 40 * 6 * 5);
  expect(before.hourly_counters!.rows).toHaveLength(3 * 40 * 24);

  const store = openSqliteStore(file);
  const db = new Database(file, { readonly: true });
  try {
    await store.migrate();
    for (const t of counterTables) expect(tableSql(db, t)).toMatch(/\)\s*WITHOUT ROWID$/i);
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name LIKE '%_new'`).all()).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const journal = JSON.parse(
      fs.readFileSync(path.join(migrationsFolder('sqlite'), 'meta', '_journal.json'), 'utf8'),
    ) as { entries: unknown[] };
    expect(db.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get()).toEqual({
      n: journal.entries.length,
    });
    // Same columns, types, NOT NULLs, defaults and key; same rows; same sums per site.
    expect(snapshot(db)).toEqual(before);

    // Ingestion adds onto a rebuilt row (a conflict on the clustered key) and inserts new ones.
    const add = { pageviews: 2, visits: 1, bounces: 0, exits: 1, engagedMs: 5, engagements: 1, scrollSum: 3, events: 0 }; // prettier-ignore
    await store.applyCounterDeltas({
      daily: [
        { siteId: 1, day: '2026-01-01', dimension: 'page', value: '/', ...add },
        { siteId: 1, day: '2026-03-01', dimension: 'page', value: '/', ...add },
      ],
      hourly: [{ siteId: 2, hour: '2026-01-01T00', ...add }],
    });
    await store.flushCounters();
    const daily = (day: string) =>
      db
        .prepare(
          `SELECT pageviews, engaged_ms FROM daily_counters
           WHERE site_id = 1 AND day = ? AND dimension = 'page' AND value = '/'`,
        )
        .all(day);
    const old1 = (before.daily_counters!.rows as Record<string, number | string>[]).find(
      (r) => r.site_id === 1 && r.day === '2026-01-01' && r.dimension === 'page' && r.value === '/',
    )!;
    expect(daily('2026-01-01')).toEqual([
      { pageviews: Number(old1.pageviews) + 2, engaged_ms: Number(old1.engaged_ms) + 5 },
    ]);
    expect(daily('2026-03-01')).toEqual([{ pageviews: 2, engaged_ms: 5 }]);
    const count = (t: string) => db.prepare(`SELECT count(*) AS n FROM ${t}`).get();
    expect(count('daily_counters')).toEqual({ n: before.daily_counters!.rows.length + 1 });
    expect(count('hourly_counters')).toEqual({ n: before.hourly_counters!.rows.length });
  } finally {
    db.close();
    await store.close();
  }
});

test('a new file gets WITHOUT ROWID counter tables, and migrate() twice changes nothing', async () => {
  const store = openSqliteStore(file);
  try {
    await store.migrate();
    await store.migrate();
  } finally {
    await store.close();
  }
  const db = new Database(file, { readonly: true });
  try {
    for (const t of counterTables) expect(tableSql(db, t)).toMatch(/WITHOUT ROWID/i);
    // A WITHOUT ROWID table has no rowid column to select.
    expect(() => db.prepare('SELECT rowid FROM daily_counters').all()).toThrow(/no such column/);
  } finally {
    db.close();
  }
});
