// The ReplayRepo contract over a fresh SQLite file per test, plus what only SQLite shows: the file
// gives the space of purged chunks back.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { expect, test } from 'vitest';
import { openSqliteStore } from '../../server/store/sqlite.js';
import { freshDataDir } from '../support/server.js';
import { replayContract, windowFixture } from './replay-contract.js';

replayContract('sqlite', async () => {
  const dir = freshDataDir('pomelo-replay-contract-');
  const store = openSqliteStore(path.join(dir, 'pomelo.db'));
  return {
    store,
    async cleanup() {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});

// `legacy`: a file created before incremental auto-vacuum was set at creation; the first purge
// switches it with one VACUUM.
test.each(['new', 'legacy'])(
  'sqlite (%s file): reclaimSpace shrinks the file after purged chunks and leaves no key bytes behind',
  async (kind) => {
    const dir = freshDataDir('pomelo-replay-vacuum-');
    const file = path.join(dir, 'pomelo.db');
    if (kind === 'legacy') {
      const old = new Database(file);
      old.pragma('auto_vacuum = NONE');
      old.exec('CREATE TABLE legacy (x INTEGER)');
      old.close();
    }
    const store = openSqliteStore(file);
    try {
      await store.migrate();
      const key = randomBytes(32);
      const caps = { maxSessions: 9, maxMinutesPerRecording: 5, maxPagesPerRecording: 5 };
      await store.replay.createWindow(windowFixture('w1', 1, { caps }), key);
      await store.replay.startRecording({ id: 'r1', windowId: 'w1', siteId: 1, now: 1 }, 9);
      for (let i = 0; i < 40; i++) {
        const data = randomBytes(64 * 1024);
        await store.replay.putChunk(
          { recordingId: 'r1', seq: i, receivedAt: 1, data, bytes: data.length, findings: [] },
          { maxChunks: 1000, maxBytes: 1e9, maxWindowBytes: 1e12 },
        );
      }
      await store.replay.reclaimSpace();
      const full = fs.statSync(file).size;
      expect(full).toBeGreaterThan(40 * 64 * 1024);
      await store.replay.deleteWindowData('w1');
      await store.replay.destroyWindowKey('w1');
      await store.replay.reclaimSpace();
      const after = fs.statSync(file).size;
      expect(after).toBeLessThan(full / 4);
      const check = new Database(file, { readonly: true });
      expect(check.pragma('auto_vacuum', { simple: true })).toBe(2);
      check.close();
      // Neither the database file nor its write-ahead log holds the destroyed key any more.
      for (const f of [file, `${file}-wal`]) {
        if (fs.existsSync(f)) expect(fs.readFileSync(f).includes(key)).toBe(false);
      }
    } finally {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
);
