// The one-time setup token: created at start on a database without users, kept (hashed) in memory
// only, valid until used once. No default password ever exists.
import { newToken, safeEqual, sha256Hex } from './tokens.js';

export class SetupGate {
  private tokenHash: string | undefined;

  /** Issues a token when none is pending; returns it once (to print), else undefined. */
  issue(): string {
    const token = newToken('setup');
    this.tokenHash = sha256Hex(token);
    return token;
  }

  get pending(): boolean {
    return this.tokenHash !== undefined;
  }

  /** Consumes the token: true exactly once for the right token (checked in constant time). */
  consume(token: string): boolean {
    if (!this.tokenHash || !safeEqual(sha256Hex(token), this.tokenHash)) return false;
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
