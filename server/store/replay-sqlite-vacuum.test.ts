// A regression guard for the SQLite space reclaim of a purge (REPLAY.md §15, "Known issue"): a
// file made without incremental auto-vacuum is switched by a one-off VACUUM in the server's
// process; afterwards the CLI, another process on the same file, sets and clears the kill-switch
// latch, and the server's own connection sees each write on a file that stays intact.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, expect, test } from 'vitest';
import { windowFixture } from '../../test/contract/replay-contract.js';
import { openSqliteStore, sqliteFile } from './sqlite.js';

const run = promisify(execFile);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pomelo-vacuum-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('after the purge’s VACUUM, the CLI’s writes from another process are seen by the server', async () => {
  const file = sqliteFile(dir);
  // An older install: a table existed before the store asked for incremental auto-vacuum.
  const old = new Database(file);
  old.exec('CREATE TABLE legacy (x)');
  old.close();
  const store = openSqliteStore(file);
  try {
    await store.migrate();
    const raw = new Database(file, { readonly: true });
    const mode = () => raw.pragma('auto_vacuum', { simple: true }) as number;
    expect(mode()).toBe(0);
    await store.replay.createWindow(windowFixture('wv', 1), randomBytes(32));
    for (let i = 0; i < 20; i++) {
      const id = `vacuum-rec-${i}`;
      await store.replay.startRecording({ id, windowId: 'wv', siteId: 1, now: 1 }, 100);
      await store.replay.putChunk(
        {
          recordingId: id,
          seq: 0,
          receivedAt: 1,
          data: randomBytes(16_000),
          bytes: 16_000,
          findings: [],
        },
        { maxChunks: 1000, maxBytes: 1e9, maxWindowBytes: 1e12 },
      );
    }
    await store.replay.deleteWindowData('wv');
    await store.replay.reclaimSpace();
    raw.close();
    // The one-off VACUUM ran: the file is now in incremental mode.
    const after = new Database(file, { readonly: true });
    expect(after.pragma('auto_vacuum', { simple: true })).toBe(2);
    after.close();

    const env = { ...process.env, POMELO_DATA_DIR: dir, POMELO_DATABASE_URL: '' };
    const cli = (...args: string[]) =>
      run('node', ['--import', 'tsx', 'server/cli/main.ts', 'replay', ...args], { env });
    await cli('kill', '--all');
    expect((await store.replay.latches()).map((l) => l.scope)).toEqual(['install']);
    await cli('unlatch', '--all', '--note', 'checked after the vacuum');
    expect(await store.replay.latches()).toEqual([]);
    const check = new Database(file, { readonly: true });
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();
  } finally {
    await store.close();
  }
}, 60_000);
