// The replay variables of server/config.ts (issue 12 §5 and §7): defaults, bounds, the KEK's forms.
import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('replay configuration', () => {
  test('defaults: a 1 GiB storage budget, the keyring beside the data, no KEK in the environment', () => {
    const c = loadConfig({ POMELO_DATA_DIR: '/var/lib/pomelo' }, '/');
    expect(c).toMatchObject({
      replayStorageMb: 1024,
      replayWindowMb: 256,
      replayRecordingMb: 16,
      replayRecordingChunks: 2000,
      replayStartRate: 30,
      replayChunkRate: 120,
      replayKek: undefined,
      replayKeyDir: '/var/lib/pomelo/replay-keys',
    });
    expect(loadConfig({ POMELO_REPLAY_KEY_DIR: '/srv/keys' }, '/').replayKeyDir).toBe('/srv/keys');
  });

  test('the KEK: 32 bytes as hex or base64; anything else fails at boot', () => {
    const bytes = Buffer.alloc(32, 7);
    expect(loadConfig({ POMELO_REPLAY_KEK: bytes.toString('hex') }).replayKek).toEqual(bytes);
    expect(loadConfig({ POMELO_REPLAY_KEK: bytes.toString('base64') }).replayKek).toEqual(bytes);
    for (const bad of ['short', Buffer.alloc(16, 1).toString('base64'), '0'.repeat(64)]) {
      expect(() => loadConfig({ POMELO_REPLAY_KEK: bad })).toThrow(ConfigError);
    }
  });

  test('bounds', () => {
    expect(() => loadConfig({ POMELO_REPLAY_STORAGE_MB: '0' })).toThrow(/POMELO_REPLAY_STORAGE_MB/);
    expect(() => loadConfig({ POMELO_REPLAY_RECORDING_MB: '2048' })).toThrow(ConfigError);
    expect(loadConfig({ POMELO_REPLAY_STORAGE_MB: '50' }).replayStorageMb).toBe(50);
  });
});
