// Replay chunks at rest: AES-256-GCM with a per-window key, so destroying the key when the
// window's retention ends makes every copy (backups included) unreadable (issue 6 §4).
// Sealed layout: version (1 byte) | IV (12) | auth tag (16) | ciphertext.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 1;
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;

/** Binds a sealed chunk to its place: moving it to another window, recording or slot fails. */
export interface ChunkContext {
  windowId: string;
  recordingId: string;
  seq: number;
}

export class ChunkDecryptError extends Error {
  constructor(readonly reason: 'bad_key' | 'bad_format' | 'not_authentic') {
    super(`replay chunk cannot be decrypted: ${reason}`);
    this.name = 'ChunkDecryptError';
  }
}

/** A fresh random window key (32 bytes). Store it apart from the chunks; destroy it to purge. */
export function generateWindowKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

function additionalData(ctx: ChunkContext): Buffer {
  if (!Number.isSafeInteger(ctx.seq) || ctx.seq < 0) throw new RangeError('seq must be ≥ 0');
  // JSON keeps the fields unambiguous whatever characters the ids contain.
  return Buffer.from(
    JSON.stringify(['pomelo-replay-chunk', VERSION, ctx.windowId, ctx.recordingId, ctx.seq]),
  );
}

function checkKey(key: Uint8Array): void {
  if (key.length !== KEY_BYTES || key.every((b) => b === 0)) throw new ChunkDecryptError('bad_key');
}

/** Encrypts one (already compressed) chunk with a random 12-byte IV. */
export function encryptChunk(key: Uint8Array, ctx: ChunkContext, plaintext: Uint8Array): Buffer {
  checkKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(additionalData(ctx));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
}

/** Decrypts a sealed chunk; throws ChunkDecryptError for a wrong/destroyed key, tampering or a moved chunk. */
export function decryptChunk(key: Uint8Array, ctx: ChunkContext, sealed: Uint8Array): Buffer {
  checkKey(key);
  if (sealed.length < HEADER_BYTES || sealed[0] !== VERSION)
    throw new ChunkDecryptError('bad_format');
  const iv = sealed.subarray(1, 1 + IV_BYTES);
  const tag = sealed.subarray(1 + IV_BYTES, HEADER_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(additionalData(ctx));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(sealed.subarray(HEADER_BYTES)), decipher.final()]);
  } catch {
    throw new ChunkDecryptError('not_authentic');
  }
}

/**
 * Overwrites an in-memory key with zeros. The purge job also deletes the key's row; after both,
 * nothing can decrypt the window's chunks, and an all-zero key is refused outright.
 */
export function destroyKey(key: Uint8Array): void {
  key.fill(0);
}
