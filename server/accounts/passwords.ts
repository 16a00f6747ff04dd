// Password rules (pure but for the breach list, read once from node_modules: common-passwords.ts)
// and hashing with argon2id (@node-rs/argon2, OWASP parameters).
import { hash, verify } from '@node-rs/argon2';
import { commonPasswords } from './common-passwords.js';

export const passwordLimits = { min: 12, max: 256 } as const;

// A few that are not in the breach list but are obvious here (the product's name, xkcd's example).
const obvious = new Set([
  'password1234',
  'password12345',
  'password123456',
  '123456789012',
  '1234567890123',
  '12345678910111213',
  'qwertyuiopas',
  'qwerty123456',
  '1q2w3e4r5t6y',
  '1qaz2wsx3edc',
  'aaaaaaaaaaaa',
  'iloveyou1234',
  'passwordpassword',
  'administrator',
  'letmein12345',
  'welcome12345',
  'changeme1234',
  'abcdefghijkl',
  'abc123456789',
  'qwertyqwerty',
  'superman1234',
  'football1234',
  'baseball1234',
  'monkey123456',
  'dragon123456',
  'trustno11234',
  'correcthorsebatterystaple',
  'pomelopomelo',
]);

export type PasswordProblem = 'too_short' | 'too_long' | 'too_common' | 'same_as_email';

/** Checks a new password against the rules; undefined when it is acceptable. */
export function passwordProblem(password: string, email: string): PasswordProblem | undefined {
  const length = [...password].length;
  if (length < passwordLimits.min) return 'too_short';
  if (length > passwordLimits.max) return 'too_long';
  const lower = password.toLowerCase();
  if (
    obvious.has(lower) ||
    /^(.)\1+$/.test(password) ||
    commonPasswords(passwordLimits.min).set.has(lower)
  ) {
    return 'too_common';
  }
  if (lower === email.toLowerCase() || lower === email.toLowerCase().split('@')[0]) {
    return 'same_as_email';
  }
  return undefined;
}

export const passwordMessages: Record<PasswordProblem, string> = {
  too_short: `the password needs at least ${passwordLimits.min} characters`,
  too_long: `the password may have at most ${passwordLimits.max} characters`,
  too_common: 'this password is too common; choose another',
  same_as_email: 'the password must not be the email address',
};

// argon2id, m=19 MiB, t=2, p=1: OWASP's minimum recommendation (the library's defaults).
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** argon2's verify compares digests in constant time; a malformed hash is simply "no". */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A real hash to verify against when the account does not exist, so timing does not tell. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  return (decoy ??= hash('decoy password that no account has'));
}
