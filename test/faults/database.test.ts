// Database faults (locked, full, read-only): ingestion answers 503 + Retry-After, never 202 or
// 500, and accepts events again by itself once the fault clears. Counts are checked exactly.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, test } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { available, prerequisites } from '../support/prerequisites.js';
import { createLogger } from '../../server/log.js';
import { startPomelo, type RunningPomelo } from '../../server/server.js';
import { openStore } from '../../server/store/open.js';
import { openSqliteStore, sqliteFile } from '../../server/store/sqlite.js';
import {
  addSites,
  countedPageviews,
  desktopChrome,
  freshDir,
  startChild,
} from '../durability/child-server.js';

interface Server {
  url: string;
  logs: string[];
  pomelo: RunningPomelo;
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function start(dataDir: string, env: Record<string, string> = {}): Promise<Server> {
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', POMELO_DATA_DIR: dataDir, ...env });
  const logs: string[] = [];
  const store = await openStore(config);
  const pomelo = await startPomelo({
    config,
    store,
    log: createLogger('warn', (l) => logs.push(l)),
  });
  let stopped = false;
  const stop = () => (stopped ? undefined : ((stopped = true), pomelo.stop()));
  cleanups.push(stop);
  return { url: pomelo.url, logs, pomelo };
}

interface Answer {
  status: number;
  code?: string;
  retryAfter: string | null;
}

async function post(url: string, body: object): Promise<Answer> {
  const res = await fetch(`${url}/api/event`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': desktopChrome },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  const code = text ? (JSON.parse(text) as { error?: { code?: string } }).error?.code : undefined;
  return { status: res.status, code, retryAfter: res.headers.get('retry-after') };
}

/** Posts the bodies `concurrency` at a time (each wave may share one transaction). */
async function postAll(url: string, bodies: object[], concurrency = 10): Promise<Answer[]> {
  const out: Answer[] = [];
  for (let i = 0; i < bodies.length; i += concurrency) {
    out.push(...(await Promise.all(bodies.slice(i, i + concurrency).map((b) => post(url, b)))));
  }
  return out;
}

let seq = 0;
const long = (label: string) => `${label}-${++seq}-`.padEnd(280, 'x');
/** A pageview that needs new counter rows (a new long path and campaign): new database pages. */
const bigPageview = (domain = 'example.test') => ({
  n: 'pageview',
  u: `https://${domain}/${long('page')}?utm_source=${long('src')}&utm_campaign=${long('c')}`,
  d: domain,
  r: null,
  t: 0,
});
/** A custom event with 10 long props: 10 new event_prop rows. */
const bigCustom = (domain: string) => ({
  n: 'signup',
  u: `https://${domain}/`,
  d: domain,
  r: null,
  p: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, long('v')])),
});

const accepted = (answers: Answer[]) => answers.filter((a) => a.status === 202).length;

/** Every answer is a 202, or a 503 storage_unavailable with Retry-After: never a 500. */
function expectAcceptedOrUnavailable(answers: Answer[]): void {
  for (const a of answers) {
    if (a.status !== 202) {
      expect(a).toEqual({ status: 503, code: 'storage_unavailable', retryAfter: '5' });
    }
  }
}

function expectAllUnavailable(answers: Answer[]): void {
  expect(answers.length).toBeGreaterThan(0);
  for (const a of answers) {
    expect(a).toEqual({ status: 503, code: 'storage_unavailable', retryAfter: '5' });
  }
}

/** Posts waves of 5 events until 2 waves in a row are refused; returns how many were accepted. */
async function fillUntilFull(url: string, make: () => object, max = 3_000): Promise<number> {
  let ok = 0;
  let refusedInARow = 0;
  for (let sent = 0; sent < max && refusedInARow < 2; sent += 5) {
    const wave = await postAll(url, Array.from({ length: 5 }, make));
    expectAcceptedOrUnavailable(wave);
    ok += accepted(wave);
    refusedInARow = accepted(wave) === 0 ? refusedInARow + 1 : 0;
  }
  expect(refusedInARow, 'the database never filled up').toBe(2);
  return ok;
}

const pageviews = (n: number, make = () => bigPageview()) => Array.from({ length: n }, make);

const canMountTmpfs = () => available(prerequisites.tmpfs);
const canMakeImmutable = () => available(prerequisites.chattr);

async function siteDir(domains = ['example.test'], parent?: string): Promise<string> {
  const dir = parent ? path.join(parent, 'data') : freshDir('pomelo-faults-');
  if (!parent) cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  await addSites(dir, domains);
  return dir;
}

describe('database faults', () => {
  test('locked: another process holds the write lock → 503 after the busy timeout, then 202 again', async () => {
    const dataDir = await siteDir();
    const s = await start(dataDir, { POMELO_SQLITE_BUSY_TIMEOUT_MS: '200' });
    let ack = accepted(await postAll(s.url, pageviews(10)));
    expect(ack).toBe(10);

    const locker = new Database(sqliteFile(dataDir));
    locker.pragma('busy_timeout = 5000');
    locker.exec('BEGIN EXCLUSIVE');
    const t0 = Date.now();
    expectAllUnavailable(await postAll(s.url, pageviews(10)));
    expect(Date.now() - t0).toBeLessThan(5_000); // refused after ~200 ms per batch, not hung
    expect(s.logs.join('')).toContain('SQLITE_BUSY');

    locker.exec('COMMIT');
    locker.close();
    const after = await postAll(s.url, pageviews(10));
    expect(accepted(after)).toBe(10);
    ack += 10;
    expect(countedPageviews(dataDir, 'example.test', { readonly: true })).toBe(ack);
  });

  test('full: POMELO_SQLITE_MAX_SIZE_MB reached → 503; a higher limit, or freed space, brings 202 back', async () => {
    const dataDir = await siteDir(['example.test', 'filler.test']);
    let s = await start(dataDir, { POMELO_SQLITE_MAX_SIZE_MB: '1' });
    let ack = accepted(await postAll(s.url, pageviews(20)));
    expect(ack).toBe(20);

    await fillUntilFull(s.url, () => bigCustom('filler.test'));
    expect(s.logs.join('')).toContain('SQLITE_FULL');
    const whileFull = await postAll(s.url, pageviews(10));
    expectAcceptedOrUnavailable(whileFull);
    ack += accepted(whileFull);
    const file = sqliteFile(dataDir);
    expect(fs.statSync(file).size).toBeLessThanOrEqual(1024 * 1024);

    // 1. The operator raises the limit: a restart with the new setting accepts events again.
    await s.pomelo.stop();
    s = await start(dataDir, { POMELO_SQLITE_MAX_SIZE_MB: '2' });
    expect(accepted(await postAll(s.url, pageviews(10)))).toBe(10);
    ack += 10;

    // 2. Space is freed inside the file (a site removed, old counters purged): no restart needed.
    await fillUntilFull(s.url, () => bigCustom('filler.test'));
    expect(fs.statSync(file).size).toBeLessThanOrEqual(2 * 1024 * 1024);
    const admin = openSqliteStore(file);
    expect(await admin.removeSite('filler.test')).toBe(true);
    await admin.close();
    expect(accepted(await postAll(s.url, pageviews(20)))).toBe(20);
    ack += 20;

    await s.pomelo.stop();
    expect(countedPageviews(dataDir)).toBe(ack);
  });

  test.skipIf(!canMountTmpfs())(
    'disk full: the filesystem has no space left → 503; it grows → 202 again, no restart',
    async () => {
      const mountDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pomelo-tmpfs-'));
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mountDir]);
      cleanups.push(() => {
        execFileSync('umount', [mountDir]);
        fs.rmSync(mountDir, { recursive: true, force: true });
      });
      const dataDir = await siteDir(['example.test'], mountDir);
      const s = await start(dataDir);

      let ack = await fillUntilFull(s.url, () => bigPageview());
      expect(ack).toBeGreaterThan(0);
      expect(s.logs.join('')).toContain('SQLITE_FULL');
      expectAllUnavailable(await postAll(s.url, pageviews(5)));

      execFileSync('mount', ['-o', 'remount,size=32m', mountDir]);
      expect(accepted(await postAll(s.url, pageviews(20)))).toBe(20);
      ack += 20;

      await s.pomelo.stop();
      expect(countedPageviews(dataDir)).toBe(ack);
    },
  );

  test.skipIf(!canMountTmpfs())(
    'read-only filesystem at start: the server refuses to start, saying why (exit 1)',
    async () => {
      const mountDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pomelo-rofs-'));
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mountDir]);
      cleanups.push(() => {
        execFileSync('umount', [mountDir]);
        fs.rmSync(mountDir, { recursive: true, force: true });
      });
      const dataDir = await siteDir(['example.test'], mountDir);
      execFileSync('mount', ['-o', 'remount,ro', mountDir]);
      await expect(startChild({ dataDir })).rejects.toThrow(
        /exited \(1\) before listening:[\s\S]*failed to start: unable to open database file/,
      );
    },
  );

  test.skipIf(!canMakeImmutable())(
    'read-only: the kernel refuses writes to the database files → 503; writable again → 202, no restart',
    async () => {
      const dataDir = await siteDir();
      const s = await start(dataDir);
      let ack = accepted(await postAll(s.url, pageviews(10)));
      expect(ack).toBe(10);

      const files = [sqliteFile(dataDir), `${sqliteFile(dataDir)}-wal`];
      execFileSync('chattr', ['+i', ...files]);
      let immutable = true;
      const clear = () => {
        if (immutable) execFileSync('chattr', ['-i', ...files]);
        immutable = false;
      };
      cleanups.push(clear); // before the data dir is removed, even if an assertion fails
      expectAllUnavailable(await postAll(s.url, pageviews(10)));
      expect(s.logs.join('')).toContain('SQLITE_IOERR');

      clear();
      expect(accepted(await postAll(s.url, pageviews(10)))).toBe(10);
      ack += 10;
      await s.pomelo.stop();
      expect(countedPageviews(dataDir)).toBe(ack);
    },
  );
});
