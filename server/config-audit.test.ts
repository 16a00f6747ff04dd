// The two variables of issue 11 (audit key, organisation creation policy): parsed and validated.
import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const base = { POMELO_DATA_DIR: '/tmp/pomelo-config-test' };

describe('POMELO_AUDIT_KEY and POMELO_ORG_CREATION', () => {
  test('defaults: no key in the environment (the key file is used), organisations by admins', () => {
    const c = loadConfig(base);
    expect(c.auditKey).toBeUndefined();
    expect(c.orgCreation).toBe('admins');
  });

  test('a key as hex or base64, at least 32 bytes', () => {
    const hex = 'ab'.repeat(32);
    expect(loadConfig({ ...base, POMELO_AUDIT_KEY: hex }).auditKey?.toString('hex')).toBe(hex);
    const b64 = Buffer.alloc(48, 7).toString('base64');
    expect(loadConfig({ ...base, POMELO_AUDIT_KEY: b64 }).auditKey).toEqual(Buffer.alloc(48, 7));
  });

  test('a short or malformed key fails at boot, naming the variable', () => {
    for (const bad of ['ab'.repeat(16), 'not a key!', 'c2hvcnQ=']) {
      expect(() => loadConfig({ ...base, POMELO_AUDIT_KEY: bad })).toThrow(ConfigError);
      expect(() => loadConfig({ ...base, POMELO_AUDIT_KEY: bad })).toThrow(/POMELO_AUDIT_KEY/);
    }
  });

  test('POMELO_ORG_CREATION accepts admins or anyone only', () => {
    expect(loadConfig({ ...base, POMELO_ORG_CREATION: 'anyone' }).orgCreation).toBe('anyone');
    expect(() => loadConfig({ ...base, POMELO_ORG_CREATION: 'everyone' })).toThrow(
      /POMELO_ORG_CREATION/,
    );
  });
});
