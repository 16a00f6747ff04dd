import { describe, expect, test } from 'vitest';
import { commonPasswords } from './common-passwords.js';
import { hashPassword, passwordLimits, passwordProblem, verifyPassword } from './passwords.js';

describe('password rules', () => {
  test.each([
    ['short', 'too_short'],
    ['x'.repeat(257), 'too_long'],
    ['password1234', 'too_common'],
    ['zzzzzzzzzzzzzz', 'too_common'],
    ['ada.lovelace@example.test', 'same_as_email'],
    ['correct pomelo staple 42', undefined],
    // From the 1,000,000-entry breach list, not in the old 28-entry list.
    ['sonyericsson', 'too_common'],
    ['LeaveMeAlone', 'too_common'],
    ['qazwsxedcrfv', 'too_common'],
    ['1q2w3e4r5t6y7u', 'too_common'],
  ])('%s → %s', (password, problem) => {
    expect(passwordProblem(password, 'ada.lovelace@example.test')).toBe(problem);
  });

  test('the breach list is large, offline, and loaded once', () => {
    const list = commonPasswords(passwordLimits.min);
    expect(list.sourceEntries).toBeGreaterThanOrEqual(100_000);
    expect(list.set.size).toBeGreaterThan(10_000);
    for (const entry of list.set) expect([...entry].length).toBeGreaterThanOrEqual(12);
    expect(commonPasswords(passwordLimits.min)).toBe(list);
  });

  test('hashes are argon2id, salted, and verify only the right password', async () => {
    const a = await hashPassword('correct pomelo staple 42');
    const b = await hashPassword('correct pomelo staple 42');
    expect(a).toMatch(/^\$argon2id\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, 'correct pomelo staple 42')).toBe(true);
    expect(await verifyPassword(a, 'correct pomelo staple 43')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });
});
