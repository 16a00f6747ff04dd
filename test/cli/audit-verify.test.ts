// `npm run pomelo -- audit verify` against a tampered SQLite file: a deleted tail or a rewritten
// row (hashes recomputed without the key) exits non-zero naming the problem (issue 11, item 4).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, expect, test } from 'vitest';
import { auditKeyFile } from '../../server/accounts/audit-trail.js';
import { rewriteAuditRowUnkeyed } from '../accounts/audit-tamper.js';
import { addUser, setupOwner } from '../accounts/support.js';
import { legacyHash, rekeyAction } from '../../server/accounts/audit-chain.js';
import { openSqliteStore } from '../../server/store/sqlite.js';
import { freshDataDir, startTestServer, type TestServer } from '../support/server.js';

const run = promisify(execFile);
const password = 'audit cli pomelo password 1';
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function verify(dataDir: string) {
  try {
    const { stdout, stderr } = await run(
      'node',
      ['--import', 'tsx', 'server/cli/main.ts', 'audit', 'verify'],
      { env: { ...process.env, POMELO_DATABASE_URL: '', POMELO_DATA_DIR: dataDir } },
    );
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** A server with some audit rows, stopped cleanly (which writes a checkpoint). */
async function stoppedServer(): Promise<TestServer> {
  server = await startTestServer({ backend: 'sqlite' });
  const owner = await setupOwner(server, 'owner@cli-audit.test', password, 'Org');
  await owner.client.post(`/api/orgs/${owner.orgId}/sites`, {
    domain: 'cli-audit.test',
    timezone: 'UTC',
  });
  await addUser(server, 'viewer@cli-audit.test', password, 'Org', 'viewer');
  await server.pomelo.stop();
  return server;
}

test('the key file is created at first start, mode 0600; an intact log verifies', async () => {
  const s = await stoppedServer();
  expect(fs.statSync(auditKeyFile(s.dataDir)).mode & 0o777).toBe(0o600);
  const checkpoints = fs.readFileSync(path.join(s.dataDir, 'audit.checkpoints'), 'utf8');
  expect(checkpoints.trim().split('\n').length).toBeGreaterThan(0);
  const r = await verify(s.dataDir);
  expect(r.stdout).toMatch(/chain intact/);
  expect(r.code).toBe(0);
});

test('deleting the last row is reported as a truncation', async () => {
  const s = await stoppedServer();
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(path.join(s.dataDir, 'pomelo.db'));
  const before = (db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
  db.prepare('DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)').run();
  db.close();
  const r = await verify(s.dataDir);
  expect(r.code).toBe(1);
  expect(r.stdout).toContain(`audit log truncated: checkpoint at row ${before} (`);
  expect(r.stdout).toContain(`only ${before - 1} rows remain`);
});

test('a row edited and every later hash recomputed with SHA-256 is named', async () => {
  server = await startTestServer({ backend: 'sqlite' });
  const owner = await setupOwner(server, 'owner@cli-audit.test', password, 'Org');
  await owner.client.post(`/api/orgs/${owner.orgId}/sites`, {
    domain: 'cli-audit.test',
    timezone: 'UTC',
  });
  await addUser(server, 'viewer@cli-audit.test', password, 'Org', 'viewer');
  const rows = await server.store.accounts.auditRows();
  const victim = rows[2]!;
  await rewriteAuditRowUnkeyed(server, victim.id, 'site:999');
  const r = await verify(server.dataDir);
  expect(r.code).toBe(1);
  expect(r.stdout).toContain(`audit row ${victim.id} rewritten`);
  expect(r.stdout).not.toMatch(/chain intact/);
});

test('truncating after the checkpoint and forging a new tail without the key is still found', async () => {
  const s = await stoppedServer();
  // The attacker drops the tail and appends one plausible row hashed as an unkeyed chain would be.
  await replaceLastAuditRow(s.dataDir);
  const r = await verify(s.dataDir);
  expect(r.code).toBe(1);
  expect(r.stdout).toMatch(/audit row \d+ rewritten|audit log truncated/);
});

test('an install from before keyed chains: its SHA-256 rows still verify, continued by a rekey row', async () => {
  const dataDir = freshDataDir('pomelo-legacy-audit-');
  try {
    const store = openSqliteStore(path.join(dataDir, 'pomelo.db'));
    await store.migrate();
    for (const target of ['user:1', 'user:2', 'user:3'])
      await store.accounts.appendAudit(
        {
          at: '2026-01-01T00:00:00.000Z',
          orgId: null,
          actor: 'cli',
          action: 'login.success',
          target,
          details: '{}',
        },
        legacyHash,
      );
    await store.close();
    const first = await verify(dataDir);
    expect(first.stdout).toMatch(/^4 rows, chain intact/m);
    expect(first.code).toBe(0);
    const reopened = openSqliteStore(path.join(dataDir, 'pomelo.db'));
    const rows = await reopened.accounts.auditRows();
    await reopened.close();
    expect(rows.map((r) => r.action)).toEqual([
      'login.success',
      'login.success',
      'login.success',
      rekeyAction,
    ]);
    // The legacy rows are covered by the keyed rekey row: rewriting them all unkeyed is found.
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(path.join(dataDir, 'pomelo.db'));
    let prev = rows[0]!.prevHash;
    for (const r of rows.slice(0, 3)) {
      const edited = r.id === 2 ? { ...r, target: 'user:9' } : r;
      const hash = legacyHash(prev, edited);
      db.prepare('UPDATE audit_log SET target = ?, prev_hash = ?, hash = ? WHERE id = ?').run(
        edited.target,
        prev,
        hash,
        r.id,
      );
      prev = hash;
    }
    db.close();
    const second = await verify(dataDir);
    expect(second.code).toBe(1);
    expect(second.stdout).toMatch(/chain broken at row 4|audit row 4 rewritten/);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

async function replaceLastAuditRow(dataDir: string) {
  const { default: Database } = await import('better-sqlite3');
  const { legacyHash } = await import('../../server/accounts/audit-chain.js');
  const db = new Database(path.join(dataDir, 'pomelo.db'));
  db.prepare('DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)').run();
  const last = db.prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT 1').get() as {
    hash: string;
  };
  const entry = {
    at: new Date().toISOString(),
    orgId: null,
    actor: 'anonymous',
    action: 'login.failure',
    target: 'unknown_account',
    details: '{}',
  };
  db.prepare(
    'INSERT INTO audit_log (at, org_id, actor, action, target, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(
    entry.at,
    null,
    entry.actor,
    entry.action,
    entry.target,
    entry.details,
    last.hash,
    legacyHash(last.hash, entry),
  );
  db.close();
}
