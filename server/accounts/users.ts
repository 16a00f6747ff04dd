// Account operations shared by the API and the CLI: create a user with the password rules, log in
// with lock-out, change or reset a password. No HTTP here.
import { ApiError } from '../http/errors.js';
import type { Role, UserRecord } from '../store/accounts.js';
import type { Store } from '../store/types.js';
import { recordAudit } from './audit.js';
import { lockDurationMs, lockedForSeconds } from './lockout.js';
import { hasSecondFactor } from './second-factor.js';
import {
  decoyHash,
  hashPassword,
  passwordMessages,
  passwordProblem,
  verifyPassword,
} from './passwords.js';

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** Throws a 400 naming the broken rule. */
export function checkPassword(password: string, email: string): void {
  const problem = passwordProblem(password, email);
  if (problem) throw new ApiError('bad_request', passwordMessages[problem]);
}

export async function createUser(
  store: Store,
  email: string,
  password: string,
  now: number,
): Promise<UserRecord> {
  checkPassword(password, email);
  if (await store.accounts.userByEmail(email)) {
    throw new ApiError('conflict', 'an account with this email exists; sign in first');
  }
  return store.accounts.createUser(email, await hashPassword(password), new Date(now));
}

/** Creates the org (or finds it by name) and gives the user a role in it; audited. */
export async function joinOrg(
  store: Store,
  now: number,
  actor: string,
  orgName: string,
  user: UserRecord,
  role: Role,
): Promise<number> {
  let org = await store.accounts.orgByName(orgName);
  if (!org) {
    org = await store.accounts.createOrg(orgName, new Date(now));
    await recordAudit(store, now, {
      actor,
      action: 'org.create',
      target: `org:${org.id}`,
      orgId: org.id,
      details: { name: orgName },
    });
  }
  await store.accounts.putMembership(org.id, user.id, role, new Date(now));
  await recordAudit(store, now, {
    actor,
    action: 'member.add',
    target: `user:${user.id}`,
    orgId: org.id,
    details: { role, email: user.email },
  });
  return org.id;
}

export type LoginOutcome =
  { ok: true; user: UserRecord; secondStep?: boolean } | { ok: false; lockedSeconds?: number };

/** Checks a password with per-account lock-out and exponential backoff; audits every attempt. */
export async function attemptLogin(
  store: Store,
  now: number,
  email: string,
  password: string,
): Promise<LoginOutcome> {
  const user = await store.accounts.userByEmail(email);
  if (!user) {
    await verifyPassword(await decoyHash(), password); // same work as for a real account
    await recordAudit(store, now, {
      actor: 'anonymous',
      action: 'login.failure',
      target: 'unknown_account',
    });
    return { ok: false };
  }
  const target = `user:${user.id}`;
  const locked = lockedForSeconds(user.lockedUntil, now);
  if (locked > 0) {
    await recordAudit(store, now, {
      actor: 'anonymous',
      action: 'login.locked',
      target,
      details: { retryAfterSeconds: locked },
    });
    return { ok: false, lockedSeconds: locked };
  }
  if (!(await verifyPassword(user.passwordHash, password))) {
    const failures = user.failedLogins + 1;
    const lockMs = lockDurationMs(failures);
    await store.accounts.setLoginFailures(
      user.id,
      failures,
      lockMs > 0 ? new Date(now + lockMs).toISOString() : null,
    );
    await recordAudit(store, now, {
      actor: 'anonymous',
      action: 'login.failure',
      target,
      details: { failures },
    });
    return lockMs > 0 ? { ok: false, lockedSeconds: Math.ceil(lockMs / 1000) } : { ok: false };
  }
  // With a second factor the password alone proves nothing yet: the lock-out keeps counting until
  // the second step succeeds (login-step.ts), so a known password cannot reset it between guesses.
  if (await hasSecondFactor(store, user.id)) return { ok: true, user, secondStep: true };
  if (user.failedLogins > 0 || user.lockedUntil)
    await store.accounts.setLoginFailures(user.id, 0, null);
  await recordAudit(store, now, { actor: target, action: 'login.success', target });
  return { ok: true, user };
}

/** Sets a new password (rules checked), clears the lock-out; the caller ends the sessions. */
export async function setPassword(
  store: Store,
  now: number,
  actor: string,
  user: UserRecord,
  password: string,
  action: 'password.change' | 'password.reset',
): Promise<void> {
  checkPassword(password, user.email);
  await store.accounts.setPasswordHash(user.id, await hashPassword(password));
  await store.accounts.setLoginFailures(user.id, 0, null);
  await store.accounts.deleteSessionsOf(user.id);
  await recordAudit(store, now, { actor, action, target: `user:${user.id}` });
}
