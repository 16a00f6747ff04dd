import { describe, expect, test } from 'vitest';
import { negotiateEncoding } from './encoding.js';

describe('negotiateEncoding', () => {
  test.each([
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip', 'gzip'],
    ['x-gzip', 'gzip'],
    ['br;q=0.5, gzip;q=0.8', 'gzip'],
    ['br;q=0, gzip;q=0', 'identity'],
    ['*', 'br'],
    ['*;q=0.1, gzip', 'gzip'],
    ['identity', 'identity'],
    ['deflate', 'identity'],
    ['br;q=1.0, gzip;q=1.0', 'br'],
    ['GZIP;Q=0.9', 'gzip'],
  ] as const)('%j → %s', (header, want) => {
    expect(negotiateEncoding(header)).toBe(want);
  });

  test('refusing everything, identity included, leaves nothing to send', () => {
    expect(negotiateEncoding('identity;q=0')).toBeUndefined();
    expect(negotiateEncoding('*;q=0')).toBeUndefined();
    expect(negotiateEncoding('br;q=0, *;q=0')).toBeUndefined();
  });

  test('a long header costs a bounded amount of work', () => {
    expect(negotiateEncoding('a,'.repeat(100_000) + 'br')).toBe('identity');
  });
});
