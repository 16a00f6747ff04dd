// Issue 14 acceptance 2: a server process killed with SIGKILL in the middle of a send (the SMTP
// server holds its answer to the message's data, so the message is not yet accepted) leads to one
// delivery, not zero and not two: the restarted process takes the message over once its lease ran
// out and sends it again, with the same Message-ID. Real child processes (server/main.ts), on
// SQLite and on PostgreSQL.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { openStore } from '../../server/store/open.js';
import type { Store } from '../../server/store/types.js';
import { freshDir, startChild, type ChildServer } from '../durability/child-server.js';
import { createPgDatabase, testBackends, type PgDatabase } from '../support/db.js';
import { startSmtp, type TestSmtp } from '../support/smtp.js';

const children: ChildServer[] = [];
const dirs: string[] = [];
let smtp: TestSmtp | undefined;
let pg: PgDatabase | undefined;
afterEach(async () => {
  for (const c of children.splice(0)) if (c.proc.exitCode === null) c.proc.kill('SIGKILL');
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  await smtp?.close();
  await pg?.drop();
  pg = undefined;
});

describe.each(testBackends())('SIGKILL mid-send (%s)', (backend) => {
  test('the SMTP server holds the message, the node dies: exactly one delivery after restart', async () => {
    smtp = await startSmtp();
    const dataDir = freshDir('pomelo-mail-kill-');
    dirs.push(dataDir);
    pg = backend === 'postgres' ? await createPgDatabase() : undefined;
    const dbEnv: Record<string, string> = pg
      ? { POMELO_DATABASE_URL: pg.url, POMELO_AUDIT_KEY: crypto.randomBytes(32).toString('hex') }
      : {};
    const open = (): Promise<Store> =>
      openStore(loadConfig({ POMELO_DATA_DIR: dataDir, ...dbEnv }));
    const logRows = async () => {
      const store = await open();
      try {
        const site = await store.siteByDomain('kill.example');
        return await store.mail.logRows(site!.id);
      } finally {
        await store.close();
      }
    };
    const store = await open();
    await store.migrate();
    const site = await store.addSite({ domain: 'kill.example', timezone: 'UTC' }, new Date());
    await store.mail.saveMail(
      site.id,
      { weekly: true, monthly: false, hour: 0, spikePercent: 0, quietHours: 0, cooldownHours: 24 },
      [{ address: 'client@client.test', locale: 'en', reports: true, alerts: false }],
      '2020-01-01T00:00:00.000Z',
    );
    await store.close();
    const env = {
      ...dbEnv,
      POMELO_SMTP_URL: smtp.url,
      POMELO_MAIL_FROM: 'stats@pomelo.test',
      POMELO_MAIL_CHECK_SECONDS: '1',
      POMELO_MAIL_LEASE_SECONDS: '6',
    };

    smtp.hold();
    const held = smtp.held();
    const first = await startChild({ dataDir, env });
    children.push(first);
    await held; // the message's data has reached the SMTP server, which has not answered yet
    first.proc.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    await new Promise((r) => setTimeout(r, 300));
    smtp.release(); // too late: its connection is gone, so nothing was accepted
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.delivered).toHaveLength(0);
    const claimed = await logRows();
    expect(claimed.map((r) => [r.status, r.attempts])).toEqual([['sending', 1]]);

    const second = await startChild({ dataDir, env });
    children.push(second);
    // Once the dead node's lease ran out, then once only.
    await smtp.waitFor(1, 20_000).catch(async (err: Error) => {
      throw new Error(`${err.message}\n${second.output()}\n${JSON.stringify(await logRows())}`);
    });
    await new Promise((r) => setTimeout(r, 3_000)); // more ticks: nothing more
    expect(smtp.delivered).toHaveLength(1);
    expect(smtp.attempts()).toBe(2);
    second.proc.kill('SIGTERM');
    await second.exited;
    const rows = await logRows();
    expect(rows.map((r) => [r.recipient, r.status, r.attempts])).toEqual([
      ['client@client.test', 'sent', 2],
    ]);
    expect(smtp.delivered[0]!.mail.messageId).toBe(rows[0]!.messageId);
    expect(smtp.delivered[0]!.mail.date!.getTime()).toBeGreaterThanOrEqual(
      Math.floor(claimed[0]!.leaseUntil / 1000) * 1000,
    );
  });
});
