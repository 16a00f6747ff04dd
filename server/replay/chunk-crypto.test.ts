// Tests chunk encryption: round trip, random IVs, context binding, tampering and key destruction.
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import {
  ChunkDecryptError,
  decryptChunk,
  destroyKey,
  encryptChunk,
  generateWindowKey,
  type ChunkContext,
} from './chunk-crypto';

const ctx: ChunkContext = { windowId: 'w-1', recordingId: 'r-1', seq: 0 };
const chunk = gzipSync(JSON.stringify([{ type: 4, data: { href: 'https://shop.test/p' } }]));

function reasonOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof ChunkDecryptError) return error.reason;
    throw error;
  }
  return 'decrypted';
}

describe('chunk crypto', () => {
  test('round trip', () => {
    const key = generateWindowKey();
    expect(key).toHaveLength(32);
    const sealed = encryptChunk(key, ctx, chunk);
    expect(sealed.length).toBe(chunk.length + 29);
    expect(decryptChunk(key, ctx, sealed).equals(chunk)).toBe(true);
  });

  test('the same chunk sealed twice differs (random IV) and hides the plaintext', () => {
    const key = generateWindowKey();
    const a = encryptChunk(key, ctx, Buffer.from('jean@example.com'));
    const b = encryptChunk(key, ctx, Buffer.from('jean@example.com'));
    expect(a.subarray(1, 13).equals(b.subarray(1, 13))).toBe(false);
    expect(a.includes('jean')).toBe(false);
  });

  test('keys are random', () => {
    expect(generateWindowKey().equals(generateWindowKey())).toBe(false);
  });

  test.each<[string, Partial<ChunkContext>]>([
    ['another window', { windowId: 'w-2' }],
    ['another recording', { recordingId: 'r-2' }],
    ['another sequence number', { seq: 1 }],
  ])('a chunk moved to %s does not decrypt', (_name, change) => {
    const key = generateWindowKey();
    const sealed = encryptChunk(key, ctx, chunk);
    expect(reasonOf(() => decryptChunk(key, { ...ctx, ...change }, sealed))).toBe('not_authentic');
  });

  test('ids cannot be shifted between fields to forge a context', () => {
    const key = generateWindowKey();
    const sealed = encryptChunk(key, { windowId: 'a:b', recordingId: 'c', seq: 0 }, chunk);
    const shifted = { windowId: 'a', recordingId: 'b:c', seq: 0 };
    expect(reasonOf(() => decryptChunk(key, shifted, sealed))).toBe('not_authentic');
  });

  test.each([
    ['a flipped ciphertext bit', (s: Buffer) => s[s.length - 1]! ^ 1, -1],
    ['a flipped tag bit', (s: Buffer) => s[13]! ^ 1, 13],
    ['a flipped IV bit', (s: Buffer) => s[1]! ^ 1, 1],
  ])('%s is detected', (_name, flip, index) => {
    const key = generateWindowKey();
    const sealed = encryptChunk(key, ctx, chunk);
    const at = index < 0 ? sealed.length + index : index;
    sealed[at] = flip(sealed);
    expect(reasonOf(() => decryptChunk(key, ctx, sealed))).toBe('not_authentic');
  });

  test.each([
    ['empty', Buffer.alloc(0)],
    ['too short', Buffer.alloc(28, 1)],
    ['unknown version', Buffer.concat([Buffer.from([2]), Buffer.alloc(40)])],
  ])('a %s blob is refused', (_name, blob) => {
    expect(reasonOf(() => decryptChunk(generateWindowKey(), ctx, blob))).toBe('bad_format');
  });

  test('another key cannot decrypt', () => {
    const sealed = encryptChunk(generateWindowKey(), ctx, chunk);
    expect(reasonOf(() => decryptChunk(generateWindowKey(), ctx, sealed))).toBe('not_authentic');
  });

  test('after the key is destroyed, the chunk is unreadable', () => {
    const key = generateWindowKey();
    const sealed = encryptChunk(key, ctx, chunk);
    const backupOfSealed = Buffer.from(sealed); // a database backup keeps the bytes, not the key
    destroyKey(key);
    expect(key.every((b) => b === 0)).toBe(true);
    expect(reasonOf(() => decryptChunk(key, ctx, backupOfSealed))).toBe('bad_key');
    // And no all-zero key is ever used, so a wiped key cannot seal new data either.
    expect(reasonOf(() => encryptChunk(key, ctx, chunk))).toBe('bad_key');
  });

  test('a zeroed key also fails authentication if used bypassing the check', () => {
    // Decrypting with the zero key directly (as an attacker with a wiped key would) fails the tag.
    const key = generateWindowKey();
    const sealed = encryptChunk(key, ctx, chunk);
    const almostZero = Buffer.alloc(32);
    almostZero[0] = 1;
    expect(reasonOf(() => decryptChunk(almostZero, ctx, sealed))).toBe('not_authentic');
  });

  test.each([
    ['a short key', Buffer.alloc(16, 1)],
    ['a long key', Buffer.alloc(64, 1)],
  ])('%s is refused', (_name, key) => {
    expect(reasonOf(() => encryptChunk(key, ctx, chunk))).toBe('bad_key');
  });

  test('a negative or fractional sequence number is a programming error', () => {
    const key = generateWindowKey();
    expect(() => encryptChunk(key, { ...ctx, seq: -1 }, chunk)).toThrow(RangeError);
    expect(() => encryptChunk(key, { ...ctx, seq: 1.5 }, chunk)).toThrow(RangeError);
  });
});
