// Window keys at rest (issue 12 §7), pure crypto: a window's data key is stored in the database only
// wrapped (AES-256-GCM) under a wrapping key derived with HKDF-SHA256 from the install's
// key-encryption key (KEK, never in the database) and the window's own secret (in the keyring,
// outside the database, deleted by the purge). A copy of the database — a file copy, a backup, a
// dump — holds only the wrapped key: after the purge deleted the window's secret, nothing unwraps it.
// Layout: version 2 (1 byte) | IV (12) | tag (16) | wrapped key (32).
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 2;
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const WRAPPED_BYTES = 1 + IV_BYTES + TAG_BYTES + KEY_BYTES;

export class KeyUnwrapError extends Error {
  constructor(readonly reason: 'bad_format' | 'not_authentic') {
    super(`replay window key cannot be unwrapped: ${reason}`);
    this.name = 'KeyUnwrapError';
  }
}

/** A key stored before wrapping existed: the 32 raw bytes (migrated at start, keyring.ts). */
export function isUnwrapped(stored: Uint8Array): boolean {
  return stored.length === KEY_BYTES;
}

function wrappingKey(kek: Uint8Array, windowSecret: Uint8Array, windowId: string): Buffer {
  if (kek.length !== KEY_BYTES || windowSecret.length !== KEY_BYTES) {
    throw new RangeError('the KEK and the window secret are 32 bytes each');
  }
  return Buffer.from(
    hkdfSync('sha256', kek, windowSecret, `pomelo-replay-window-key v2 ${windowId}`, KEY_BYTES),
  );
}

export function wrapWindowKey(
  kek: Uint8Array,
  windowSecret: Uint8Array,
  windowId: string,
  key: Uint8Array,
): Buffer {
  if (key.length !== KEY_BYTES) throw new RangeError('a window key is 32 bytes');
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', wrappingKey(kek, windowSecret, windowId), iv, {
    authTagLength: TAG_BYTES,
  });
  cipher.setAAD(Buffer.from(windowId));
  const body = Buffer.concat([cipher.update(key), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
}

export function unwrapWindowKey(
  kek: Uint8Array,
  windowSecret: Uint8Array,
  windowId: string,
  wrapped: Uint8Array,
): Buffer {
  if (wrapped.length !== WRAPPED_BYTES || wrapped[0] !== VERSION) {
    throw new KeyUnwrapError('bad_format');
  }
  const iv = wrapped.subarray(1, 1 + IV_BYTES);
  const tag = wrapped.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', wrappingKey(kek, windowSecret, windowId), iv, {
    authTagLength: TAG_BYTES,
  });
  decipher.setAAD(Buffer.from(windowId));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([
      decipher.update(wrapped.subarray(1 + IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    throw new KeyUnwrapError('not_authentic');
  }
}
