import { randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { isUnwrapped, unwrapWindowKey, wrapWindowKey, WRAPPED_BYTES } from './key-wrap.js';

describe('window key wrapping', () => {
  const kek = randomBytes(32);
  const secret = randomBytes(32);
  const key = randomBytes(32);

  test('round trip; the stored form is not the key and has a fixed size', () => {
    const wrapped = wrapWindowKey(kek, secret, 'w_a', key);
    expect(wrapped.length).toBe(WRAPPED_BYTES);
    expect(isUnwrapped(wrapped)).toBe(false);
    expect(isUnwrapped(key)).toBe(true);
    expect(wrapped.includes(key)).toBe(false);
    expect(unwrapWindowKey(kek, secret, 'w_a', wrapped)).toEqual(key);
  });

  test('another KEK, another window secret or another window id cannot unwrap', () => {
    const wrapped = wrapWindowKey(kek, secret, 'w_a', key);
    expect(() => unwrapWindowKey(randomBytes(32), secret, 'w_a', wrapped)).toThrow(/not_authentic/);
    expect(() => unwrapWindowKey(kek, randomBytes(32), 'w_a', wrapped)).toThrow(/not_authentic/);
    expect(() => unwrapWindowKey(kek, secret, 'w_b', wrapped)).toThrow(/not_authentic/);
    expect(() => unwrapWindowKey(kek, secret, 'w_a', key)).toThrow(/bad_format/);
  });
});
