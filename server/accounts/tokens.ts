// Random tokens, their SHA-256 digests (what the database keeps) and constant-time comparison.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** An unguessable token: 32 random bytes (256 bits), base64url, with a readable kind prefix. */
export function newToken(prefix: string, bytes = 32): string {
  return `${prefix}_${randomBytes(bytes).toString('base64url')}`;
}

/** A short random id for rows whose id is visible in URLs (not a secret). */
export function newId(): string {
  return randomBytes(12).toString('base64url');
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Compares two strings in time independent of where they differ (lengths are not secret here). */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
