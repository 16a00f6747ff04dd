// `pomelo migrate-data` as an operator runs it: a generated SQLite install (with an applied import)
// copied into a fresh PostgreSQL database by a real child process, then every counter and every row
// of the other tables compared, reports with and without imports compared on both, and the import
// removed on the target.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MigrationMismatchError, migrateData } from '../../server/cli/migrate-data.js';
import type { DailyRow, Dimension, HourlyRow } from '../../server/counters/types.js';
import { compareDaily, compareHourly } from '../../server/counters/batch.js';
import { openPgStore } from '../../server/store/pg.js';
import { openSqliteStore } from '../../server/store/sqlite.js';
import type { SiteRecord, Store } from '../../server/store/types.js';
import { copiedTables, type TableRow } from '../../server/store/table-copy.js';
import { legacyHash } from '../../server/accounts/audit-chain.js';
import { createPgDatabase, testsPostgres, type PgDatabase } from '../support/db.js';
import { freshDataDir } from '../support/server.js';
import { builtCli } from '../support/cli.js';
import { root } from './nodes.js';
import { runImport } from '../../server/imports/run-import.js';
import { csv, plausibleFiles, writeZip } from '../imports/fixtures.js';

const pomelo = builtCli({}, { timeout: 120_000 });

/** Deterministic pseudo-random numbers, so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
}

// Values that stress quoting and array encoding on the way into PostgreSQL.
const awkward = ['', 'NULL', 'a,b', '{x}', 'quote "q"', 'back\\slash', "it's", 'é ü 😀', '(other)'];

/** Sites (ids 1, 2, 4, 5: a gap where a site was removed) and thousands of counter rows. */
async function generateInstall(store: Store): Promise<SiteRecord[]> {
  await store.migrate();
  const at = new Date('2025-01-01T00:00:00Z');
  for (const d of ['one.test', 'two.test', 'gone.test', 'four.test', 'five.test']) {
    await store.addSite(
      {
        domain: d,
        timezone: 'Europe/Paris',
        name: d,
        settings: d === 'two.test' ? { cardinalityCap: 500 } : {},
      },
      at,
    );
  }
  await store.removeSite('gone.test');
  const sites = await store.listSites();
  // Mail settings, a recipient and a send-log row travel with the install (issue 14).
  await store.mail.saveMail(
    sites[0]!.id,
    { weekly: true, monthly: true, hour: 7, spikePercent: 300, quietHours: 6, cooldownHours: 12 },
    [{ address: 'client@example.test', locale: 'fr', reports: true, alerts: false }],
    at.toISOString(),
  );
  await store.mail.claim(
    {
      siteId: sites[0]!.id,
      kind: 'weekly',
      period: '2026-11-23',
      recipient: 'client@example.test',
    },
    { owner: 'node-a', nowMs: at.getTime(), leaseMs: 60_000, messageId: '<x@example.test>' },
  );
  const rnd = random(42);
  const dims: Dimension[] = [
    'total',
    'page',
    'entry',
    'source',
    'browser',
    'country',
    'event_prop',
  ];
  for (const site of sites) {
    for (let day = 1; day <= 25; day++) {
      const date = `2025-01-${String(day).padStart(2, '0')}`;
      const daily: DailyRow[] = [];
      for (const dimension of dims) {
        const values =
          dimension === 'total'
            ? ['']
            : [...awkward, ...Array.from({ length: 20 }, (_, i) => `/${dimension}/${i}`)];
        for (const value of values) {
          if (dimension !== 'total' && rnd() < 0.3) continue;
          daily.push({
            siteId: site.id,
            day: date,
            dimension,
            value,
            pageviews: Math.floor(rnd() * 1000),
            visits: Math.floor(rnd() * 500),
            bounces: Math.floor(rnd() * 100) - 10, // negatives happen (follow-up beacons)
            exits: Math.floor(rnd() * 100),
            engagedMs: Math.floor(rnd() * 5_000_000_000), // past 2^31
            engagements: Math.floor(rnd() * 50),
            scrollSum: Math.floor(rnd() * 5000),
            events: Math.floor(rnd() * 3),
          });
        }
      }
      const hourly: HourlyRow[] = Array.from({ length: 24 }, (_, h) => ({
        siteId: site.id,
        hour: `${date}T${String(h).padStart(2, '0')}`,
        pageviews: Math.floor(rnd() * 100),
        visits: Math.floor(rnd() * 50),
        bounces: 0,
        exits: Math.floor(rnd() * 50),
        engagedMs: Math.floor(rnd() * 10_000_000),
        engagements: 1,
        scrollSum: 0,
        events: 0,
      }));
      await store.applyCounterDeltas({
        daily: daily.sort(compareDaily),
        hourly: hourly.sort(compareHourly),
      });
    }
  }
  await generateAccounts(store, sites);
  await generateImport(store, sites);
  return sites;
}

/** The site the import is applied to (a Plausible export of 2024-01-01 and 02). */
const importedDomain = 'one.test';

async function generateImport(store: Store, sites: SiteRecord[]): Promise<void> {
  const dir = freshDataDir('pomelo-migrate-import-');
  try {
    const files: Record<string, string> = {};
    // The fixture is an export of example.com: its hostnames become the site's.
    for (const [name, rows] of Object.entries(plausibleFiles)) {
      files[name] = csv(
        rows.map((r) =>
          r.map((c) =>
            typeof c === 'string' ? c.replace(/^(www\.)?example\.com$/, importedDomain) : c,
          ),
        ),
      );
    }
    const file = await writeZip(path.join(dir, 'plausible.zip'), files);
    await runImport(store, {
      kind: 'plausible',
      path: file,
      fileName: 'plausible.zip',
      site: sites.find((s) => s.domain === importedDomain)!,
      createdBy: null,
      origin: 'cli',
      now: new Date('2025-02-01T00:00:00Z'),
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Totals and every value of a few dimensions, over the imported days and the native ones. */
async function reportsOf(store: Store, siteId: number, withImports: boolean) {
  const reports = withImports ? store.reports : store.reportsWithoutImports;
  const range = { siteId, fromDay: '2024-01-01', toDay: '2025-01-31' };
  const out: Record<string, unknown> = {
    total: await reports.rangeTotals({ ...range, dimension: 'total' }),
    days: await reports.dailyTotals({ ...range, dimension: 'total' }),
  };
  for (const dimension of ['page', 'source', 'country'] as Dimension[]) {
    const top = await reports.topValues({
      ...range,
      dimension,
      orderBy: 'pageviews',
      direction: 'desc',
      limit: 10_000,
      offset: 0,
    });
    // Ties are ordered by value, which the two databases may collate differently.
    out[dimension] = {
      totalRows: top.totalRows,
      rows: top.rows.sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0)),
    };
  }
  return out;
}

/** An org with two members, a session, an invitation, an API key, a shared link and audit rows. */
async function generateAccounts(store: Store, sites: SiteRecord[]): Promise<void> {
  const a = store.accounts;
  const at = new Date('2025-01-02T00:00:00Z');
  const iso = at.toISOString();
  await a.createOrg('Gone agency', at); // removed below: leaves a gap in the org ids
  const org = await a.createOrg('Agency "Ü"', at);
  await a.deleteOrg(1);
  const owner = await a.createUser('owner@example.test', '$argon2id$v=19$fake-hash', at);
  const viewer = await a.createUser('viewer@example.test', '$argon2id$v=19$other', at);
  await a.putMembership(org.id, owner.id, 'owner', at);
  await a.putMembership(org.id, viewer.id, 'viewer', at);
  await a.createSession({
    idHash: 'a'.repeat(64),
    userId: owner.id,
    createdAt: iso,
    lastSeenAt: iso,
    expiresAt: '2025-02-01T00:00:00.000Z',
  });
  await a.createApiKey({
    id: 'key1',
    userId: owner.id,
    name: 'CI',
    prefix: 'pk_abcd',
    keyHash: 'b'.repeat(64),
    siteIds: [sites[0]!.id],
    createdAt: iso,
    lastUsedAt: null,
    revokedAt: null,
  });
  await a.createSharedLink({
    siteId: sites[0]!.id,
    id: 'link1',
    tokenHash: 'c'.repeat(64),
    passwordHash: null,
    label: "it's shared",
    createdBy: owner.id,
    createdAt: iso,
    expiresAt: null,
    revokedAt: null,
    // Branding (issue 19) travels with the link.
    logoUrl: 'data:image/svg+xml;base64,PHN2Zy8+',
    accent: '#ff6600',
    frameAncestors: 'https://client.example',
  });
  for (const action of ['login', 'site.update', 'api_key.create']) {
    await a.appendAudit(
      {
        at: iso,
        orgId: org.id,
        actor: `user:${owner.id}`,
        action,
        target: 'site:1',
        details: '{"a":1}',
      },
      legacyHash,
    );
  }
}

/** Every row of every account table, in key order. */
async function accountRows(store: Store): Promise<Record<string, TableRow[]>> {
  const out: Record<string, TableRow[]> = {};
  for (const table of copiedTables) {
    out[table] = [];
    for await (const rows of store.tables.scan(table, 2)) out[table].push(...rows);
  }
  return out;
}

describe.runIf(testsPostgres())('migrate-data: SQLite → PostgreSQL', () => {
  const dir = freshDataDir('pomelo-migrate-');
  const file = path.join(dir, 'pomelo.db');
  let database: PgDatabase;
  let sites: SiteRecord[];

  beforeAll(async () => {
    const source = openSqliteStore(file);
    sites = await generateInstall(source);
    await source.close();
    database = await createPgDatabase();
  }, 120_000);

  afterAll(async () => {
    await database?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** How many rows the tables besides sites and counters hold (the source's by default). */
  async function otherRows(store?: Store): Promise<number> {
    const s = store ?? openSqliteStore(file, { readonly: true });
    try {
      let n = 0;
      for (const table of copiedTables) n += await s.tables.count(table);
      return n;
    } finally {
      if (!store) await s.close();
    }
  }

  async function expectSameData(): Promise<{ daily: number; hourly: number }> {
    const source = openSqliteStore(file, { readonly: true });
    const target = openPgStore(database.url, { poolSize: 2 });
    try {
      expect(await target.listSites()).toEqual(await source.listSites());
      const accounts = await accountRows(source);
      expect(accounts.users).toHaveLength(2);
      expect(accounts.audit_log).toHaveLength(3);
      expect(accounts.imports).toHaveLength(1);
      expect(accounts.shared_links).toEqual([
        expect.objectContaining({ accent: '#ff6600', frameAncestors: 'https://client.example' }),
      ]);
      expect(accounts.import_daily!.length).toBeGreaterThan(5);
      expect(await accountRows(target)).toEqual(accounts);
      let daily = 0;
      let hourly = 0;
      for (const site of sites) {
        const want = await source.dailyRows(site.id);
        expect(await target.dailyRows(site.id)).toEqual(want);
        expect(await target.hourlyRows(site.id)).toEqual(await source.hourlyRows(site.id));
        daily += want.length;
        hourly += (await source.hourlyRows(site.id)).length;
      }
      return { daily, hourly };
    } finally {
      await source.close();
      await target.close();
    }
  }

  test('copies sites (same ids) and every counter row; new sites get fresh ids', async () => {
    const started = Date.now();
    const result = await pomelo(
      'migrate-data',
      '--from',
      `sqlite:${file}`,
      '--to',
      database.url,
      '--chunk',
      '1000',
    );
    console.info(`migrate-data: CLI run took ${Date.now() - started} ms`);
    expect(result.stderr).toMatch(
      /counter rows \[#{30}\] 100% [\d,]+\/[\d,]+ rows, [\d,]+ rows\/s, done in/,
    );
    expect(result).toMatchObject({ code: 0 });
    const copied = await otherRows();
    expect(result.stdout).toMatch(
      new RegExp(
        `copied 4 sites, \\d+ daily and 2400 hourly counter rows, ${copied} rows of the other tables \\(accounts, goals, mail, imports\\); row counts, per-site sums and every other row match`,
      ),
    );
    const counts = await expectSameData();
    expect(counts.daily).toBeGreaterThan(10_000);
    expect(counts.hourly).toBe(4 * 25 * 24);
    expect(sites.map((s) => s.id)).toEqual([5, 4, 1, 2]); // listSites orders by domain

    const target = openPgStore(database.url, { poolSize: 1 });
    const source = openSqliteStore(file, { readonly: true });
    try {
      // Reports with and without the import answer the same on both databases …
      const site = sites.find((x) => x.domain === importedDomain)!;
      const withImports = await reportsOf(source, site.id, true);
      const withoutImports = await reportsOf(source, site.id, false);
      expect(withImports).not.toEqual(withoutImports);
      expect(await reportsOf(target, site.id, true)).toEqual(withImports);
      expect(await reportsOf(target, site.id, false)).toEqual(withoutImports);
      // … and the import can be removed on the target: its reports are then the source's without it.
      const [imported] = await target.imports.list(site.id);
      expect(imported).toMatchObject({ fileName: 'plausible.zip', state: 'applied' });
      expect(await target.imports.remove(site.id, imported!.id)).toBe(true);
      expect(await target.imports.list(site.id)).toEqual([]);
      expect(await reportsOf(target, site.id, true)).toEqual(withoutImports);
      expect(await reportsOf(target, site.id, false)).toEqual(withoutImports);

      expect((await target.addSite({ domain: 'new.test', timezone: 'UTC' }, new Date())).id).toBe(
        6,
      );
      await target.removeSite('new.test');
      // Explicit ids moved the serial sequences on: the next org, user and audit row get new ids.
      expect((await target.accounts.createOrg('New', new Date())).id).toBe(3);
      expect((await target.accounts.createUser('new@example.test', 'h', new Date())).id).toBe(3);
    } finally {
      await source.close();
      await target.close();
    }
  }, 180_000);

  test('refuses a target that holds data; --force replaces it instead of adding to it', async () => {
    const refused = await pomelo('migrate-data', '--from', `sqlite:${file}`, '--to', database.url);
    expect(refused.code).toBe(2);
    // The source's rows, less the removed import and its ledger, plus the new org and user.
    const target = openPgStore(database.url, { poolSize: 1 });
    const held = await otherRows(target);
    await target.close();
    expect(refused.stderr).toMatch(
      new RegExp(
        `the target already holds 4 sites, \\d+ counter rows and ${held} rows of the other tables; pass --force`,
      ),
    );

    const forced = await pomelo(
      'migrate-data',
      '--from',
      `sqlite:${file}`,
      '--to',
      database.url,
      '--force',
    );
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(
      /--force: removed 4 sites, their counters and the rows of every other copied table/,
    );
    await expectSameData();
  }, 180_000);

  test('usage errors are refused before anything is written', async () => {
    const [missingTo, missingFile, badUrl] = await Promise.all([
      pomelo('migrate-data', '--from', `sqlite:${file}`),
      pomelo('migrate-data', '--from', `sqlite:${dir}/missing.db`, '--to', database.url),
      pomelo('migrate-data', '--from', 'mysql://x', '--to', database.url),
    ]);
    expect(missingTo).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--from and --to are both required/),
    });
    expect(missingFile).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/missing\.db: no such file/),
    });
    expect(badUrl).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/expected sqlite:<file> or postgres:\/\//),
    });
    expect(fs.existsSync(path.join(dir, 'missing.db'))).toBe(false);
  }, 60_000);

  test('a copy that differs from its source fails with every difference named', async () => {
    // A source that loses one row on the way (as if it changed during the copy).
    const real = openSqliteStore(file, { readonly: true });
    const lossy: Store = {
      ...real,
      async *scanDailyRows(chunk) {
        let first = true;
        for await (const rows of real.scanDailyRows(chunk)) {
          yield first ? rows.slice(1) : rows;
          first = false;
        }
      },
    };
    const other = await createPgDatabase();
    const target = openPgStore(other.url, { poolSize: 2 });
    try {
      const error = await migrateData(
        lossy,
        target,
        { force: false, chunk: 500 },
        { out: () => {} },
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MigrationMismatchError);
      const message = (error as Error).message;
      expect(message).toMatch(/daily_counters: \d+ rows in the source, \d+ in the target/);
      expect(message).toMatch(
        /daily_counters, site 1: (\d+) rows in the source, \d+ in the target/,
      );
    } finally {
      await real.close();
      await target.close();
      await other.drop();
    }
  }, 120_000);
});
