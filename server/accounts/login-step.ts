// The second step of a sign-in: after a correct password, a user with a second factor gets a
// pending-login token (5 minutes, bound to the user, only its SHA-256 stored), not a session. The
// session starts only once a TOTP code, a recovery code or a passkey is accepted. Wrong codes
// count as failed logins on the same lock-out as passwords (lockout.ts).
import type { Context } from 'hono';
import { ApiError } from '../http/errors.js';
import type { LoginFailureCount, UserRecord } from '../store/accounts.js';
import { recordAudit } from './audit.js';
import type { AccountsDeps } from './context.js';
import { lockSteps, lockedForSeconds } from './lockout.js';
import { startSession } from './sessions.js';
import { newToken, sha256Hex } from './tokens.js';

export const pendingLoginMs = 5 * 60_000;
export type SecondStepMethod = 'totp' | 'recovery_code' | 'passkey';

/** Issues the pending-login token of a user whose password was right. */
export async function startPendingLogin(deps: AccountsDeps, user: UserRecord): Promise<string> {
  const now = deps.now();
  const token = newToken('pnd');
  await deps.store.secondFactor.purgeExpired(new Date(now).toISOString());
  await deps.store.secondFactor.createPendingLogin({
    idHash: sha256Hex(token),
    userId: user.id,
    createdAt: new Date(now).toISOString(),
    expiresAt: new Date(now + pendingLoginMs).toISOString(),
  });
  await recordAudit(deps.store, now, {
    actor: 'anonymous',
    action: 'login.second_step',
    target: `user:${user.id}`,
  });
  return token;
}

export interface PendingLogin {
  user: UserRecord;
  idHash: string;
}

/** The user of a live pending login, or 401; 429 while the account is locked. */
export async function pendingLogin(deps: AccountsDeps, token: string): Promise<PendingLogin> {
  const now = deps.now();
  const idHash = sha256Hex(token);
  const pending = await deps.store.secondFactor.pendingLogin(idHash);
  const user =
    pending && Date.parse(pending.expiresAt) > now
      ? await deps.store.accounts.userById(pending.userId)
      : undefined;
  if (!user) {
    throw new ApiError('unauthorized', 'this sign-in has expired; enter your password again');
  }
  const locked = lockedForSeconds(user.lockedUntil, now);
  if (locked > 0) await refuseLocked(deps, user.id, locked, now);
  return { user, idHash };
}

/** A locked account's refusal (429 with Retry-After), audited as `login.locked`. */
async function refuseLocked(
  deps: AccountsDeps,
  userId: number,
  seconds: number,
  now: number,
): Promise<never> {
  await recordAudit(deps.store, now, {
    actor: 'anonymous',
    action: 'login.locked',
    target: `user:${userId}`,
    details: { retryAfterSeconds: seconds },
  });
  throw new ApiError(
    'rate_limited',
    'too many failed attempts; this account is locked for a while',
    seconds,
  );
}

/**
 * Counts this second-step attempt before any code is checked, in the same atomic statement as a
 * password attempt (countLoginFailure): parallel guesses each count, and once the account locks
 * the rest are refused unchecked. Success clears the count (secondStepSucceeded). 429 when locked.
 */
export async function countSecondStepAttempt(
  deps: AccountsDeps,
  user: UserRecord,
): Promise<LoginFailureCount> {
  const now = deps.now();
  const counted = await deps.store.accounts.countLoginFailure(
    user.id,
    new Date(now).toISOString(),
    lockSteps(now),
  );
  if (counted) return counted;
  const fresh = await deps.store.accounts.userById(user.id);
  return refuseLocked(
    deps,
    user.id,
    Math.max(1, lockedForSeconds(fresh?.lockedUntil ?? null, now)),
    now,
  );
}

/**
 * A wrong code (already counted by countSecondStepAttempt), audited; always throws (401, or 429
 * once that count locked the account).
 */
export async function secondStepFailed(
  deps: AccountsDeps,
  user: UserRecord,
  method: SecondStepMethod,
  counted: LoginFailureCount,
): Promise<never> {
  const now = deps.now();
  await recordAudit(deps.store, now, {
    actor: 'anonymous',
    action: 'login.failure',
    target: `user:${user.id}`,
    details: { failures: counted.failedLogins, secondFactor: method },
  });
  const locked = lockedForSeconds(counted.lockedUntil, now);
  if (locked > 0) {
    throw new ApiError(
      'rate_limited',
      'too many failed attempts; this account is locked for a while',
      locked,
    );
  }
  throw new ApiError('unauthorized', 'wrong code');
}

/** The factor was accepted: the pending login ends, the lock-out clears, the session starts. */
export async function secondStepSucceeded(
  c: Context,
  deps: AccountsDeps,
  pending: PendingLogin,
  method: SecondStepMethod,
): Promise<void> {
  const { user, idHash } = pending;
  const now = deps.now();
  const target = `user:${user.id}`;
  await deps.store.secondFactor.deletePendingLogin(idHash);
  await deps.store.accounts.setLoginFailures(user.id, 0, null);
  if (method === 'recovery_code') {
    const left = await deps.store.secondFactor.recoveryCodesLeft(user.id);
    await recordAudit(deps.store, now, {
      actor: target,
      action: 'second_factor.recovery_code_use',
      target,
      details: { left },
    });
  }
  await recordAudit(deps.store, now, {
    actor: target,
    action: 'login.success',
    target,
    details: { secondFactor: method },
  });
  await startSession(c, user.id);
}
