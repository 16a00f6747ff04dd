// GroupCommit over a real SQLite file: a submitter is answered only after its batch committed, a
// batch never holds more than maxBatchEvents, the pending cap refuses at once (OverloadedError) and
// forgets nothing it accepted, and a failed write rejects its whole batch with nothing written.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { journaledPageviews } from '../support/journal.js';
import { afterEach, describe, expect, test } from 'vitest';
import { toDeltas, type ClassifiedEvent } from '../../server/counters/deltas.js';
import { GroupCommit, OverloadedError } from '../../server/counters/group-commit.js';
import type { CounterWrite } from '../../server/counters/types.js';
import { openSqliteStore, sqliteFile } from '../../server/store/sqlite.js';
import type { Store } from '../../server/store/types.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function pageview(siteId: number, path: string): ClassifiedEvent {
  return {
    siteId,
    day: '2026-11-30',
    hour: '2026-11-30T10',
    kind: 'pageview',
    path,
    entry: true,
    source: 'Direct',
    referrer: null,
    utmSource: null,
    utmMedium: null,
    utmCampaign: null,
    country: 'FR',
    browser: 'Chrome',
    os: 'Linux',
    device: 'desktop',
    eventName: 'pageview',
    props: [],
    engagement: null,
  };
}

/** A real SQLite store whose writes are recorded (how many transactions, how many rows each). */
async function recordedStore(busyTimeoutMs = 2000) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pomelo-gc-'));
  const store = openSqliteStore(sqliteFile(dir), { busyTimeoutMs });
  await store.migrate();
  const site = await store.addSite(
    { domain: 'example.test', timezone: 'UTC' },
    new Date('2026-11-30T00:00:00Z'),
  );
  const writes: CounterWrite[] = [];
  const apply = store.applyCounterDeltas.bind(store);
  const recorded: Store = Object.assign(Object.create(store) as Store, {
    applyCounterDeltas: async (w: CounterWrite) => {
      writes.push(w);
      return apply(w);
    },
  });
  cleanups.push(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return { store: recorded, siteId: site.id, file: sqliteFile(dir), writes };
}

/**
 * Pageviews stored in the file, read through another connection (what survives this process): the
 * counters and the journal's rows not merged yet.
 */
function storedPageviews(file: string, siteId: number): number {
  const db = new Database(file, { readonly: true });
  try {
    const row = db
      .prepare(
        "SELECT coalesce(sum(pageviews), 0) AS n FROM daily_counters WHERE site_id = ? AND dimension = 'total'",
      )
      .get(siteId) as { n: number };
    return row.n + journaledPageviews(db, siteId);
  } finally {
    db.close();
  }
}

const options = (over: Partial<ConstructorParameters<typeof GroupCommit>[1]> = {}) => ({
  maxPendingEvents: 10_000,
  maxBatchEvents: 5_000,
  capFor: () => 1_000,
  ...over,
});

describe('GroupCommit', () => {
  test('a submitter is answered only once its event is readable from another connection', async () => {
    const { store, siteId, file } = await recordedStore();
    const gc = new GroupCommit(store, options());
    for (let i = 1; i <= 5; i++) {
      await gc.submit(toDeltas(pageview(siteId, `/p${i}`)));
      expect(storedPageviews(file, siteId)).toBe(i);
    }
    expect(gc.pendingEvents).toBe(0);
  });

  test('concurrent submits share transactions, each batch at most maxBatchEvents', async () => {
    const { store, siteId, file, writes } = await recordedStore();
    const gc = new GroupCommit(store, options({ maxBatchEvents: 50 }));
    const n = 1_000;
    await Promise.all(
      Array.from({ length: n }, (_, i) => gc.submit(toDeltas(pageview(siteId, `/p${i % 7}`)))),
    );
    expect(storedPageviews(file, siteId)).toBe(n);
    const perBatch = writes.map((w) => w.hourly.reduce((sum, h) => sum + h.pageviews, 0));
    expect(perBatch.reduce((a, b) => a + b, 0)).toBe(n);
    expect(Math.max(...perBatch)).toBeLessThanOrEqual(50);
    // 1,000 events submitted in one turn of the loop: 20 full batches, not 1,000 transactions.
    expect(writes.length).toBe(n / 50);
  });

  test('past maxPendingEvents submit refuses at once; every accepted event is written', async () => {
    const { store, siteId, file } = await recordedStore();
    const gc = new GroupCommit(store, options({ maxPendingEvents: 100 }));
    const outcomes: Promise<string>[] = [];
    let refused = 0;
    // 150 events in one turn of the event loop: the writer has not started, so 100 wait.
    for (let i = 0; i < 150; i++) {
      const p = gc.submit(toDeltas(pageview(siteId, `/p${i}`)));
      outcomes.push(
        p.then(
          () => 'ok',
          (e: unknown) => {
            if (e instanceof OverloadedError) refused++;
            return e instanceof OverloadedError ? 'overloaded' : 'failed';
          },
        ),
      );
    }
    expect(gc.pendingEvents).toBe(100);
    expect(gc.overloaded).toBe(true);
    await Promise.resolve();
    await Promise.resolve();
    // Refusals are answered before anything is written.
    expect(refused).toBe(50);
    expect(storedPageviews(file, siteId)).toBe(0);

    const results = await Promise.all(outcomes);
    expect(results.filter((r) => r === 'ok').length).toBe(100);
    expect(results.filter((r) => r === 'overloaded').length).toBe(50);
    expect(storedPageviews(file, siteId)).toBe(100);
    expect(gc.overloaded).toBe(false);
  });

  test('a failed write rejects its whole batch and leaves nothing half-written', async () => {
    const { store, siteId, file } = await recordedStore(100);
    const errors: unknown[] = [];
    const gc = new GroupCommit(store, options({ onError: (e) => errors.push(e) }));
    await gc.submit(toDeltas(pageview(siteId, '/before')));

    const locker = new Database(file);
    cleanups.push(() => locker.close());
    locker.exec('BEGIN IMMEDIATE');
    const batch = Array.from({ length: 20 }, (_, i) =>
      gc.submit(toDeltas(pageview(siteId, `/during${i}`))),
    );
    const settled = await Promise.allSettled(batch);
    expect(settled.every((s) => s.status === 'rejected')).toBe(true);
    expect(errors.length).toBeGreaterThan(0);
    locker.exec('ROLLBACK');
    expect(storedPageviews(file, siteId)).toBe(1);
    expect(gc.pendingEvents).toBe(0);

    // The writer recovers: the cap state was reset, later events are written and capped right.
    await gc.submit(toDeltas(pageview(siteId, '/after')));
    expect(storedPageviews(file, siteId)).toBe(2);
  });

  test('drain resolves only after every submitted event is written', async () => {
    const { store, siteId, file } = await recordedStore();
    const gc = new GroupCommit(store, options({ maxBatchEvents: 10 }));
    const all = Array.from({ length: 95 }, (_, i) =>
      gc.submit(toDeltas(pageview(siteId, `/d${i}`))),
    );
    await gc.drain();
    expect(storedPageviews(file, siteId)).toBe(95);
    await Promise.all(all);
  });
});
