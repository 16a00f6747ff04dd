// The one-time setup token: created at start on a database without users, kept (hashed) in memory
// only, valid once and for one hour (a restart prints a new one). No default password ever exists.
import { newToken, safeEqual, sha256Hex } from './tokens.js';

/** How long a printed setup link works. */
export const setupLinkTtlMs = 60 * 60_000;

export class SetupGate {
  private tokenHash: string | undefined;
  private expiresAt = 0;

  /** Issues a token valid for setupLinkTtlMs from `now`; returns it once (to print). */
  issue(now: number): string {
    const token = newToken('setup');
    this.tokenHash = sha256Hex(token);
    this.expiresAt = now + setupLinkTtlMs;
    return token;
  }

  get pending(): boolean {
    return this.tokenHash !== undefined;
  }

  /** True once the issued link is past its hour (the token is then refused). */
  expired(now: number): boolean {
    return this.tokenHash !== undefined && now >= this.expiresAt;
  }

  /** Consumes the token: true exactly once for the right, unexpired token (constant-time check). */
  consume(token: string, now: number): boolean {
    if (!this.tokenHash || this.expired(now)) return false;
    if (!safeEqual(sha256Hex(token), this.tokenHash)) return false;
    this.tokenHash = undefined;
    return true;
  }

  /** Puts a consumed token back when setup failed after consuming it (e.g. a bad password). */
  restore(token: string): void {
    this.tokenHash = sha256Hex(token);
  }

  close(): void {
    this.tokenHash = undefined;
  }
}
