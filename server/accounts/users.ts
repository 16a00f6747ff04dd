// Account operations shared by the API and the CLI: create a user with the password rules, log in
// with lock-out, change or reset a password. No HTTP here.
import { ApiError } from '../http/errors.js';
import type { Role, UserRecord } from '../store/accounts.js';
import type { Store } from '../store/types.js';
import { recordAudit } from './audit.js';
import { lockSteps, lockedForSeconds } from './lockout.js';
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

/** Makes the user an instance administrator (may create organisations); audited. */
export async function grantInstanceAdmin(
  store: Store,
  now: number,
  actor: string,
  user: UserRecord,
  reason: 'setup' | 'cli' | 'upgrade',
): Promise<void> {
  if (user.instanceAdmin) return;
  await store.accounts.setInstanceAdmin(user.id, true);
  await recordAudit(store, now, {
    actor,
    action: 'user.instance_admin',
    target: `user:${user.id}`,
    details: { reason },
  });
}

/**
 * An install from before instance administrators existed (issue 11) has none: its first account
 * (lowest id, the one setup created) becomes one, so organisations can still be created.
 */
export async function ensureInstanceAdmin(store: Store, now: number): Promise<void> {
  if ((await store.accounts.instanceAdmins()).length > 0) return;
  const first = await store.accounts.firstUser();
  if (first) await grantInstanceAdmin(store, now, 'system', first, 'upgrade');
}

export type LoginOutcome =
  { ok: true; user: UserRecord; secondStep?: boolean } | { ok: false; lockedSeconds?: number };

/**
 * Checks a password with per-account lock-out and exponential backoff; audits every attempt.
 * The attempt is counted as a failure BEFORE the password is hashed, in one atomic UPDATE that
 * also sets the lock (store.countLoginFailure): parallel guesses count one by one, and once the
 * lock is set no further guess is even checked, exactly as for guesses sent one after another.
 * A right password then clears the count.
 */
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
  const counted = await store.accounts.countLoginFailure(
    user.id,
    new Date(now).toISOString(),
    lockSteps(now),
  );
  if (!counted) {
    const fresh = await store.accounts.userById(user.id);
    const locked = Math.max(1, lockedForSeconds(fresh?.lockedUntil ?? null, now));
    await recordAudit(store, now, {
      actor: 'anonymous',
      action: 'login.locked',
      target,
      details: { retryAfterSeconds: locked },
    });
    return { ok: false, lockedSeconds: locked };
  }
  if (!(await verifyPassword(user.passwordHash, password))) {
    await recordAudit(store, now, {
      actor: 'anonymous',
      action: 'login.failure',
      target,
      details: { failures: counted.failedLogins },
    });
    const locked = lockedForSeconds(counted.lockedUntil, now);
    return locked > 0 ? { ok: false, lockedSeconds: locked } : { ok: false };
  }
  // With a second factor the password alone proves nothing yet: earlier failures stay counted
  // until the second step succeeds (login-step.ts), so a known password cannot reset them between
  // code guesses; only this attempt itself is taken back.
  if (await hasSecondFactor(store, user.id)) {
    await store.accounts.forgiveLoginAttempt(user.id, counted.lockedUntil);
    return { ok: true, user, secondStep: true };
  }
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
