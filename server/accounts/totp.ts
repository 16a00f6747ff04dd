// RFC 6238 time-based one-time codes (SHA-1, 6 digits, 30 s) through otpauth. Pure: the caller
// passes the clock; replay protection is the caller's "step only moves forward" update.
import { Secret, TOTP } from 'otpauth';

export const totpPeriodSeconds = 30;
/** Codes of the previous and next step are accepted too (clock drift of an authenticator app). */
export const totpWindow = 1;

/** A new random 160-bit secret, base32 (what authenticator apps take). */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totpOf(secret: string, label = 'Pomelo'): TOTP {
  return new TOTP({
    issuer: 'Pomelo',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: totpPeriodSeconds,
    secret: Secret.fromBase32(secret),
  });
}

/** The otpauth:// URI an authenticator app reads from the QR code. */
export function totpUri(secret: string, account: string): string {
  return totpOf(secret, account).toString();
}

/** The RFC 6238 step (counter) of a time. */
export function totpStep(nowMs: number): number {
  return Math.floor(nowMs / 1000 / totpPeriodSeconds);
}

/** The code of a secret at a time (tests, and nothing else in the server). */
export function totpCode(secret: string, nowMs: number): string {
  return totpOf(secret).generate({ timestamp: nowMs });
}

/**
 * The step a code belongs to, when it is valid for the secret at `nowMs` (±1 step), else
 * undefined. Anything but six digits is refused before any work.
 */
export function totpCodeStep(secret: string, code: string, nowMs: number): number | undefined {
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return undefined;
  const delta = totpOf(secret).validate({ token, timestamp: nowMs, window: totpWindow });
  return delta === null ? undefined : totpStep(nowMs) + delta;
}
