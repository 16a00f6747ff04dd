// Deletion that survives backups (issue 12 §7), on SQLite and PostgreSQL. A window's data key is
// stored only wrapped, under a key derived from the install's KEK (outside the database) and the
// window's own secret (in the keyring, outside the database). The purge deletes that secret, so a
// copy of the database taken before the purge — a file copy and a `pomelo backup` on SQLite, the
// key and chunk rows copied out and put back on PostgreSQL — still holds the wrapped key and the
// sealed chunks, but nothing opens them. Each check first proves it can decrypt the copy while the
// secret exists, so "cannot decrypt" is not a broken test.
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { backup as backupCommand } from '../../server/cli/backup.js';
import { runCommand } from '../support/cli.js';
import { ChunkDecryptError, decryptChunk } from '../../server/replay/chunk-crypto.js';
import { WindowKeys } from '../../server/replay/keyring.js';
import { openSqliteStore, sqliteFile } from '../../server/store/sqlite.js';
import type { ChunkRecord } from '../../server/store/replay.js';
import type { Store } from '../../server/store/types.js';
import {
  newRecording,
  openWindow,
  replayWorld,
  sendChunk,
  snapshotEvents,
  type ReplayWorld,
} from './support.js';

const MARKER = 'Total 42 items';
/** The server masks page text (replay-masking): the marker's paragraph is unmasked on purpose. */
const CLEAR = { unmaskSelectors: ['p.note'] };

/** Decrypts every sealed chunk with the key `keys` gives; the plain texts. */
async function readAll(
  keys: WindowKeys,
  windowId: string,
  recordingId: string,
  chunks: ChunkRecord[],
): Promise<string[] | 'no key'> {
  const key = await keys.key(windowId);
  if (!key) return 'no key';
  return chunks.map((c) =>
    gunzipSync(decryptChunk(key, { windowId, recordingId, seq: c.seq }, c.data!)).toString(),
  );
}

describe('crypto-shredding across copies of the database', () => {
  let w: ReplayWorld;
  let windowId: string;
  let rec: string;
  const copies: { name: string; file: string }[] = [];
  let keyRows: { windowId: string; keyBytes: Buffer }[];
  let chunkRows: ChunkRecord[];
  const keysFor = (store: Store) =>
    new WindowKeys(store, {
      dir: w.server.config.replayKeyDir,
      kek: w.server.config.replayKek,
      now: () => w.clock.now,
    });

  beforeAll(async () => {
    w = await replayWorld();
    windowId = (await openWindow(w, CLEAR)).id;
    rec = await newRecording(w);
    expect((await sendChunk(w, rec, 0, snapshotEvents(MARKER))).status).toBe(202);
    expect((await sendChunk(w, rec, 1, snapshotEvents(MARKER))).status).toBe(202);
  });
  afterAll(() => w?.close());

  test('the key is stored wrapped; the KEK and the window secret live outside the database, 0600', async () => {
    const stored = (await w.server.store.replay.windowKey(windowId))!;
    const key = (await w.server.pomelo.replay.keys.key(windowId))!;
    expect(stored.length).toBe(61);
    expect(stored.includes(key)).toBe(false);
    const dir = w.server.config.replayKeyDir;
    const kek = path.join(dir, 'replay.kek');
    const secret = path.join(dir, 'windows', `${windowId}.key`);
    for (const file of [kek, secret]) {
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(fs.statSync(file).size).toBe(32);
    }
    if (w.server.backend === 'sqlite') {
      expect(path.dirname(sqliteFile(w.server.dataDir))).not.toBe(dir);
    }
  });

  test('copies taken before the purge: the database file, `pomelo backup`, the key and chunk rows', async () => {
    keyRows = await w.server.store.replay.windowKeys();
    chunkRows = await w.server.store.replay.chunks(rec);
    expect(chunkRows).toHaveLength(2);
    // While the window's secret exists, a copy opens: the check below can find the marker.
    const texts = await readAll(w.server.pomelo.replay.keys, windowId, rec, chunkRows);
    expect(texts).not.toBe('no key');
    expect((texts as string[]).every((t) => t.includes(MARKER))).toBe(true);
    if (w.server.backend !== 'sqlite') return;
    const dir = fs.mkdtempSync(path.join(w.server.dataDir, '..', 'pomelo-copies-'));
    // A plain file copy (the database and its write-ahead log, as a file-level backup sees them) …
    const live = sqliteFile(w.server.dataDir);
    const copy = path.join(dir, 'copy.db');
    fs.copyFileSync(live, copy);
    if (fs.existsSync(`${live}-wal`)) fs.copyFileSync(`${live}-wal`, `${copy}-wal`);
    copies.push({ name: 'file copy', file: copy });
    // … and the project's own online backup.
    const backup = path.join(dir, 'backup.db');
    const lines: string[] = [];
    lines.push(
      ...(await runCommand(backupCommand, { config: w.server.config, args: [backup] })).lines,
    );
    expect(lines.join()).toMatch(/integrity ok/);
    copies.push({ name: 'pomelo backup', file: backup });
    // Neither holds the KEK or the window's secret.
    const secrets = [
      fs.readFileSync(path.join(w.server.config.replayKeyDir, 'replay.kek')),
      fs.readFileSync(path.join(w.server.config.replayKeyDir, 'windows', `${windowId}.key`)),
    ];
    for (const { file } of copies) {
      const bytes = fs.readFileSync(file);
      for (const s of secrets) expect(bytes.includes(s)).toBe(false);
      // Opened as the store with the same KEK, before the purge it decrypts.
      const store = openSqliteStore(file);
      try {
        const keys = keysFor(store);
        await keys.init();
        const texts = await readAll(keys, windowId, rec, await store.replay.chunks(rec));
        expect((texts as string[])[0]).toContain(MARKER);
      } finally {
        await store.close();
      }
    }
  });

  test('after the purge, no copy can be decrypted: the wrapped key is there, its window secret is not', async () => {
    const closed = await w.admin.client.post(`/api/replay/windows/${windowId}/close`, {
      purge: true,
    });
    expect(closed.status).toBe(200);
    expect(
      fs.existsSync(path.join(w.server.config.replayKeyDir, 'windows', `${windowId}.key`)),
    ).toBe(false);
    expect(await w.server.store.replay.windowKey(windowId)).toBeUndefined();

    // The key row copied out before the purge goes back in (a restored dump): still no key.
    const row = keyRows.find((k) => k.windowId === windowId)!;
    if (w.server.backend === 'sqlite') {
      const db = new (await import('better-sqlite3')).default(sqliteFile(w.server.dataDir));
      db.prepare(
        'INSERT INTO replay_window_keys (window_id, key_bytes, created_at) VALUES (?, ?, 0)',
      ).run(windowId, row.keyBytes);
      db.close();
    } else {
      const sql = postgres(w.server.config.databaseUrl!, { max: 1 });
      await sql`INSERT INTO replay_window_keys (window_id, key_bytes, created_at)
                VALUES (${windowId}, ${row.keyBytes}, 0)`;
      await sql.end();
    }
    expect(await w.server.store.replay.windowKey(windowId)).toEqual(row.keyBytes);
    const keys = keysFor(w.server.store);
    await keys.init();
    expect(await readAll(keys, windowId, rec, chunkRows)).toBe('no key');
    // The wrapped bytes themselves are no key either.
    expect(() =>
      decryptChunk(row.keyBytes, { windowId, recordingId: rec, seq: 0 }, chunkRows[0]!.data!),
    ).toThrow(ChunkDecryptError);

    // The database copies, restored and opened as the store with the same KEK: the same.
    for (const { name, file } of copies) {
      const store = openSqliteStore(file);
      try {
        const restored = keysFor(store);
        await restored.init();
        expect(await store.replay.windowKey(windowId), name).toBeDefined();
        expect(await store.replay.chunks(rec), name).toHaveLength(2);
        expect(await readAll(restored, windowId, rec, await store.replay.chunks(rec)), name).toBe(
          'no key',
        );
      } finally {
        await store.close();
      }
    }
    if (w.server.backend === 'sqlite') expect(copies).toHaveLength(2);
  });
});

describe('keys stored before wrapping', () => {
  let w: ReplayWorld;
  beforeAll(async () => {
    w = await replayWorld();
  });
  afterAll(() => w?.close());

  test('are wrapped at start: the raw key leaves the database and still opens its chunks', async () => {
    const windowId = (await openWindow(w, CLEAR)).id;
    const rec = await newRecording(w);
    expect((await sendChunk(w, rec, 0, snapshotEvents(MARKER))).status).toBe(202);
    const key = (await w.server.pomelo.replay.keys.key(windowId))!;
    // As an older Pomelo stored it: the 32 raw bytes, and no window secret.
    await w.server.store.replay.replaceWindowKey(windowId, Buffer.from(key));
    fs.rmSync(path.join(w.server.config.replayKeyDir, 'windows', `${windowId}.key`));
    const keys = new WindowKeys(w.server.store, {
      dir: w.server.config.replayKeyDir,
      kek: w.server.config.replayKek,
      now: () => w.clock.now,
    });
    expect(await keys.init()).toEqual({ migrated: 1 });
    const stored = (await w.server.store.replay.windowKey(windowId))!;
    expect(stored.length).toBe(61);
    expect(stored.includes(key)).toBe(false);
    const texts = await readAll(keys, windowId, rec, await w.server.store.replay.chunks(rec));
    expect((texts as string[])[0]).toContain(MARKER);
    expect(await keys.init()).toEqual({ migrated: 0 });
  });
});

describe('windows deleted with their site', () => {
  let w: ReplayWorld;
  beforeAll(async () => {
    w = await replayWorld();
  });
  afterAll(() => w?.close());

  test('lose their window secret at the next job run (past a grace for windows being opened)', async () => {
    const windowId = (await openWindow(w, CLEAR)).id;
    const secret = path.join(w.server.config.replayKeyDir, 'windows', `${windowId}.key`);
    expect(fs.existsSync(secret)).toBe(true);
    // The site goes, with its windows and key rows (the accounts route and the CLI do this).
    expect(await w.server.store.removeSite('shop.test')).toBe(true);
    expect(await w.server.pomelo.replay.keys.sweep()).toBe(0); // still within the grace period
    w.clock.now = Date.now() + 11 * 60_000;
    expect(await w.server.pomelo.replay.keys.sweep()).toBe(1);
    expect(fs.existsSync(secret)).toBe(false);
  });
});
