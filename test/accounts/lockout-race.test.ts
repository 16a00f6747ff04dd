// Issue 11 item 3: lock-out under parallel guesses. 20 wrong passwords sent at once must lock the
// account exactly as 20 sent one after another: same failed_logins, same locked_until, same answers.
// Over real HTTP, on SQLite and PostgreSQL (vitest.config.ts backendSuites).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { lockDurationMs, lockoutPolicy } from '../../server/accounts/lockout.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { Client, addUser, setupOwner, testEnv } from './support.js';

const password = 'lockout race password 1';
const wrong = { password: 'not the password, no' };

describe('lock-out under parallel wrong passwords', () => {
  let server: TestServer;
  const clock = Date.parse('2026-11-01T12:00:00Z');

  beforeAll(async () => {
    server = await startTestServer({ env: testEnv, now: () => clock });
    await setupOwner(server, 'owner@example.test', password, 'Org');
    await addUser(server, 'sequential@example.test', password, 'Org', 'viewer');
    await addUser(server, 'parallel@example.test', password, 'Org', 'viewer');
  });
  afterAll(() => server.close());

  const attempt = (email: string, pw = wrong.password) =>
    new Client(server.url).post('/api/auth/login', { email, password: pw });

  test('20 at once count and lock exactly as 20 in a row', async () => {
    const sequential: number[] = [];
    for (let i = 0; i < 20; i++) sequential.push((await attempt('sequential@example.test')).status);
    const parallel = (
      await Promise.all(Array.from({ length: 20 }, () => attempt('parallel@example.test')))
    ).map((r) => r.status);

    const { accounts } = server.store;
    const seq = (await accounts.userByEmail('sequential@example.test'))!;
    const par = (await accounts.userByEmail('parallel@example.test'))!;
    // In a row: the threshold-th failure locks, and the attempts during the lock are not counted.
    expect(seq.failedLogins).toBe(lockoutPolicy.threshold);
    expect(seq.lockedUntil).toBe(
      new Date(clock + lockDurationMs(lockoutPolicy.threshold)).toISOString(),
    );
    expect({ failedLogins: par.failedLogins, lockedUntil: par.lockedUntil }).toEqual({
      failedLogins: seq.failedLogins,
      lockedUntil: seq.lockedUntil,
    });
    const tally = (statuses: number[]) =>
      statuses.reduce<Record<number, number>>((t, s) => ({ ...t, [s]: (t[s] ?? 0) + 1 }), {});
    expect(tally(parallel)).toEqual(tally(sequential));
    expect(tally(sequential)).toEqual({
      401: lockoutPolicy.threshold - 1,
      429: 21 - lockoutPolicy.threshold,
    });
  });

  test('the right password sent with a parallel flood of wrong ones is refused once locked', async () => {
    await addUser(server, 'flooded@example.test', password, 'Org', 'viewer');
    const replies = await Promise.all([
      ...Array.from({ length: 30 }, () => attempt('flooded@example.test')),
    ]);
    expect(replies.filter((r) => r.status === 401)).toHaveLength(lockoutPolicy.threshold - 1);
    // Locked now: the right password is not even checked.
    expect((await attempt('flooded@example.test', password)).status).toBe(429);
    const user = (await server.store.accounts.userByEmail('flooded@example.test'))!;
    expect(user.failedLogins).toBe(lockoutPolicy.threshold);
  });
});
