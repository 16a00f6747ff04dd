// Issue 14 §4 and acceptance 2: two nodes on one database (two app instances, each its own store
// and job runner) sending the same reports at the same moments deliver each exactly once; a node
// restarted after downtime with its clock past schedule boundaries sends each missed report once,
// not once per missed tick. SQLite (two connections on one file) and PostgreSQL.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { createLogger } from '../../server/log.js';
import { startPomelo, type RunningPomelo } from '../../server/server.js';
import { openStore } from '../../server/store/open.js';
import { openSqliteStore, sqliteFile } from '../../server/store/sqlite.js';
import type { MailSettings } from '../../server/store/mail-store.js';
import { createPgDatabase, testBackends, type Backend } from '../support/db.js';
import { freshDataDir } from '../support/server.js';
import { startSmtp, type TestSmtp } from '../support/smtp.js';

const auditKey = crypto.randomBytes(32).toString('hex');
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

interface Cluster {
  clock: { now: number };
  smtp: TestSmtp;
  node(): Promise<RunningPomelo>;
  siteId: number;
}

/** A database with one site and its mail settings; node() starts one more instance on it. */
async function cluster(backend: Backend, settings: Partial<MailSettings>, recipients: number) {
  const smtp = await startSmtp();
  cleanup.push(() => smtp.close());
  const pg = backend === 'postgres' ? await createPgDatabase() : undefined;
  if (pg) cleanup.push(() => pg.drop());
  const sharedDir = freshDataDir('pomelo-mail-nodes-');
  cleanup.push(async () => fs.rmSync(sharedDir, { recursive: true, force: true }));
  const clock = { now: Date.parse('2026-11-29T12:00:00Z') };
  const configFor = (dataDir: string) =>
    loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      POMELO_DATA_DIR: dataDir,
      POMELO_AUDIT_KEY: auditKey,
      POMELO_SMTP_URL: smtp.url,
      POMELO_MAIL_FROM: 'stats@pomelo.test',
      // Ticks every second on the real timer, reading the test's clock.
      POMELO_MAIL_CHECK_SECONDS: '1',
      POMELO_LOG_LEVEL: 'warn',
      ...(pg ? { POMELO_DATABASE_URL: pg.url } : {}),
    });
  const open = (dataDir: string) =>
    pg ? openStore(configFor(dataDir)) : Promise.resolve(openSqliteStore(sqliteFile(sharedDir)));
  const setup = await open(sharedDir);
  await setup.migrate();
  const site = await setup.addSite(
    { domain: 'nodes.example', timezone: 'Europe/Paris' },
    new Date(),
  );
  await setup.mail.saveMail(
    site.id,
    {
      weekly: true,
      monthly: false,
      hour: 8,
      spikePercent: 0,
      quietHours: 0,
      cooldownHours: 24,
      ...settings,
    },
    Array.from({ length: recipients }, (_, i) => ({
      address: `r${i}@client.test`,
      locale: 'en',
      reports: true,
      alerts: false,
    })),
    '2026-11-25T00:00:00.000Z',
  );
  await setup.close();
  const c: Cluster = {
    clock,
    smtp,
    siteId: site.id,
    async node() {
      // Each node its own data directory (SQLite: the shared file is opened by path).
      const dataDir = pg ? freshDataDir('pomelo-mail-node-') : sharedDir;
      if (pg) cleanup.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
      const config = configFor(pg ? dataDir : sharedDir);
      const store = await open(dataDir);
      const node = await startPomelo({
        config,
        store,
        log: createLogger('warn', () => {}),
        now: () => clock.now,
      });
      let stopped = false;
      cleanup.push(async () => {
        if (!stopped) await node.stop();
      });
      const stop = node.stop;
      node.stop = async () => {
        stopped = true;
        await stop();
      };
      return node;
    },
  };
  return c;
}

const addresses = (smtp: TestSmtp) => smtp.delivered.map((m) => m.to.join(',')).sort();

describe.each(testBackends())('exactly once (%s)', (backend) => {
  test('two nodes running the job at the same moments: each report arrives once', async () => {
    const c = await cluster(backend, {}, 12);
    const [a, b] = [await c.node(), await c.node()];
    // Monday 30 Nov, 08:00 in Paris: the week of 23 Nov is due. Both nodes' timers run too.
    c.clock.now = Date.parse('2026-11-30T07:00:00Z');
    const passes = await Promise.all(
      Array.from({ length: 4 }, (_, i) => (i % 2 ? a : b).mailer.run(c.clock.now)),
    );
    await new Promise((r) => setTimeout(r, 2_500)); // a few real ticks of both runners
    await Promise.all([a.mailJobs.runDue(), b.mailJobs.runDue()]);
    const sent = passes.flat().filter((o) => o === 'sent').length;
    expect(sent).toBeGreaterThan(0);
    expect(addresses(c.smtp)).toEqual(
      Array.from({ length: 12 }, (_, i) => `r${i}@client.test`).sort(),
    );
    expect(c.smtp.attempts()).toBe(12);
    const rows = await a.store.mail.logRows(c.siteId);
    expect(rows.map((r) => [r.period, r.status, r.attempts])).toEqual(
      Array.from({ length: 12 }, () => ['2026-11-23', 'sent', 1]),
    );
    // Each row was claimed by the node that sent it: both nodes' names appear only as holders of
    // leases they released.
    expect(rows.every((r) => r.leaseOwner === null)).toBe(true);
  });

  test('a node restarted after downtime, clock past the boundaries: each missed report once', async () => {
    const c = await cluster(backend, { monthly: true }, 2);
    // Sunday 29 Nov: the last due week (16 Nov) was due before the recipients were added.
    const first = await c.node();
    await first.mailer.run(c.clock.now);
    await new Promise((r) => setTimeout(r, 1_200));
    expect(c.smtp.delivered).toHaveLength(0);
    await first.stop();

    // Down over Monday 30 Nov 08:00 (weekly) and Tuesday 1 Dec 08:00 (monthly): back on Wednesday.
    c.clock.now = Date.parse('2026-12-02T10:00:00Z');
    const again = await c.node();
    await c.smtp.waitFor(4);
    // Many ticks later, on the same and following days: nothing more.
    for (const at of ['2026-12-02T10:00:30Z', '2026-12-03T09:00:00Z', '2026-12-06T23:00:00Z']) {
      c.clock.now = Date.parse(at);
      expect(await again.mailer.run(c.clock.now)).toEqual([]);
    }
    await new Promise((r) => setTimeout(r, 1_500));
    const subjects = c.smtp.delivered.map((m) => `${m.to[0]} ${m.mail.subject}`).sort();
    expect(subjects).toEqual([
      'r0@client.test nodes.example: report for November 2026',
      'r0@client.test nodes.example: weekly report, Nov 23, 2026 – Nov 29, 2026',
      'r1@client.test nodes.example: report for November 2026',
      'r1@client.test nodes.example: weekly report, Nov 23, 2026 – Nov 29, 2026',
    ]);
    // The next Monday brings the next week, once.
    // (The node's own job ticks every second meanwhile: the count, not one run's result, is checked.)
    c.clock.now = Date.parse('2026-12-07T07:00:00Z');
    await c.smtp.waitFor(6);
    expect(await again.mailer.run(c.clock.now)).toEqual([]);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(c.smtp.delivered).toHaveLength(6);

    // Down over two Mondays (14 and 21 Dec): both missed weeks arrive, each once.
    await again.stop();
    c.clock.now = Date.parse('2026-12-22T10:00:00Z');
    const later = await c.node();
    await c.smtp.waitFor(10);
    expect(await later.mailer.run(c.clock.now)).toEqual([]);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(c.smtp.delivered).toHaveLength(10);
    expect(
      c.smtp.delivered
        .slice(6)
        .map((m) => `${m.to[0]} ${m.mail.subject}`)
        .sort(),
    ).toEqual([
      'r0@client.test nodes.example: weekly report, Dec 14, 2026 – Dec 20, 2026',
      'r0@client.test nodes.example: weekly report, Dec 7, 2026 – Dec 13, 2026',
      'r1@client.test nodes.example: weekly report, Dec 14, 2026 – Dec 20, 2026',
      'r1@client.test nodes.example: weekly report, Dec 7, 2026 – Dec 13, 2026',
    ]);
  });
});
