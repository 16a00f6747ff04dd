import { describe, expect, test } from 'vitest';
import { newRecoveryCodes, recoveryCodeHash } from './recovery-codes.js';

describe('recovery codes', () => {
  test('ten distinct codes of sixteen symbols', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
  });

  test('the digest ignores case, spaces and dashes, and differs between codes', () => {
    const [a, b] = newRecoveryCodes() as [string, string];
    expect(recoveryCodeHash(a.toUpperCase().replace(/-/g, ' '))).toBe(recoveryCodeHash(a));
    expect(recoveryCodeHash(a)).not.toBe(recoveryCodeHash(b));
    expect(recoveryCodeHash(a)).not.toContain(a.replace(/-/g, ''));
  });
});
