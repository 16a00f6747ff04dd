// A data directory created by the previous release (0.1.0: migrations 0000–0003, written by
// scripts/make-upgrade-fixture.ts on that release and kept as SQL text) is migrated by this code at start and still
// holds the same counters; the built server then reports ready on it.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, expect, test } from 'vitest';
import { knownMigrations } from '../../server/store/paths.js';
import { openSqliteStore, sqliteFile } from '../../server/store/sqlite.js';
import { freshDataDir } from '../support/server.js';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/upgrade');
const expected = JSON.parse(fs.readFileSync(path.join(fixtures, 'expected.json'), 'utf8'));
const dataDir = freshDataDir('pomelo-upgrade-');
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
{
  const db = new Database(sqliteFile(dataDir));
  db.exec(fs.readFileSync(path.join(fixtures, 'pomelo-0.1.0.sql'), 'utf8'));
  db.close();
}

test('the 0.1.0 database migrates to this code and keeps every counter', async () => {
  const store = openSqliteStore(sqliteFile(dataDir));
  try {
    const before = await store.ready();
    expect(before.migrations.applied).toBe(expected.migrations);
    await store.migrate();
    const after = await store.ready();
    expect(after.migrations).toEqual({
      applied: knownMigrations('sqlite'),
      known: knownMigrations('sqlite'),
    });
    const site = await store.siteByDomain('upgrade.test');
    expect(site).toMatchObject({ timezone: 'Europe/Paris' });
    expect(await store.dailyRows(site!.id)).toEqual(expected.daily);
    expect(await store.hourlyRows(site!.id)).toEqual(expected.hourly);
    expect(await store.accounts.countUsers()).toBe(1);
  } finally {
    await store.close();
  }
});

test('the built server starts on the migrated directory and is ready', async () => {
  const child = spawn('node', ['build/server/main.js'], {
    env: { ...process.env, POMELO_DATA_DIR: dataDir, PORT: '0', POMELO_DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let text = '';
      child.stdout.on('data', (c: Buffer) => {
        text += c.toString();
        const m = /listening on (http:\/\/[\d.:]+)/.exec(text);
        if (m) resolve(m[1]!);
      });
      child.stderr.on('data', (c: Buffer) => (text += c.toString()));
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${text}`)));
    });
    const res = await fetch(`${url}/readyz`);
    expect(await res.json()).toMatchObject({ ready: true, checks: { migrations: true } });
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}, 60_000);
