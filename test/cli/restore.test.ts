// Backup and restore end to end with the built server: ingest, back up while it runs, ingest more,
// restore (refused while the server runs), start again → exactly the counters of backup time.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { openSqliteStore, sqliteFile } from '../../server/store/sqlite.js';
import { freshDataDir, postEvent } from '../support/server.js';
import { builtCli } from '../support/cli.js';

const dataDir = freshDataDir('pomelo-restore-');
const backups = freshDataDir('pomelo-restore-out-');
afterAll(() => {
  for (const d of [dataDir, backups]) fs.rmSync(d, { recursive: true, force: true });
});
const env = { ...process.env, POMELO_DATA_DIR: dataDir, POMELO_DATABASE_URL: '', PORT: '0' };

const pomelo = builtCli({ POMELO_DATA_DIR: dataDir, PORT: '0' });

async function startServer(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn('node', ['build/server/main.js'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (c: Buffer) => {
      text += c.toString();
      const m = /listening on (http:\/\/[\d.:]+)/.exec(text);
      if (m) resolve(m[1]!);
    });
    child.stderr!.on('data', (c: Buffer) => (text += c.toString()));
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${text}`)));
  });
  return { url, child };
}
const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

/**
 * The counters as durable in the file: opening a store merges the counter journal (acknowledged
 * writes the server has not merged yet, server/store/counter-journal.ts), so a read-write open.
 */
async function counters() {
  const store = openSqliteStore(sqliteFile(dataDir));
  try {
    const site = await store.siteByDomain('restore.test');
    return { daily: await store.dailyRows(site!.id), hourly: await store.hourlyRows(site!.id) };
  } finally {
    await store.close();
  }
}

const send = async (url: string, paths: string[]) => {
  for (const p of paths) {
    const res = await postEvent(url, {
      n: 'pageview',
      u: `https://restore.test${p}`,
      d: 'restore.test',
      r: null,
      w: 1280,
      z: 'Europe/Berlin',
    });
    expect(res.status).toBe(202);
  }
};

test('restore gives back exactly the counters of backup time; refused while the server runs', async () => {
  expect((await pomelo('site', 'add', 'restore.test', '--timezone', 'UTC')).code).toBe(0);
  let server = await startServer();
  await send(server.url, ['/a', '/b', '/a', '/c']);
  const file = path.join(backups, 'at-backup.db');
  const backedUp = await pomelo('backup', file);
  expect(backedUp).toMatchObject({ code: 0 });
  expect(backedUp.stdout).toMatch(/integrity ok/);
  // stderr is not a terminal: plain progress lines with rate and ETA, no carriage returns.
  expect(backedUp.stderr).toMatch(
    /^backup \[#{30}\] 100% [\d,]+\/[\d,]+ pages, [\d,]+ pages\/s, done in/m,
  );
  expect(backedUp.stderr).not.toContain('\r');
  expect(backedUp.stdout).toMatch(/not in the backup: .*pomelo\.pid/);
  const atBackup = await counters();
  expect(atBackup.daily.length).toBeGreaterThan(0);

  await send(server.url, ['/d', '/e', '/a']);
  expect(await counters()).not.toEqual(atBackup);

  const refused = await pomelo('restore', file);
  expect(refused.code).toBe(2);
  expect(refused.stderr).toMatch(/a Pomelo server \(pid \d+\) is using .*: stop it, then restore/);

  await stop(server.child);
  const restored = await pomelo('restore', file);
  expect(restored).toMatchObject({ code: 0 });
  expect(restored.stdout).toMatch(
    /restored .*at-backup\.db to .*pomelo\.db \(\d+ KB, integrity ok\)/,
  );
  expect(fs.readdirSync(dataDir).filter((f) => f.includes('restoring'))).toEqual([]);

  server = await startServer();
  try {
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    expect(await counters()).toEqual(atBackup);
    await send(server.url, ['/after']);
  } finally {
    await stop(server.child);
  }
  expect((await counters()).daily.length).toBeGreaterThan(atBackup.daily.length);
}, 180_000);

test('restore refuses a file that is not a sound Pomelo database, and changes nothing', async () => {
  const junk = path.join(backups, 'junk.db');
  fs.writeFileSync(junk, 'not a database at all, just text');
  const before = fs.readFileSync(sqliteFile(dataDir));
  const r = await pomelo('restore', junk);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/pomelo: .*(not a database|integrity)/);
  expect(fs.readFileSync(sqliteFile(dataDir)).equals(before)).toBe(true);
  expect((await pomelo('restore', path.join(backups, 'missing.db'))).stderr).toMatch(
    /no such file/,
  );
}, 60_000);
