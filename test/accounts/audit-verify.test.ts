// GET /api/orgs/:orgId/audit/verify: the whole chain is checked; an org's owners see the ids of
// breaks in their own rows and only a count of breaks in rows they may not see.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { auditTrailOf, writeCheckpoint } from '../../server/accounts/audit-trail.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { deleteLastAuditRow, rewriteAuditRowUnkeyed } from './audit-tamper.js';
import { addUser, login, rawSql, setupOwner, testEnv, type Client } from './support.js';

const password = 'verify pomelo password 1';

describe('audit chain verification over the API', () => {
  let server: TestServer;
  let ownerA: Client;
  let ownerB: Client;
  let orgA: number;
  let orgB: number;

  beforeAll(async () => {
    server = await startTestServer({ env: testEnv });
    const a = await setupOwner(server, 'owner-a@verify.test', password, 'Org A');
    ownerA = a.client;
    orgA = a.orgId;
    const b = await addUser(server, 'owner-b@verify.test', password, 'Org B', 'owner');
    orgB = b.orgId;
    ownerB = await login(server, 'owner-b@verify.test', password);
    await ownerA.post(`/api/orgs/${orgA}/sites`, { domain: 'a.verify.test', timezone: 'UTC' });
    await ownerB.post(`/api/orgs/${orgB}/sites`, { domain: 'b.verify.test', timezone: 'UTC' });
  });
  afterAll(() => server?.close());

  test('an intact chain', async () => {
    const all = await server.pomelo.store.accounts.auditRows();
    const r = await ownerA.get(`/api/orgs/${orgA}/audit/verify`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      intact: true,
      checkedRows: all.length,
      head: all.at(-1)!.hash,
      breaks: [],
      otherBreaks: 0,
      checkpoint: expect.objectContaining({ rows: expect.any(Number) }),
      checkpointProblem: null,
      invalidCheckpointLines: 0,
    });
  });

  test('a modified row: its org sees the id, another org only a count', async () => {
    const all = await server.pomelo.store.accounts.auditRows();
    const created = all.find((row) => row.action === 'site.create' && row.orgId === orgA)!;
    await rawSql(server, `UPDATE audit_log SET target = 'site:999' WHERE id = ${created.id}`);
    const a = await ownerA.get(`/api/orgs/${orgA}/audit/verify`);
    expect(a.body).toMatchObject({
      intact: false,
      breaks: [{ id: created.id, problem: 'altered_row' }],
      otherBreaks: 0,
    });
    const b = await ownerB.get(`/api/orgs/${orgB}/audit/verify`);
    expect(b.body).toMatchObject({ intact: false, breaks: [], otherBreaks: 1 });
  });
});

// Issue 11, item 4: truncation and rewrites without the key, against the signed checkpoint.
describe('audit verification against the checkpoint outside the database', () => {
  let server: TestServer;
  let owner: Client;
  let orgId: number;

  beforeAll(async () => {
    server = await startTestServer({ env: testEnv });
    const a = await setupOwner(server, 'owner@tamper.test', password, 'Tamper Org');
    owner = a.client;
    orgId = a.orgId;
    await owner.post(`/api/orgs/${orgId}/sites`, { domain: 'tamper.test', timezone: 'UTC' });
    await owner.post(`/api/orgs/${orgId}/sites`, { domain: 'tamper2.test', timezone: 'UTC' });
  });
  afterAll(() => server?.close());

  test('a deleted last row is reported as a truncation', async () => {
    const cp = await writeCheckpoint(server.store, auditTrailOf(server.store), Date.now());
    const r0 = await owner.get(`/api/orgs/${orgId}/audit/verify`);
    expect(r0.body).toMatchObject({ intact: true, checkpointProblem: null });
    const lastId = await deleteLastAuditRow(server);
    expect(lastId).toBe(cp!.lastId);
    const r = await owner.get(`/api/orgs/${orgId}/audit/verify`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      intact: false,
      breaks: [],
      checkpointProblem: { problem: 'truncated' },
    });
    expect(r.body.checkpointProblem.message).toContain(`checkpoint at row ${cp!.lastId}`);
    // A later checkpoint does not launder the truncation: verify still compares with the old one.
    await writeCheckpoint(server.store, auditTrailOf(server.store), Date.now());
    const again = await owner.get(`/api/orgs/${orgId}/audit/verify`);
    expect(again.body.checkpointProblem).toMatchObject({ problem: 'truncated' });
  });

  test('an edited row with every later hash recomputed without the key is named', async () => {
    const rows = await server.store.accounts.auditRows();
    const victim = rows.find((r) => r.action === 'site.create' && r.orgId === orgId)!;
    await rewriteAuditRowUnkeyed(server, victim.id, 'site:999');
    const r = await owner.get(`/api/orgs/${orgId}/audit/verify`);
    expect(r.body.intact).toBe(false);
    expect(r.body.breaks[0]).toEqual({ id: victim.id, problem: 'altered_row' });
  });
});
