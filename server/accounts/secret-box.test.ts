import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';
import { keyFileName, open, seal, secondFactorKey } from './secret-box.js';

describe('secret box', () => {
  test('opens what it sealed; another key or a changed byte opens nothing', () => {
    const key = randomBytes(32);
    const sealed = seal(key, 'JBSWY3DPEHPK3PXP');
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(open(key, sealed)).toBe('JBSWY3DPEHPK3PXP');
    expect(open(randomBytes(32), sealed)).toBeUndefined();
    const parts = sealed.split('.');
    parts[2] = parts[2]!.startsWith('A') ? `B${parts[2]!.slice(1)}` : `A${parts[2]!.slice(1)}`;
    expect(open(key, parts.join('.'))).toBeUndefined();
    expect(open(key, 'garbage')).toBeUndefined();
  });

  test('the key file is created once with mode 0600 and read back', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pomelo-key-'));
    const key = secondFactorKey(dir, undefined);
    const file = path.join(dir, keyFileName);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64').equals(key)).toBe(true);
    expect(secondFactorKey(dir, undefined).equals(key)).toBe(true);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('the environment key wins and must be 32 bytes', () => {
    const k = randomBytes(32);
    expect(secondFactorKey('/nonexistent', k.toString('base64')).equals(k)).toBe(true);
    expect(() => secondFactorKey('/nonexistent', 'c2hvcnQ=')).toThrow(/POMELO_SECOND_FACTOR_KEY/);
  });

  test('POMELO_SECOND_FACTOR_KEY is checked at boot', () => {
    const k = randomBytes(32).toString('base64');
    expect(loadConfig({ POMELO_SECOND_FACTOR_KEY: k }).secondFactorKey).toBe(k);
    expect(loadConfig({}).secondFactorKey).toBeUndefined();
    expect(() => loadConfig({ POMELO_SECOND_FACTOR_KEY: 'too short' })).toThrow(ConfigError);
  });
});
