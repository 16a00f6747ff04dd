// The security-related variables of server/config.ts (issue 11 items 8 and 9).
import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const load = (env: Record<string, string>) => loadConfig(env, '/tmp');

describe('security configuration', () => {
  test('session defaults meet ASVS 4.0 V3.3.2 level 2; the older MAX_DAYS is still read', () => {
    const c = load({});
    expect(c.sessionIdleMinutes).toBe(30);
    expect(c.sessionMaxHours).toBe(12);
    expect(load({ POMELO_SESSION_MAX_DAYS: '2' }).sessionMaxHours).toBe(48);
    expect(
      load({ POMELO_SESSION_MAX_DAYS: '2', POMELO_SESSION_MAX_HOURS: '8' }).sessionMaxHours,
    ).toBe(8);
    expect(() => load({ POMELO_SESSION_MAX_HOURS: '0' })).toThrow(ConfigError);
  });

  test('POMELO_TRUSTED_PROXIES takes addresses and CIDR ranges of both families', () => {
    const c = load({ POMELO_TRUSTED_PROXIES: '127.0.0.1, ::1, 10.0.0.0/8 ,FD00::/8' });
    expect(c.trustedProxies.has('10.20.30.40')).toBe(true);
    expect(c.trustedProxies.has('fd00:1::1')).toBe(true);
    expect(c.trustedProxies.has('::1')).toBe(true);
    expect(c.trustedProxies.has('192.0.2.1')).toBe(false);
    expect(load({}).trustedProxies.size).toBe(0);
    for (const bad of ['10.0.0.0/33', 'proxy.example', '10.0.0.1/8/1', '::/200']) {
      expect(() => load({ POMELO_TRUSTED_PROXIES: bad }), bad).toThrow(/POMELO_TRUSTED_PROXIES/);
    }
  });

  test('POMELO_ALLOWED_ORIGINS: origins only, normalised', () => {
    expect(
      load({ POMELO_ALLOWED_ORIGINS: 'https://A.example.com, http://b.example.com:8080' })
        .allowedOrigins,
    ).toEqual(['https://a.example.com', 'http://b.example.com:8080']);
    expect(load({}).allowedOrigins).toEqual([]);
    for (const bad of ['https://a.example.com/path', 'ftp://a.example.com', 'a.example.com']) {
      expect(() => load({ POMELO_ALLOWED_ORIGINS: bad }), bad).toThrow(/POMELO_ALLOWED_ORIGINS/);
    }
  });
});
