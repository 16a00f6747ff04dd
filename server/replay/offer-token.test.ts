import { randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { OFFER_TTL_MS, offerPath, signOffer, verifyOffer } from './offer-token';

const secret = randomBytes(32);
const now = Date.parse('2026-03-01T10:00:00Z');

describe('offer token', () => {
  test('verifies with the same secret and page until it expires, within 5 minutes', () => {
    expect(OFFER_TTL_MS).toBeLessThanOrEqual(5 * 60_000);
    const offer = signOffer(secret, 'win_Ab-1', '/shop/cart', now);
    expect(offer).toMatch(/^[A-Za-z0-9_.-]+$/);
    expect(verifyOffer(secret, offer, '/shop/cart', now + OFFER_TTL_MS - 1)).toEqual({
      ok: true,
      windowId: 'win_Ab-1',
      expiresAt: now + OFFER_TTL_MS,
      nonce: offer.split('.')[2],
      preview: false,
    });
    expect(verifyOffer(secret, offer, '/shop/cart', now + OFFER_TTL_MS)).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  test('bound to its page path: another page fails the signature', () => {
    const offer = signOffer(secret, 'w', '/shop/cart', now);
    expect(verifyOffer(secret, offer, '/shop/other', now).ok).toBe(false);
    expect(verifyOffer(secret, offer, '/shop/cart/', now).ok).toBe(false);
    expect(offerPath('https://shop.test/shop/cart?x=1#y')).toBe('/shop/cart');
    expect(offerPath('not a url')).toBeNull();
  });

  test('a preview offer is marked and signed as such: dropping the mark breaks the signature', () => {
    const offer = signOffer(secret, 'w_draft', '/p', now, true);
    expect(offer.split('.')).toHaveLength(5);
    expect(verifyOffer(secret, offer, '/p', now)).toMatchObject({
      ok: true,
      preview: true,
      nonce: offer.split('.')[2],
    });
    expect(verifyOffer(secret, offer, '/other', now)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    const parts = offer.split('.');
    const unmarked = [...parts.slice(0, 3), parts[4]].join('.');
    expect(verifyOffer(secret, unmarked, '/p', now)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    const visitor = signOffer(secret, 'w_draft', '/p', now).split('.');
    const marked = [...visitor.slice(0, 3), 'p', visitor[3]].join('.');
    expect(verifyOffer(secret, marked, '/p', now)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(
      verifyOffer(secret, [...visitor.slice(0, 3), 'q', visitor[3]].join('.'), '/p', now),
    ).toEqual({
      ok: false,
      reason: 'malformed',
    });
  });

  test('two offers for the same window differ (random nonce)', () => {
    const a = signOffer(secret, 'w', '/', now);
    const b = signOffer(secret, 'w', '/', now);
    expect(a).not.toBe(b);
    expect(a.split('.')[2]).not.toBe(b.split('.')[2]);
  });

  test('another secret, a changed window or expiry fails the signature', () => {
    const offer = signOffer(secret, 'w1', '/', now);
    expect(verifyOffer(randomBytes(32), offer, '/', now)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    const [, exp, nonce, sig] = offer.split('.');
    expect(verifyOffer(secret, `w2.${exp}.${nonce}.${sig}`, '/', now).ok).toBe(false);
    const later = (now + 10 * OFFER_TTL_MS).toString(36);
    expect(verifyOffer(secret, `w1.${later}.${nonce}.${sig}`, '/', now).ok).toBe(false);
    // The last character of 16 bytes in base64url carries 2 bits: its other 4 cannot vary either.
    const last = sig!.at(-1)!;
    const twin = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
      .split('')
      .find(
        (c) =>
          c !== last &&
          Buffer.from(sig!.slice(0, -1) + c, 'base64url').equals(Buffer.from(sig!, 'base64url')),
      )!;
    expect(verifyOffer(secret, `w1.${exp}.${nonce}.${sig!.slice(0, -1)}${twin}`, '/', now)).toEqual(
      {
        ok: false,
        reason: 'bad_signature',
      },
    );
  });

  test('an offer signed by a clock far ahead is not kept past the TTL', () => {
    const offer = signOffer(secret, 'w', '/', now + 60 * 60_000);
    expect(verifyOffer(secret, offer, '/', now)).toEqual({ ok: false, reason: 'expired' });
  });

  test.each([undefined, 42, '', 'a.b.c', 'a.b.c.d.e', 'a.b.c.d!', 'x'.repeat(201)])(
    'malformed offer %j',
    (offer) => {
      expect(verifyOffer(secret, offer, '/', now)).toEqual({ ok: false, reason: 'malformed' });
    },
  );
});
