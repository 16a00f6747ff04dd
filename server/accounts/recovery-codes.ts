// One-time recovery codes: 10 random codes of 80 bits each, shown once; only their SHA-256 is
// stored (enough for high-entropy random codes, as for session tokens in tokens.ts).
import { randomBytes } from 'node:crypto';
import { sha256Hex } from './tokens.js';

export const recoveryCodeCount = 10;
const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789'; // 32 symbols, no 0/o, 1/l

/** `xxxx-xxxx-xxxx-xxxx`: 16 symbols of 5 bits. */
export function newRecoveryCode(): string {
  const bytes = randomBytes(16);
  const symbols = [...bytes].map((b) => alphabet[b & 31]);
  return [0, 4, 8, 12].map((i) => symbols.slice(i, i + 4).join('')).join('-');
}

export function newRecoveryCodes(): string[] {
  return Array.from({ length: recoveryCodeCount }, newRecoveryCode);
}

/** Case, spaces and dashes do not matter when a code is typed back. */
export function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, '');
}

export function recoveryCodeHash(code: string): string {
  return sha256Hex(`recovery:${normaliseRecoveryCode(code)}`);
}
