import { describe, expect, test } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.js';

describe('password rules', () => {
  test.each([
    ['short', 'too_short'],
    ['x'.repeat(257), 'too_long'],
    ['password1234', 'too_common'],
    ['zzzzzzzzzzzzzz', 'too_common'],
    ['ada.lovelace@example.test', 'same_as_email'],
    ['correct pomelo staple 42', undefined],
  ])('%s → %s', (password, problem) => {
    expect(passwordProblem(password, 'ada.lovelace@example.test')).toBe(problem);
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
