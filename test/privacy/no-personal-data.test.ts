// Thousands of events from many client addresses, User-Agents, forwarded-IP headers and visitor
// tokens; then the database files (raw bytes, WAL included) on SQLite, or the complete pg_dump of
// the database on PostgreSQL, every table value and every log line are scanned: no IP address, no
// User-Agent, no token may be anywhere. No response sets a cookie.
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type TestServer, startTestServer } from '../support/server.js';
import { openStoreAt } from '../../server/store/open.js';
import type { Store } from '../../server/store/types.js';
import { allTextValues, storeTextValues } from '../fuzz/harness.js';
import { botAgents, browserAgents } from './agents.js';
import { type Hit, createScanner } from './scan.js';

const EVENTS = 3000;
const CONCURRENCY = 24;
const sites = [
  { domain: 'shop.test', timezone: 'Europe/Paris' },
  { domain: 'blog.test', timezone: 'America/New_York' },
  { domain: 'docs.test', timezone: 'Asia/Tokyo' },
];

const execFileAsync = promisify(execFile);

/** The complete data of a PostgreSQL database, as `pg_dump --data-only --no-owner` prints it. */
async function pgDump(url: string): Promise<string> {
  const { stdout } = await execFileAsync(
    'pg_dump',
    ['--data-only', '--no-owner', '--dbname', url],
    { encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 },
  );
  if (!stdout.includes('PostgreSQL database dump complete')) {
    throw new Error('pg_dump printed an incomplete dump');
  }
  return stdout;
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ sites });
});
afterAll(() => server?.close());

/** Deterministic choices (mulberry32), so a failure can be replayed; tokens stay random. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!,
    chance: (p: number) => next() < p,
  };
}

interface Sent {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  localAddress: string;
  remoteSeenBy: string;
}

/** One POST over a fresh TCP connection from `localAddress` (any 127.0.0.0/8 address on Linux). */
function send(body: string, headers: Record<string, string>, localAddress: string): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: '/api/event',
        method: 'POST',
        localAddress,
        agent: false,
        headers: { ...headers, 'content-length': Buffer.byteLength(body), connection: 'close' },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: text,
            localAddress,
            remoteSeenBy: req.socket?.localAddress ?? '',
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

test('no IP address, User-Agent or visitor token is stored or logged, and no cookie is set', async () => {
  const rnd = prng(20251129);
  const tokens: string[] = [];
  const sourceIps: string[] = [];
  const forwardedIps: string[] = [];
  const agentsUsed = new Set<string>();
  const results: (Sent & { expected: number; kind: string; bot: boolean })[] = [];
  const expectedPageviews = new Map<string, number>();

  const jobs = Array.from({ length: EVENTS }, (_, i) => () => {
    const site = sites[i % sites.length]!.domain;
    const localAddress = `127.0.0.${2 + (i % 253)}`;
    const bot = rnd.chance(0.08);
    const ua = bot ? rnd.pick(botAgents) : rnd.pick(browserAgents);
    agentsUsed.add(ua);
    const token = `vt${crypto.randomBytes(9).toString('hex')}`;
    const ip4 = `${rnd.int(11, 99)}.${rnd.int(0, 255)}.${rnd.int(0, 255)}.${rnd.int(1, 254)}`;
    const ip4b = `${rnd.int(100, 191)}.${rnd.int(0, 255)}.${rnd.int(0, 255)}.${rnd.int(1, 254)}`;
    const ip6 = `2a02:${rnd.int(4096, 65535).toString(16)}:${rnd.int(1, 65535).toString(16)}::${rnd.int(1, 65535).toString(16)}`;
    tokens.push(token);
    sourceIps.push(localAddress);
    forwardedIps.push(ip4, ip4b, ip6);
    const headers = {
      'content-type': 'text/plain;charset=UTF-8',
      'user-agent': ua,
      'x-forwarded-for': `${ip4}, 10.1.2.3`,
      'x-real-ip': ip4b,
      forwarded: `for="[${ip6}]";proto=https, for=${ip4}`,
      'cf-connecting-ip': ip4,
      'true-client-ip': ip4b,
      'x-visitor-id': token,
      cookie: `_uid=${token}; _ga=GA1.2.${token}`,
      referer: `https://${site}/?uid=${token}`,
      origin: `https://${site}`,
      'accept-language': 'fr-FR,fr;q=0.9,en;q=0.8',
    };
    const page = rnd.pick(['/', '/pricing', '/blog/post-1', '/docs/start', '/about']);
    const u = `https://${site}${page}?uid=${token}&session=${token}&utm_source=newsletter#t=${token}`;
    const referrer = rnd.pick([
      null,
      '',
      `https://www.google.com/search?q=${token}`,
      `https://${site}/prev?sid=${token}`,
      `https://news.ycombinator.com/item?id=${token}`,
      `https://mail.example.org/u/${token}/inbox`,
    ]);
    const roll = rnd.int(1, 100);
    let kind: string;
    let payload: Record<string, unknown>;
    let expected = 202;
    const common = {
      u,
      d: site,
      r: referrer,
      w: rnd.pick([390, 820, 1280, 1920]),
      z: 'Europe/Paris',
    };
    if (roll <= 50) {
      kind = 'pageview';
      payload = { n: 'pageview', ...common, t: rnd.int(0, 3) };
      if (!bot) expectedPageviews.set(site, (expectedPageviews.get(site) ?? 0) + 1);
    } else if (roll <= 75) {
      kind = 'engagement';
      payload = {
        n: 'engagement',
        ...common,
        e: rnd.int(0, 60_000),
        sd: rnd.int(0, 100),
        c: rnd.int(0, 1),
      };
    } else if (roll <= 90) {
      kind = 'custom';
      payload = {
        n: rnd.pick(['Signup', 'File Download', 'Outbound Link: Click']),
        ...common,
        p: { plan: 'pro', url: `https://out.example/file.pdf?token=${token}#${token}` },
      };
    } else {
      // A visitor token smuggled in as a prop key is refused (keys are at most 60 chars).
      kind = 'token-prop-key';
      payload = { n: 'Signup', ...common, p: { [`${token}_${'x'.repeat(60)}`]: 'y' } };
      expected = 400;
    }
    return send(JSON.stringify(payload), headers, localAddress).then((r) =>
      results.push({ ...r, expected, kind, bot }),
    );
  });

  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < jobs.length) await jobs[next++]!();
    }),
  );
  const sendMs = performance.now() - started;

  // The connections really came from many source addresses.
  expect(new Set(results.map((r) => r.remoteSeenBy)).size).toBe(253);
  expect(results.every((r) => r.remoteSeenBy === r.localAddress)).toBe(true);
  expect(
    new Set([...agentsUsed].filter((a) => browserAgents.includes(a))).size,
  ).toBeGreaterThanOrEqual(50);
  expect(
    results.filter((r) => r.status !== r.expected).map((r) => [r.kind, r.status, r.body]),
  ).toEqual([]);
  expect(results.filter((r) => r.headers['set-cookie'] !== undefined)).toEqual([]);

  const scanner = createScanner({
    ips: [...sourceIps, ...forwardedIps],
    exact: [
      ...agentsUsed,
      'AppleWebKit/537.36',
      'AppleWebKit/605.1.15',
      'Gecko/20100101',
      'KHTML, like Gecko',
      'Mozilla/5.0',
      'Mobile/15E148',
      'Googlebot/2.1',
      'python-requests',
      'curl/8',
      'HeadlessChrome',
      'fr-FR,fr;q=0.9',
    ],
    tokens,
  });
  // The scanner finds what it looks for (else a clean result would mean nothing).
  const planted = `x${sourceIps[7]}y ${forwardedIps[5]} ${[...agentsUsed][0]} ${tokens[99]!.slice(3, 15)}`;
  const kinds = scanner(planted).map((h) => (h.what.startsWith('"') ? 'UA' : h.what.split(' ')[0]));
  expect(new Set(kinds)).toEqual(new Set(['IPv4', 'IPv6', 'UA', 'token']));
  expect(scanner(`${forwardedIps[4]}`)[0]?.what).toMatch(/sent by the test/);
  expect(scanner('2025-11-29T07:39:12.345Z /pricing 1280 "Chrome" Mac OS')).toEqual([]);
  const report: string[] = [];
  const hits: (Hit & { where: string })[] = [];
  const scanTables = (
    when: string,
    tables: { table: string; rows: number; values: string[] }[],
  ) => {
    for (const t of tables) {
      report.push(`${when} table ${t.table}: ${t.rows} rows, ${t.values.length} text values`);
      for (const h of scanner(t.values.join('\n')))
        hits.push({ ...h, where: `${when} table ${t.table}` });
    }
  };
  // Pageviews counted per site, and the number of daily counter rows (so the scan saw real data).
  const stored = new Map<string, number>();
  let counterRows = 0;

  if (server.backend === 'sqlite') {
    // Live scan: the WAL holds the freshest pages while the server runs.
    // Files of the data directory (the replay keyring beside the database is a directory of keys).
    const dataFiles = () =>
      fs
        .readdirSync(server.dataDir, { withFileTypes: true })
        .filter((f) => f.isFile())
        .map((f) => path.join(server.dataDir, f.name));
    const scanFiles = (when: string) => {
      for (const file of dataFiles()) {
        const bytes = fs.readFileSync(file);
        report.push(`${when} ${path.basename(file)}: ${bytes.length} bytes`);
        for (const h of scanner(bytes.toString('latin1')))
          hits.push({ ...h, where: `${when} ${path.basename(file)}` });
      }
    };
    scanFiles('live');
    expect(dataFiles().some((f) => f.endsWith('-wal'))).toBe(true);

    // Stop (drain, checkpoint, close), then scan the files at rest and every table value.
    await server.pomelo.stop();
    scanFiles('stopped');
    const db = new Database(path.join(server.dataDir, 'pomelo.db'), { readonly: true });
    try {
      const tables = allTextValues(db);
      scanTables('stopped', tables);
      const totals = db
        .prepare(
          `SELECT s.domain AS domain, d.pageviews AS pageviews FROM daily_counters d
             JOIN sites s ON s.id = d.site_id WHERE d.dimension = 'total'`,
        )
        .all() as { domain: string; pageviews: number }[];
      for (const r of totals) stored.set(r.domain, (stored.get(r.domain) ?? 0) + r.pageviews);
      counterRows = tables.find((t) => t.table === 'daily_counters')?.rows ?? 0;
    } finally {
      db.close();
    }
  } else {
    // PostgreSQL: the complete data dump of the database and every value read through the store.
    const url = server.config.databaseUrl;
    if (!url) throw new Error('the PostgreSQL test server has no database URL');
    const scanDatabase = async (when: string, store: Store) => {
      const dump = await pgDump(url);
      report.push(`${when} pg_dump: ${dump.length} chars`);
      for (const h of scanner(dump)) hits.push({ ...h, where: `${when} pg_dump` });
      const tables = await storeTextValues(store);
      scanTables(when, tables);
      return tables;
    };

    // The PostgreSQL scan finds stored data: a site named with the planted needles shows up in
    // the dump and in the store's values, and is gone once removed.
    const needles = [...new Set(scanner(planted).map((h) => h.what))];
    await server.store.addSite(
      { domain: 'planted.test', name: planted, timezone: 'UTC' },
      new Date(),
    );
    const plantedTexts = {
      pg_dump: await pgDump(url),
      store: (await storeTextValues(server.store)).flatMap((t) => t.values).join('\n'),
    };
    for (const [where, text] of Object.entries(plantedTexts)) {
      const found = new Set(scanner(text).map((h) => h.what));
      expect(
        needles.filter((n) => !found.has(n)),
        `planted needles missed in ${where}`,
      ).toEqual([]);
    }
    expect(await server.store.removeSite('planted.test')).toBe(true);

    await scanDatabase('live', server.store);
    // Stop (drain, close), then scan again through a store of our own.
    await server.pomelo.stop();
    const store = await openStoreAt(url);
    try {
      const tables = await scanDatabase('stopped', store);
      for (const site of await store.listSites()) {
        for (const r of await store.dailyRows(site.id)) {
          if (r.dimension === 'total')
            stored.set(site.domain, (stored.get(site.domain) ?? 0) + r.pageviews);
        }
      }
      counterRows = tables.find((t) => t.table === 'daily_counters')?.rows ?? 0;
      // Realtime's minute counters hold this run's pages too: scanned above, and not empty.
      expect(tables.find((t) => t.table === 'minute_counters')?.rows).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  }
  // The events really were counted (so the scan looked at real data).
  expect(Object.fromEntries(stored)).toEqual(Object.fromEntries(expectedPageviews));
  expect(counterRows).toBeGreaterThan(50);

  const logs = server.logs.join('');
  report.push(`logs: ${server.logs.length} lines, ${logs.length} chars`);
  for (const h of scanner(logs)) hits.push({ ...h, where: 'logs' });

  const accepted = results.filter((r) => r.status === 202).length;
  console.log(
    [
      `privacy scan: ${results.length} requests (${accepted} accepted) in ${Math.round(sendMs)} ms`,
      `from ${new Set(sourceIps).size} source addresses, ${agentsUsed.size} User-Agents, ` +
        `${forwardedIps.length} forwarded IPs, ${tokens.length} tokens`,
      ...report,
      `hits: ${hits.length}`,
    ].join('\n  '),
  );
  expect(hits.slice(0, 20)).toEqual([]);
}, 60_000);
