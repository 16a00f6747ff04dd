import { describe, expect, test } from 'vitest';
import { newTotpSecret, totpCode, totpCodeStep, totpStep, totpUri } from './totp.js';

// RFC 6238 appendix B, SHA-1 secret "12345678901234567890" (base32 below), 8 digits there; the
// last six digits of each listed code are the 6-digit code.
const rfcSecret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('totp', () => {
  test('matches the RFC 6238 test vectors (last six digits)', () => {
    expect(totpCode(rfcSecret, 59_000)).toBe('287082');
    expect(totpCode(rfcSecret, 1_111_111_109_000)).toBe('081804');
    expect(totpCode(rfcSecret, 2_000_000_000_000)).toBe('279037');
  });

  test('accepts the code of this, the previous and the next step, and names the step', () => {
    const secret = newTotpSecret();
    const now = 1_700_000_015_000;
    const step = totpStep(now);
    expect(totpCodeStep(secret, totpCode(secret, now), now)).toBe(step);
    expect(totpCodeStep(secret, totpCode(secret, now - 30_000), now)).toBe(step - 1);
    expect(totpCodeStep(secret, totpCode(secret, now + 30_000), now)).toBe(step + 1);
    expect(totpCodeStep(secret, totpCode(secret, now - 90_000), now)).toBeUndefined();
  });

  test('refuses malformed codes and another secret', () => {
    const secret = newTotpSecret();
    const now = Date.UTC(2026, 0, 1);
    const code = totpCode(secret, now);
    expect(totpCodeStep(secret, `${code.slice(0, 3)} ${code.slice(3)}`, now)).toBe(totpStep(now));
    for (const bad of ['', '12345', '1234567', 'abcdef', '12345x'])
      expect(totpCodeStep(secret, bad, now)).toBeUndefined();
    expect(totpCodeStep(newTotpSecret(), code, now)).toBeUndefined();
  });

  test('the URI names issuer, account and secret', () => {
    const uri = totpUri('ABCDEFGH', 'a@example.test');
    expect(uri).toMatch(/^otpauth:\/\/totp\/Pomelo:a%40example\.test\?/);
    expect(uri).toContain('secret=ABCDEFGH');
    expect(uri).toContain('issuer=Pomelo');
  });
});
