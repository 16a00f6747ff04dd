import { describe, expect, test } from 'vitest';
import { AddressList } from '../addresses.js';
import { clientAddress, createSiteRateLimiter, TokenBuckets } from './rate-limit.js';

describe('token buckets', () => {
  test('a burst, then one token per 1/rate seconds', () => {
    let now = 0;
    const b = new TokenBuckets({ ratePerSecond: 2, burst: 3, now: () => now });
    expect([b.take('a'), b.take('a'), b.take('a')].every((r) => r.ok)).toBe(true);
    expect(b.take('a')).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(b.take('b').ok).toBe(true);
    now += 500;
    expect(b.take('a').ok).toBe(true);
    expect(b.take('a').ok).toBe(false);
  });

  test('a clock that steps back does not drain the bucket', () => {
    let now = 1_000_000;
    const b = new TokenBuckets({ ratePerSecond: 1, burst: 2, now: () => now });
    expect(b.take('a').ok).toBe(true);
    now -= 86_400_000; // a day back
    expect(b.take('a').ok).toBe(true);
    now += 1_000;
    expect(b.take('a').ok).toBe(true);
  });

  test('past the cap the least recently used bucket goes, not every bucket', () => {
    const b = new TokenBuckets({ ratePerSecond: 1 / 3600, burst: 2, maxKeys: 3, now: () => 0 });
    // The victim of a brute force is out of attempts…
    expect(b.take('attacker').ok).toBe(true);
    expect(b.take('attacker').ok).toBe(true);
    expect(b.take('attacker').ok).toBe(false);
    // …and a flood of new keys (each used once, all more recently than nothing) cannot reset it
    // while it keeps trying: each try makes it the most recently used.
    for (let i = 0; i < 1000; i++) {
      b.take(`flood-${i}`);
      expect(b.take('attacker').ok).toBe(false);
    }
    expect(b.size).toBe(3);
    // The least recently used goes first: a, b, c in, a used again, d in → b is gone.
    const lru = new TokenBuckets({ ratePerSecond: 1 / 3600, burst: 1, maxKeys: 3, now: () => 0 });
    for (const k of ['a', 'b', 'c']) lru.take(k);
    expect(lru.take('a').ok).toBe(false); // used: now the most recent
    lru.take('d');
    expect(lru.take('a').ok).toBe(false); // still remembered, still empty
    expect(lru.take('c').ok).toBe(false);
    expect(lru.take('b').ok).toBe(true); // forgotten: a fresh bucket
  });

  test('memory stays bounded', () => {
    const b = new TokenBuckets({ ratePerSecond: 1, burst: 1, maxKeys: 10, now: () => 0 });
    for (let i = 0; i < 1000; i++) b.take(String(i));
    expect((b as unknown as { buckets: Map<string, unknown> }).buckets.size).toBeLessThanOrEqual(
      10,
    );
  });

  test('the site limiter is per site and can be turned off', () => {
    const now = 0;
    const limiter = createSiteRateLimiter({ ratePerSecond: 1, burst: 1, now: () => now });
    expect(limiter.take(1).ok).toBe(true);
    expect(limiter.take(1)).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(limiter.take(2).ok).toBe(true);
    const off = createSiteRateLimiter({ ratePerSecond: 0, burst: 1 });
    for (let i = 0; i < 100; i++) expect(off.take(1).ok).toBe(true);
  });

  describe('clientAddress: X-Forwarded-For only from trusted proxies', () => {
    const proxies = new AddressList(['10.0.0.1', '10.0.0.2']);

    test('an untrusted peer is its own key, whatever it claims', () => {
      expect(clientAddress('203.0.113.9', '198.51.100.1', proxies)).toBe('203.0.113.9');
      expect(clientAddress('203.0.113.9', undefined, new AddressList([]))).toBe('203.0.113.9');
    });

    test('behind a trusted proxy: the address that proxy saw, not what the client prepended', () => {
      expect(clientAddress('10.0.0.1', '198.51.100.7', proxies)).toBe('198.51.100.7');
      expect(clientAddress('10.0.0.1', '1.1.1.1, 198.51.100.7', proxies)).toBe('198.51.100.7');
      // two proxies in a row: skip both
      expect(clientAddress('10.0.0.1', '1.1.1.1, 198.51.100.7, 10.0.0.2', proxies)).toBe(
        '198.51.100.7',
      );
    });

    test('IPv4-mapped IPv6 sockets match their IPv4 entry', () => {
      expect(clientAddress('::ffff:10.0.0.1', '198.51.100.7', proxies)).toBe('198.51.100.7');
    });

    test('CIDR ranges and IPv6 proxies are trusted (POMELO_TRUSTED_PROXIES=10.1.0.0/16,fd00::/8)', () => {
      const ranges = new AddressList(['10.1.0.0/16', 'fd00::/8']);
      expect(clientAddress('10.1.200.3', '198.51.100.7', ranges)).toBe('198.51.100.7');
      expect(clientAddress('fd12::9', '2001:db8::1', ranges)).toBe('2001:db8::1');
      expect(clientAddress('10.1.200.3', '198.51.100.7, 10.1.0.9', ranges)).toBe('198.51.100.7');
      expect(clientAddress('10.2.0.1', '198.51.100.7', ranges)).toBe('10.2.0.1');
    });

    test('garbage in the header keeps the last vouched-for address', () => {
      expect(clientAddress('10.0.0.1', 'not-an-ip', proxies)).toBe('10.0.0.1');
      expect(clientAddress('10.0.0.1', '', proxies)).toBe('10.0.0.1');
    });
  });
});
