// The second factor of an account: which factors a user has, TOTP enrolment and checks, recovery
// codes, re-authentication before a removal, and the orgs a user may not reach without one.
// No HTTP here (routes/second-factor.ts); passkeys are in passkeys.ts, the login step in login-step.ts.
import QRCode from 'qrcode';
import { ApiError } from '../http/errors.js';
import type { UserRecord } from '../store/accounts.js';
import type { Store } from '../store/types.js';
import { recordAudit } from './audit.js';
import type { AccountsDeps } from './context.js';
import { verifyPassword } from './passwords.js';
import { newRecoveryCodes, recoveryCodeHash } from './recovery-codes.js';
import { open, seal, secondFactorKey } from './secret-box.js';
import { newTotpSecret, totpCodeStep, totpUri } from './totp.js';

export interface SecondFactorStatus {
  totp: boolean;
  passkeys: { id: string; name: string; createdAt: string; lastUsedAt: string | null }[];
  recoveryCodesLeft: number;
  /** Orgs of the user that require a second factor. */
  requiredBy: number[];
}

export async function secondFactorStatus(
  store: Store,
  userId: number,
): Promise<SecondFactorStatus> {
  const sf = store.secondFactor;
  const [totp, passkeys, left, requiredBy] = await Promise.all([
    sf.totp(userId),
    sf.passkeysOf(userId),
    sf.recoveryCodesLeft(userId),
    sf.requiringOrgsOf(userId),
  ]);
  return {
    totp: Boolean(totp?.confirmedAt),
    passkeys: passkeys.map(({ id, name, createdAt, lastUsedAt }) => ({
      id,
      name,
      createdAt,
      lastUsedAt,
    })),
    recoveryCodesLeft: left,
    requiredBy,
  };
}

/** A confirmed TOTP or at least one passkey. */
export async function hasSecondFactor(store: Store, userId: number): Promise<boolean> {
  const totp = await store.secondFactor.totp(userId);
  if (totp?.confirmedAt) return true;
  return (await store.secondFactor.passkeysOf(userId)).length > 0;
}

/**
 * The orgs that refuse this user for now: they require a second factor and the user has none.
 * One query for everyone in no such org (the common case).
 */
export async function orgsAwaitingSecondFactor(
  store: Store,
  userId: number,
): Promise<ReadonlySet<number>> {
  const requiring = await store.secondFactor.requiringOrgsOf(userId);
  if (requiring.length === 0 || (await hasSecondFactor(store, userId))) return new Set();
  return new Set(requiring);
}

const keyOf = (deps: AccountsDeps) =>
  secondFactorKey(deps.config.dataDir, deps.config.secondFactorKey);

/** Starts (or restarts) TOTP enrolment: the secret as text, its URI and a QR code (SVG data URL). */
export async function beginTotp(deps: AccountsDeps, user: UserRecord) {
  const secret = newTotpSecret();
  const at = new Date(deps.now()).toISOString();
  if (!(await deps.store.secondFactor.putPendingTotp(user.id, seal(keyOf(deps), secret), at))) {
    throw new ApiError('conflict', 'an authenticator app is already set up; remove it first');
  }
  const uri = totpUri(secret, user.email);
  const svg = await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return { secret, uri, qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
}

/** The step of a valid code for the user's TOTP secret (confirmed or not), else undefined. */
async function codeStep(deps: AccountsDeps, userId: number, code: string) {
  const record = await deps.store.secondFactor.totp(userId);
  if (!record) return { record, step: undefined };
  const secret = open(keyOf(deps), record.secret);
  if (secret === undefined) {
    deps.log.error("a TOTP secret does not open with this install's key", { userId });
    return { record, step: undefined };
  }
  return { record, step: totpCodeStep(secret, code, deps.now()) };
}

/** Confirms enrolment with a valid code; false when the code is wrong. */
export async function confirmTotp(deps: AccountsDeps, userId: number, code: string) {
  const { record, step } = await codeStep(deps, userId, code);
  if (!record || record.confirmedAt) {
    throw new ApiError('conflict', 'start the set-up of an authenticator app first');
  }
  if (step === undefined) return false;
  return deps.store.secondFactor.confirmTotp(userId, new Date(deps.now()).toISOString(), step);
}

/** A valid TOTP code of a confirmed secret, never accepted twice (its step must be new). */
export async function checkTotp(deps: AccountsDeps, userId: number, code: string) {
  const { record, step } = await codeStep(deps, userId, code);
  if (!record?.confirmedAt || step === undefined) return false;
  return deps.store.secondFactor.useTotpStep(userId, step);
}

/** Uses one recovery code (once); false when unknown or used. */
export function useRecoveryCode(deps: AccountsDeps, userId: number, code: string) {
  if (code.length > 64) return Promise.resolve(false);
  return deps.store.secondFactor.useRecoveryCode(
    userId,
    recoveryCodeHash(code),
    new Date(deps.now()).toISOString(),
  );
}

/** A fresh set of recovery codes (the old ones stop working); shown once, stored hashed. */
export async function issueRecoveryCodes(deps: AccountsDeps, userId: number): Promise<string[]> {
  const codes = newRecoveryCodes();
  await deps.store.secondFactor.replaceRecoveryCodes(
    userId,
    codes.map(recoveryCodeHash),
    new Date(deps.now()).toISOString(),
  );
  return codes;
}

/** Recovery codes for a user who just got a first factor and has none left; else none. */
export async function recoveryCodesIfNone(deps: AccountsDeps, userId: number) {
  if ((await deps.store.secondFactor.recoveryCodesLeft(userId)) > 0) return undefined;
  return issueRecoveryCodes(deps, userId);
}

/** After the last factor goes, the recovery codes go too (they would be a factor alone). */
export async function dropRecoveryCodesIfNoFactor(deps: AccountsDeps, userId: number) {
  if (!(await hasSecondFactor(deps.store, userId))) {
    await deps.store.secondFactor.deleteRecoveryCodes(userId);
  }
}

/**
 * Refuses (409) to remove the user's last factor while one of their orgs requires a second factor:
 * they would be shut out of it at once. `removing` is 'totp' or a passkey id.
 */
export async function keepRequiredFactor(store: Store, userId: number, removing: string) {
  if ((await store.secondFactor.requiringOrgsOf(userId)).length === 0) return;
  const totp = await store.secondFactor.totp(userId);
  const passkeys = await store.secondFactor.passkeysOf(userId);
  const left =
    (totp?.confirmedAt && removing !== 'totp' ? 1 : 0) +
    passkeys.filter((p) => p.id !== removing).length;
  if (left === 0) {
    throw new ApiError(
      'conflict',
      'your organisation requires a second factor: add another one before removing this one',
    );
  }
}

/** Re-authentication before a removal: the password, or a current TOTP code. 403 otherwise. */
export async function reauthenticate(
  deps: AccountsDeps,
  user: UserRecord,
  proof: { password?: string; code?: string },
): Promise<void> {
  if (proof.password !== undefined && (await verifyPassword(user.passwordHash, proof.password)))
    return;
  if (proof.code !== undefined && (await checkTotp(deps, user.id, proof.code))) return;
  throw new ApiError('forbidden', 'confirm with your password or a current code');
}

/** What the second step of a sign-in offers this user (the answer of POST /api/auth/login). */
export async function loginMethods(store: Store, userId: number, token: string) {
  const [totp, passkeys, left] = await Promise.all([
    store.secondFactor.totp(userId),
    store.secondFactor.passkeysOf(userId),
    store.secondFactor.recoveryCodesLeft(userId),
  ]);
  return {
    token,
    totp: Boolean(totp?.confirmedAt),
    passkey: passkeys.length > 0,
    recoveryCode: left > 0,
  };
}

/**
 * Removes every factor and recovery code of an account and ends its sessions (an administrator
 * helping a user who lost their device: `pomelo user reset-second-factor`); audited.
 */
export async function resetSecondFactor(
  store: Store,
  now: number,
  actor: string,
  user: UserRecord,
): Promise<void> {
  await store.secondFactor.deleteTotp(user.id);
  for (const p of await store.secondFactor.passkeysOf(user.id)) {
    await store.secondFactor.deletePasskey(user.id, p.id);
  }
  await store.secondFactor.deleteRecoveryCodes(user.id);
  await store.accounts.deleteSessionsOf(user.id);
  await recordAudit(store, now, {
    actor,
    action: 'second_factor.reset',
    target: `user:${user.id}`,
  });
}
