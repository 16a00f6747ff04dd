// The pageview offer: an opaque token any node can verify without storage (replay contract §1).
// It names a window and an expiry, carries a random nonce and an HMAC-SHA256 under the install
// secret; nothing about the visitor goes into it.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** How long a visitor has to give consent and load the module after the pageview. */
export const OFFER_TTL_MS = 10 * 60_000;
const MAC_BYTES = 16;

function mac(secret: Uint8Array, payload: string): Buffer {
  return createHmac('sha256', secret).update(payload).digest().subarray(0, MAC_BYTES);
}

/** `<windowId>.<expiry base36>.<nonce>.<mac>`, all base64url / base36: safe in a URL fragment. */
export function signOffer(secret: Uint8Array, windowId: string, now: number): string {
  const payload = `${windowId}.${(now + OFFER_TTL_MS).toString(36)}.${randomBytes(9).toString('base64url')}`;
  return `${payload}.${mac(secret, payload).toString('base64url')}`;
}

export type OfferCheck =
  | { ok: true; windowId: string; expiresAt: number }
  | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

export function verifyOffer(secret: Uint8Array, offer: unknown, now: number): OfferCheck {
  if (typeof offer !== 'string' || offer.length > 200) return { ok: false, reason: 'malformed' };
  const parts = offer.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^[A-Za-z0-9_-]+$/.test(p))) {
    return { ok: false, reason: 'malformed' };
  }
  const [windowId, expiry, , signature] = parts as [string, string, string, string];
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(secret, parts.slice(0, 3).join('.'));
  // Canonical encoding only: the unused low bits of the last character cannot vary.
  const canonical = given.toString('base64url') === signature;
  if (!canonical || given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'bad_signature' };
  }
  const expiresAt = parseInt(expiry, 36);
  if (!Number.isSafeInteger(expiresAt) || now >= expiresAt) return { ok: false, reason: 'expired' };
  return { ok: true, windowId, expiresAt };
}
