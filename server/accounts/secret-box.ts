// Seals TOTP secrets at rest with AES-256-GCM under a key kept outside the database:
// POMELO_SECOND_FACTOR_KEY (base64 of 32 bytes; needed when several nodes share PostgreSQL), else
// a key file `second-factor.key` in the data directory, created at first use with mode 0600.
// A copy of the database alone does not give the secrets away.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const version = 'v1';

export function seal(key: Buffer, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [version, iv, body, cipher.getAuthTag()]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

/** The plain text, or undefined when the box was sealed with another key or altered. */
export function open(key: Buffer, sealed: string): string | undefined {
  const [v, iv, body, tag] = sealed.split('.');
  if (v !== version || !iv || body === undefined || !tag) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([
      decipher.update(Buffer.from(body, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    return undefined;
  }
}

export const keyFileName = 'second-factor.key';
const cache = new Map<string, Buffer>();

/** The install's second-factor key (see the header); throws naming the variable when malformed. */
export function secondFactorKey(dataDir: string, fromEnv: string | undefined): Buffer {
  if (fromEnv) {
    const key = Buffer.from(fromEnv, 'base64');
    if (key.length !== 32) {
      throw new Error('POMELO_SECOND_FACTOR_KEY: expected the base64 of 32 random bytes');
    }
    return key;
  }
  const file = path.join(dataDir, keyFileName);
  const known = cache.get(file);
  if (known) return known;
  let key: Buffer;
  try {
    key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  } catch {
    fs.mkdirSync(dataDir, { recursive: true });
    try {
      // 'wx': of two processes creating it at once, one wins and the other reads its key.
      fs.writeFileSync(file, randomBytes(32).toString('base64') + '\n', {
        mode: 0o600,
        flag: 'wx',
      });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  }
  if (key.length !== 32) throw new Error(`${file}: expected the base64 of 32 bytes`);
  cache.set(file, key);
  return key;
}
