// Volume caps and rate limits on replay ingestion (issue 12 §5), over real HTTP on SQLite and
// PostgreSQL: chunk sequences (repeats and gaps refused, reordering inside the window accepted),
// chunk and byte caps per recording and per window, the install-wide storage budget that pauses
// open windows — while /api/event keeps answering 202 and counting, also when the replay tables
// cannot be written at all — and per-client limits on the public replay routes.
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sqliteFile } from '../../server/store/sqlite.js';
import {
  DOMAIN,
  newRecording,
  openWindow,
  pageview,
  publicPost,
  replayWorld,
  sendChunk,
  snapshotEvents,
  type ReplayWorld,
} from './support.js';

/** The bytes one test chunk counts for (its gzip body), so caps can be set in chunks. */
const CHUNK = gzipSync(Buffer.from(JSON.stringify(snapshotEvents('text')))).length;

async function totalPageviews(w: ReplayWorld): Promise<number> {
  const rows = await w.server.dailyRows(DOMAIN);
  return rows.filter((r) => r.dimension === 'total').reduce((n, r) => n + r.pageviews, 0);
}

describe('chunk sequences and caps', () => {
  let w: ReplayWorld;
  beforeAll(async () => {
    w = await replayWorld({
      maxChunksPerRecording: 4,
      maxBytesPerRecording: 100 * CHUNK,
      maxBytesPerWindow: 9 * CHUNK + CHUNK / 2,
    });
  });
  afterAll(() => w?.close());

  test('a repeat or a gap is refused with 409 and stores nothing; a chunk overtaken in flight lands', async () => {
    await openWindow(w);
    const rec = await newRecording(w);
    const send = async (seq: number) => {
      const r = await sendChunk(w, rec, seq, snapshotEvents(`seq ${seq}`));
      return r.status === 202 ? 202 : `${r.status} ${r.body.error.code}`;
    };
    expect(await send(0)).toBe(202);
    expect(await send(0)).toBe('409 seq_repeated');
    expect(await send(2)).toBe(202);
    expect(await send(1)).toBe(202);
    expect(await send(1)).toBe('409 seq_repeated');
    expect(await send(40)).toBe('409 seq_gap');
    const chunks = await w.server.store.replay.chunks(rec);
    expect(chunks.map((c) => c.seq)).toEqual([0, 1, 2]);
    expect((await w.server.store.replay.recording(rec))!).toMatchObject({ chunks: 3, nextSeq: 3 });
  });

  test('chunks per recording: past the cap 410 recording_full, and the recording ends', async () => {
    const rec = await newRecording(w);
    for (let seq = 0; seq < 4; seq++) {
      expect((await sendChunk(w, rec, seq, snapshotEvents('x'))).status).toBe(202);
    }
    const r = await sendChunk(w, rec, 4, snapshotEvents('x'));
    expect([r.status, r.body.error.code]).toEqual([410, 'recording_full']);
    expect((await w.server.store.replay.recording(rec))!.endedAt).not.toBeNull();
    expect(await w.server.store.replay.chunks(rec)).toHaveLength(4);
  });

  test('bytes per window: the window pauses with its reason shown; nothing is stored past the cap', async () => {
    // 3 + 4 chunks so far; 2 more fit under 9.5 chunks of bytes, the next one does not.
    const rec = await newRecording(w);
    expect((await sendChunk(w, rec, 0, snapshotEvents('x'))).status).toBe(202);
    expect((await sendChunk(w, rec, 1, snapshotEvents('x'))).status).toBe(202);
    const r = await sendChunk(w, rec, 2, snapshotEvents('x'));
    expect([r.status, r.body.error.code]).toEqual([410, 'window_full']);
    const [win] = await w.server.store.replay.windows({ siteId: w.siteId });
    expect(win!.state).toBe('paused');
    expect(win!.lastChange).toMatchObject({ reason: 'window_storage' });
    expect(win!.storedBytes).toBeLessThanOrEqual(9 * CHUNK + CHUNK / 2);
    const shown = await w.admin.client.get(`/api/replay/windows/${win!.id}`);
    expect(JSON.stringify(shown.body)).toContain('window_storage');
  });
});

describe('the install-wide replay storage budget', () => {
  let w: ReplayWorld;
  beforeAll(async () => {
    w = await replayWorld({ storageBudgetBytes: 3 * CHUNK + CHUNK / 2 });
  });
  afterAll(() => w?.close());

  test('once used up, every open window pauses (reason shown) and chunks get 410', async () => {
    const a = await openWindow(w, { includeRules: ['/shop/*'] });
    const b = await openWindow(w, { includeRules: ['/blog/*'] });
    const rec = await newRecording(w);
    for (let seq = 0; seq < 3; seq++) {
      expect((await sendChunk(w, rec, seq, snapshotEvents('x'))).status).toBe(202);
    }
    const r = await sendChunk(w, rec, 3, snapshotEvents('x'));
    expect([r.status, r.body.error.code]).toEqual([410, 'storage_full']);
    for (const id of [a.id, b.id]) {
      const win = (await w.server.store.replay.window(id))!;
      expect(win.state).toBe('paused');
      expect(win.lastChange).toMatchObject({ reason: 'storage_budget' });
      expect(win.lastChange.detail).toMatch(/install-wide replay storage: .* of .* MiB used/);
    }
    expect(await w.server.store.replay.storedBytes()).toBe(3 * CHUNK);
  });

  test('core counting never suffers: pageviews keep answering 202 and counting', async () => {
    const before = await totalPageviews(w);
    for (let i = 0; i < 20; i++) {
      const r = await pageview(w, i % 2 ? '/shop/cart' : '/blog/post');
      expect([r.status, r.text]).toEqual([202, '']);
    }
    expect(await totalPageviews(w)).toBe(before + 20);
  });

  test('… also while the replay tables cannot be written or read at all', async () => {
    const tables = ['replay_windows', 'replay_chunks', 'replay_recordings'];
    const rename = async (from: string, to: string) => {
      if (w.server.backend === 'sqlite') {
        const db = new Database(sqliteFile(w.server.dataDir));
        for (const t of tables) db.exec(`ALTER TABLE ${t}${from} RENAME TO ${t}${to}`);
        db.close();
      } else {
        const sql = postgres(w.server.config.databaseUrl!, { max: 1, onnotice: () => {} });
        for (const t of tables) await sql.unsafe(`ALTER TABLE ${t}${from} RENAME TO ${t}${to}`);
        await sql.end();
      }
    };
    await rename('', '_away');
    try {
      // The offer cache's refresh fails now; ingestion must not notice.
      await expect(w.server.pomelo.replay.offers.refresh()).rejects.toThrow();
      const before = await totalPageviews(w);
      for (let i = 0; i < 10; i++) {
        expect((await pageview(w, '/shop/cart')).status).toBe(202);
      }
      expect(await totalPageviews(w)).toBe(before + 10);
    } finally {
      await rename('_away', '');
    }
  });
});

describe('rate limits on the public replay routes', () => {
  let w: ReplayWorld;
  beforeAll(async () => {
    w = await replayWorld({ startsPerMinute: 3, chunksPerMinute: 4 });
  });
  afterAll(() => w?.close());

  test('per client, in memory: 429 with Retry-After past the limit, nothing stored', async () => {
    const win = await openWindow(w);
    const rec = await newRecording(w); // start 1
    await newRecording(w); // start 2
    const del = await fetch(
      `${w.server.url}/api/replay/chunk?recording=${'A'.repeat(22)}&purge=1`,
      {
        method: 'DELETE',
      },
    );
    expect(del.status).toBe(204); // start 3: withdrawals share the start budget
    const limited = await publicPost(w, '/api/replay/start', '{}');
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.headers.get('access-control-allow-origin')).toBe('*');
    expect((await w.server.store.replay.recordings(win.id)).length).toBe(2);

    for (let seq = 0; seq < 4; seq++) {
      expect((await sendChunk(w, rec, seq, snapshotEvents('x'))).status).toBe(202);
    }
    const chunk = await sendChunk(w, rec, 4, snapshotEvents('x'));
    expect(chunk.status).toBe(429);
    expect(await w.server.store.replay.chunks(rec)).toHaveLength(4);
    // A minute later the bucket has refilled.
    w.clock.now += 60_000;
    expect((await sendChunk(w, rec, 4, snapshotEvents('x'))).status).toBe(202);
    // Nothing about the client is kept: the key lives in memory only.
    expect(JSON.stringify(await w.server.store.replay.recording(rec))).not.toContain('127.0.0.1');
  });
});
