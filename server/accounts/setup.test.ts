import { describe, expect, test } from 'vitest';
import { SetupGate, setupLinkTtlMs } from './setup.js';

describe('setup gate', () => {
  test('a token works once, and only within its hour', () => {
    const t0 = Date.parse('2026-11-01T12:00:00Z');
    const gate = new SetupGate();
    const token = gate.issue(t0);
    expect(gate.consume('setup_wrong', t0)).toBe(false);
    expect(gate.consume(token, t0 + setupLinkTtlMs - 1)).toBe(true);
    expect(gate.consume(token, t0 + 1)).toBe(false); // used

    const late = new SetupGate();
    const lateToken = late.issue(t0);
    expect(late.expired(t0 + setupLinkTtlMs - 1)).toBe(false);
    expect(late.expired(t0 + setupLinkTtlMs)).toBe(true);
    expect(late.consume(lateToken, t0 + setupLinkTtlMs)).toBe(false);
    expect(setupLinkTtlMs).toBe(3_600_000);
  });

  test('a restart (a new gate) issues a different token', () => {
    expect(new SetupGate().issue(0)).not.toBe(new SetupGate().issue(0));
  });
});
