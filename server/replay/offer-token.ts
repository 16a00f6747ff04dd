// The pageview offer: an opaque token any node can verify (replay contract §1; issue 12 §4). It
// names a window, an expiry (5 minutes) and a random nonce, and its HMAC-SHA256 under the install
// secret also covers the page path it was made for, so it starts a recording on that path only.
// It is single use: starting a recording stores its nonce (replay_offer_nonces) until it expires.
// Nothing about the visitor goes into it.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** How long a visitor has to give consent and load the module after the entry pageview. */
export const OFFER_TTL_MS = 5 * 60_000;
const MAC_BYTES = 16;

function mac(secret: Uint8Array, payload: string, path: string): Buffer {
  // The path is not in the token (the start request names its page); a NUL cannot be in either.
  return createHmac('sha256', secret)
    .update(`${payload}\u0000${path}`)
    .digest()
    .subarray(0, MAC_BYTES);
}

/** The page an offer is bound to: the URL's path, as the browser sends it (no query, no fragment). */
export function offerPath(url: string): string | null {
  try {
    return new URL(url).pathname;
  } catch {
    return null;
  }
}

/**
 * `<windowId>.<expiry base36>.<nonce>[.p].<mac>`, all base64url / base36: safe in a URL query.
 * `.p` marks a preview offer: the admin's own visit of a draft window (issue 12 §12); the mark is
 * covered by the HMAC like the rest, so a visitor's offer cannot be turned into a preview or back.
 */
export function signOffer(
  secret: Uint8Array,
  windowId: string,
  path: string,
  now: number,
  preview = false,
): string {
  const payload = `${windowId}.${(now + OFFER_TTL_MS).toString(36)}.${randomBytes(12).toString('base64url')}${preview ? '.p' : ''}`;
  return `${payload}.${mac(secret, payload, path).toString('base64url')}`;
}

export type OfferCheck =
  | { ok: true; windowId: string; expiresAt: number; nonce: string; preview: boolean }
  | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

/**
 * Checks the token for the page `path`. An offer made for another page fails its signature like a
 * forged one (the path is part of what was signed).
 */
export function verifyOffer(
  secret: Uint8Array,
  offer: unknown,
  path: string,
  now: number,
): OfferCheck {
  if (typeof offer !== 'string' || offer.length > 200) return { ok: false, reason: 'malformed' };
  const parts = offer.split('.');
  const preview = parts.length === 5 && parts[3] === 'p';
  if ((parts.length !== 4 && !preview) || !parts.every((p) => /^[A-Za-z0-9_-]+$/.test(p))) {
    return { ok: false, reason: 'malformed' };
  }
  const [windowId, expiry, nonce] = parts as [string, string, string];
  const signature = parts[parts.length - 1]!;
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(secret, parts.slice(0, -1).join('.'), path);
  // Canonical encoding only: the unused low bits of the last character cannot vary.
  const canonical = given.toString('base64url') === signature;
  if (!canonical || given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'bad_signature' };
  }
  const expiresAt = parseInt(expiry, 36);
  if (!Number.isSafeInteger(expiresAt) || now >= expiresAt) return { ok: false, reason: 'expired' };
  // A token signed long before now (a clock far ahead at signing) is not kept for hours.
  if (expiresAt - now > OFFER_TTL_MS) return { ok: false, reason: 'expired' };
  return { ok: true, windowId, expiresAt, nonce, preview };
}
