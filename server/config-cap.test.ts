// Issue 11 §2: the cardinality ceiling and the cap-state budget (README, "Configuration").
import { expect, test } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

test('defaults: cap 25,000 under a ceiling of 50,000; a 64 MiB cap state', () => {
  const c = loadConfig({});
  expect([c.cardinalityCap, c.maxCardinalityCap, c.capStateMb]).toEqual([25_000, 50_000, 64]);
});

test('the default cap may not exceed the ceiling', () => {
  expect(() => loadConfig({ POMELO_MAX_CARDINALITY_CAP: '1000' })).toThrow(ConfigError);
  expect(() => loadConfig({ POMELO_MAX_CARDINALITY_CAP: '1000' })).toThrow(
    'POMELO_CARDINALITY_CAP must not exceed POMELO_MAX_CARDINALITY_CAP (25000 > 1000)',
  );
  const c = loadConfig({ POMELO_MAX_CARDINALITY_CAP: '1000', POMELO_CARDINALITY_CAP: '1000' });
  expect(c.maxCardinalityCap).toBe(1000);
  expect(() => loadConfig({ POMELO_CAP_STATE_MB: '0' })).toThrow(/POMELO_CAP_STATE_MB/);
});
