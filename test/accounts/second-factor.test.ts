// The second factor over real HTTP on both backends: TOTP enrolment and sign-in with codes computed
// here from the secret at the server's (controlled) clock, replay refused, recovery codes used once,
// lock-out counting wrong codes, re-authentication before removal, the audit trail, and an org that
// requires a second factor. Passkeys run in Chromium (test/e2e/dashboard-second-factor.test.ts).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { totpCode } from '../../server/accounts/totp.js';
import { userResetSecondFactor } from '../../server/cli/users.js';
import { runCommand } from '../support/cli.js';
import { startTestServer, type TestServer } from '../support/server.js';
import {
  addUser,
  Client,
  databaseText,
  login,
  longSessions,
  setupOwner,
  testEnv,
} from './support.js';

const password = 'second factor pomelo password 1';

describe('second factor', () => {
  let server: TestServer;
  let clock = Date.parse('2026-11-01T12:00:00Z');
  const step = () => (clock += 30_000); // the next RFC 6238 step
  let owner: Awaited<ReturnType<typeof setupOwner>>;

  beforeAll(async () => {
    server = await startTestServer({ env: { ...testEnv, ...longSessions }, now: () => clock });
    owner = await setupOwner(server, 'owner@example.test', password, 'Org');
  });
  afterAll(() => server.close());

  /** Signs in with a password; returns the pending-login token (and the client, still without a session). */
  async function firstStep(email: string) {
    const client = new Client(server.url);
    const r = await client.post('/api/auth/login', { email, password });
    expect(r.status).toBe(200);
    expect(r.body.user).toBeUndefined();
    expect(client.cookie).toBeUndefined();
    return { client, token: r.body.secondFactor.token as string, offer: r.body.secondFactor };
  }

  async function enrolTotp(client: Client) {
    const begun = await client.post('/api/auth/second-factor/totp');
    expect(begun.status).toBe(201);
    const secret = begun.body.secret as string;
    expect(begun.body.uri).toContain(`secret=${secret}`);
    expect(begun.body.qr).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(begun.body.qr.split(',')[1], 'base64').toString()).toContain('<svg');
    const wrong = await client.post('/api/auth/second-factor/totp/confirm', {
      code: totpCode(secret, clock - 5 * 60_000),
    });
    expect(wrong.status).toBe(400);
    const ok = await client.post('/api/auth/second-factor/totp/confirm', {
      code: totpCode(secret, clock),
    });
    expect(ok.status).toBe(200);
    return { secret, recoveryCodes: ok.body.recoveryCodes as string[] };
  }

  test('TOTP: enrolment, sign-in with a code, no replay, recovery codes once, lock-out, removal', async () => {
    const { secret, recoveryCodes } = await enrolTotp(owner.client);
    expect(recoveryCodes).toHaveLength(10);
    expect(await owner.client.get('/api/auth/second-factor')).toMatchObject({
      status: 200,
      body: { totp: true, passkeys: [], recoveryCodesLeft: 10 },
    });
    // Neither the secret nor a recovery code is in the database in clear.
    const stored = await databaseText(server);
    expect(stored).not.toContain(secret);
    for (const c of recoveryCodes) expect(stored).not.toContain(c);
    // The enrolment code cannot sign in within its window: its step is used.
    const first = await firstStep('owner@example.test');
    expect(first.offer).toMatchObject({ totp: true, passkey: false, recoveryCode: true });
    expect((await first.client.get('/api/auth/me')).status).toBe(401);
    const replay = await first.client.post('/api/auth/login/second-factor', {
      token: first.token,
      code: totpCode(secret, clock),
    });
    expect(replay.status).toBe(401);
    step();
    const code = totpCode(secret, clock);
    const signedIn = await first.client.post('/api/auth/login/second-factor', {
      token: first.token,
      code,
    });
    expect(signedIn.status).toBe(200);
    expect(first.client.cookie).toMatch(/^pomelo_session=/);
    expect((await first.client.get('/api/auth/me')).status).toBe(200);
    // The token is spent, and the same code does not open a second pending login.
    expect(
      (await first.client.post('/api/auth/login/second-factor', { token: first.token, code }))
        .status,
    ).toBe(401);
    const again = await firstStep('owner@example.test');
    expect(
      (await again.client.post('/api/auth/login/second-factor', { token: again.token, code }))
        .status,
    ).toBe(401);

    // A recovery code signs in once (typed in capitals and without dashes), never twice.
    const rc = recoveryCodes[3]!;
    const byCode = await firstStep('owner@example.test');
    const used = await byCode.client.post('/api/auth/login/second-factor', {
      token: byCode.token,
      recoveryCode: rc.toUpperCase().replace(/-/g, ''),
    });
    expect(used.status).toBe(200);
    const twice = await firstStep('owner@example.test');
    const reused = await twice.client.post('/api/auth/login/second-factor', {
      token: twice.token,
      recoveryCode: rc,
    });
    expect(reused.status).toBe(401);
    expect((await owner.client.get('/api/auth/second-factor')).body.recoveryCodesLeft).toBe(9);

    // Lock-out: wrong codes count as failed logins (the reused recovery code above was the first
    // since the last success); a correct password in between does not reset the count; the fifth locks.
    const guess = await firstStep('owner@example.test');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await guess.client.post('/api/auth/login/second-factor', {
        token: guess.token,
        code: '000000',
      });
      statuses.push(r.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    const locked = await new Client(server.url).post('/api/auth/login', {
      email: 'owner@example.test',
      password,
    });
    expect(locked.status).toBe(429);
    clock += 60 * 60_000; // the lock ends
    const late = await firstStep('owner@example.test');
    const fine = await late.client.post('/api/auth/login/second-factor', {
      token: late.token,
      code: totpCode(secret, clock),
    });
    expect(fine.status).toBe(200);
    expect((await server.store.accounts.userByEmail('owner@example.test'))!.failedLogins).toBe(0);

    // A pending login expires after five minutes.
    const slow = await firstStep('owner@example.test');
    clock += 5 * 60_000 + 1;
    const expired = await slow.client.post('/api/auth/login/second-factor', {
      token: slow.token,
      code: totpCode(secret, clock),
    });
    expect(expired.status).toBe(401);

    // Removal needs the password (or a current code); after it, the password alone signs in.
    const session = late.client;
    expect(
      (await session.post('/api/auth/second-factor/totp/remove', { password: 'wrong one' })).status,
    ).toBe(403);
    expect((await session.post('/api/auth/second-factor/totp/remove', { password })).status).toBe(
      204,
    );
    expect((await session.get('/api/auth/second-factor')).body).toMatchObject({
      totp: false,
      recoveryCodesLeft: 0,
    });
    await login(server, 'owner@example.test', password);

    const audit = await owner.client.get(`/api/orgs/${owner.orgId}/audit`);
    const actions = (audit.body.rows as { action: string; details: string }[]).map((r) => r.action);
    for (const a of [
      'second_factor.totp_enrol',
      'second_factor.recovery_codes',
      'login.second_step',
      'second_factor.recovery_code_use',
      'second_factor.totp_remove',
    ])
      expect(actions).toContain(a);
    const logins = (audit.body.rows as { action: string; details: string }[]).filter(
      (r) => r.action === 'login.success' && r.details.includes('secondFactor'),
    );
    expect(logins.map((r) => JSON.parse(r.details).secondFactor)).toEqual([
      'totp',
      'recovery_code',
      'totp',
    ]);
  });

  test('bad input: malformed bodies and unknown tokens are 4xx and change nothing', async () => {
    const c = new Client(server.url);
    expect((await c.post('/api/auth/login/second-factor', { token: 'x' })).status).toBe(400);
    expect(
      (await c.post('/api/auth/login/second-factor', { token: 'x', code: '1', recoveryCode: '2' }))
        .status,
    ).toBe(400);
    expect(
      (await c.post('/api/auth/login/second-factor', { token: 'pnd_x', code: '123456' })).status,
    ).toBe(401);
    expect((await c.post('/api/auth/login/passkey-options', { token: 'pnd_x' })).status).toBe(401);
    expect(
      (await c.post('/api/auth/login/second-factor', { token: 'pnd_x', passkey: { id: 1 } }))
        .status,
    ).toBe(400);
    const me = await login(server, 'owner@example.test', password);
    expect((await me.post('/api/auth/second-factor/totp/confirm', { code: '123456' })).status).toBe(
      409,
    );
    expect(
      (await me.post('/api/auth/second-factor/passkeys', { name: 'x', response: { id: 'a' } }))
        .status,
    ).toBe(400);
  });

  test('an org that requires a second factor refuses members without one until they enrol', async () => {
    const viewer = await addUser(server, 'viewer@example.test', password, 'Org', 'viewer');
    const site = await owner.client.post(`/api/orgs/${owner.orgId}/sites`, {
      domain: 'enforced.test',
      timezone: 'UTC',
    });
    expect(site.status).toBe(201);
    const ownerNow = await login(server, 'owner@example.test', password);
    // The owner cannot require what they do not have themselves.
    expect(
      (await ownerNow.request('PUT', `/api/orgs/${owner.orgId}/second-factor`, { required: true }))
        .status,
    ).toBe(409);
    step();
    const { secret } = await enrolTotp(ownerNow);
    const put = await ownerNow.request('PUT', `/api/orgs/${owner.orgId}/second-factor`, {
      required: true,
    });
    expect(put).toMatchObject({ status: 200, body: { required: true } });

    // The members list tells the owner who has a second factor.
    const members = (await ownerNow.get(`/api/orgs/${owner.orgId}/members`)).body.members as {
      email: string;
      secondFactor: boolean;
    }[];
    expect(Object.fromEntries(members.map((m) => [m.email, m.secondFactor]))).toEqual({
      'owner@example.test': true,
      'viewer@example.test': false,
    });
    const member = await login(server, 'viewer@example.test', password);
    const key = await member.post('/api/api-keys', {
      name: 'k',
      siteIds: [site.body.site.id],
    });
    expect(key.status).toBe(403);
    expect(key.body.error.code).toBe('second_factor_required');
    const me = await member.get('/api/auth/me');
    expect(me.body.secondFactorRequiredBy).toEqual([owner.orgId]);
    for (const path of [
      `/api/orgs/${owner.orgId}`,
      `/api/orgs/${owner.orgId}/sites`,
      `/api/sites/${site.body.site.id}`,
      `/api/sites/enforced.test/report?period=30d`,
    ]) {
      const r = await member.get(path);
      expect({ path, status: r.status, code: r.body?.error?.code }).toEqual({
        path,
        status: 403,
        code: 'second_factor_required',
      });
    }
    // The agency overview leaves the org's sites out (the owner still sees them).
    expect((await member.get('/api/overview')).body.results).toEqual([]);
    const seen = (await ownerNow.get('/api/overview')).body.results as { domain?: string }[];
    expect(JSON.stringify(seen)).toContain('enforced.test');
    // Enrolment stays open to them; afterwards the org answers.
    step();
    await enrolTotp(member);
    expect((await member.get(`/api/orgs/${owner.orgId}/sites`)).status).toBe(200);
    expect((await member.get('/api/auth/me')).body.secondFactorRequiredBy).toEqual([]);
    // Only an owner changes the requirement; the change is audited.
    expect(
      (await member.request('PUT', `/api/orgs/${owner.orgId}/second-factor`, { required: false }))
        .status,
    ).toBe(403);
    expect((await member.get(`/api/orgs/${owner.orgId}/second-factor`)).body).toEqual({
      required: true,
    });
    // While the org requires it, the member's last factor cannot be removed (409).
    const removeLast = await member.post('/api/auth/second-factor/totp/remove', { password });
    expect(removeLast.status).toBe(409);
    expect((await member.get('/api/auth/second-factor')).body.totp).toBe(true);
    const audit = await ownerNow.get(`/api/orgs/${owner.orgId}/audit`);
    const change = (audit.body.rows as { action: string; details: string }[]).find(
      (r) => r.action === 'org.second_factor_requirement',
    );
    expect(JSON.parse(change!.details)).toEqual({ required: true });
    void secret;
  });

  test('pomelo user reset-second-factor removes every factor and ends the sessions', async () => {
    const { userId } = await addUser(server, 'lost@example.test', password, 'Org', 'viewer');
    const member = await login(server, 'lost@example.test', password);
    step();
    await enrolTotp(member);
    await server.store.secondFactor.addPasskey({
      id: 'cred-lost',
      userId,
      name: 'old phone',
      publicKey: 'pk',
      counter: 0,
      transports: '[]',
      createdAt: new Date(clock).toISOString(),
      lastUsedAt: null,
    });
    const { lines } = await runCommand(userResetSecondFactor, {
      config: server.config,
      store: server.store,
      args: ['lost@example.test'],
    });
    expect(lines.join('\n')).toContain('second factor of lost@example.test removed');
    expect((await member.get('/api/auth/me')).status).toBe(401);
    const again = await login(server, 'lost@example.test', password);
    expect((await again.get('/api/auth/second-factor')).body).toMatchObject({
      totp: false,
      passkeys: [],
      recoveryCodesLeft: 0,
    });
    const rows = await server.store.accounts.auditRows();
    expect(rows.at(-2)).toMatchObject({ actor: 'cli', action: 'second_factor.reset' });
    await expect(
      runCommand(userResetSecondFactor, {
        config: server.config,
        store: server.store,
        args: ['nobody@x.test'],
      }),
    ).rejects.toThrow(/no account/);
  });
});
