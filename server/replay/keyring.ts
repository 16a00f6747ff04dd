// The key hierarchy of replay windows (issue 12 §7; docs/REPLAY.md "Deletion that survives
// backups"). Three parts, two of them outside the database:
//   - the install's KEK: POMELO_REPLAY_KEK, else `<key dir>/replay.kek` (created at first start,
//     0600);
//   - one secret per window: `<key dir>/windows/<window id>.key` (0600), deleted by the purge;
//   - the window's data key, in the database (replay_window_keys) only wrapped under
//     HKDF(KEK, window secret) (key-wrap.ts).
// `pomelo backup` copies the database file only, so neither the KEK nor the secrets are in it: a
// backup restored after a purge holds a wrapped key whose window secret no longer exists.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Store } from '../store/types.js';
import { generateWindowKey } from './chunk-crypto.js';
import { isUnwrapped, KeyUnwrapError, unwrapWindowKey, wrapWindowKey } from './key-wrap.js';

const WINDOW_ID = /^[A-Za-z0-9_-]{1,100}$/;
/** Unwrapped keys kept in memory this long (another node's purge reaches this one within it). */
const CACHE_MS = 30_000;

async function readOrCreate(file: string, make: () => Buffer): Promise<Buffer> {
  try {
    return await fs.readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const bytes = make();
  try {
    // wx: two processes starting together agree on the first file written.
    await fs.writeFile(file, bytes, { mode: 0o600, flag: 'wx' });
    return bytes;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return fs.readFile(file);
    throw err;
  }
}

export class WindowKeys {
  private kek: Buffer | undefined;
  private readonly cache = new Map<string, { key: Buffer; at: number }>();

  constructor(
    private readonly store: Store,
    private readonly opts: { dir: string; kek: Buffer | undefined; now: () => number },
  ) {}

  private secretFile(windowId: string): string {
    if (!WINDOW_ID.test(windowId)) throw new RangeError('bad window id');
    return path.join(this.opts.dir, 'windows', `${windowId}.key`);
  }

  /** Loads (or creates) the KEK and wraps any key stored before wrapping existed. */
  async init(): Promise<{ migrated: number }> {
    await fs.mkdir(path.join(this.opts.dir, 'windows'), { recursive: true, mode: 0o700 });
    this.kek =
      this.opts.kek ??
      (await readOrCreate(path.join(this.opts.dir, 'replay.kek'), () => randomBytes(32)));
    if (this.kek.length !== 32) throw new Error(`${this.opts.dir}/replay.kek is not 32 bytes`);
    let migrated = 0;
    for (const row of await this.store.replay.windowKeys()) {
      if (!isUnwrapped(row.keyBytes)) continue;
      await this.store.replay.replaceWindowKey(
        row.windowId,
        await this.wrap(row.windowId, row.keyBytes),
      );
      migrated++;
    }
    return { migrated };
  }

  private requireKek(): Buffer {
    if (!this.kek) throw new Error('WindowKeys.init() was not called');
    return this.kek;
  }

  private async wrap(windowId: string, key: Buffer): Promise<Buffer> {
    const secret = await readOrCreate(this.secretFile(windowId), () => randomBytes(32));
    return wrapWindowKey(this.requireKek(), secret, windowId, key);
  }

  /** A fresh data key for a new window: its secret is written, the wrapped form returned for the store. */
  async create(windowId: string): Promise<Buffer> {
    return this.wrap(windowId, generateWindowKey());
  }

  /** The window's data key, or undefined once purged (no row, or no secret to unwrap it with). */
  async key(windowId: string): Promise<Buffer | undefined> {
    const now = this.opts.now();
    const hit = this.cache.get(windowId);
    if (hit && now - hit.at < CACHE_MS) return hit.key;
    this.cache.delete(windowId);
    const wrapped = await this.store.replay.windowKey(windowId);
    if (!wrapped) return undefined;
    let secret: Buffer;
    try {
      secret = await fs.readFile(this.secretFile(windowId));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
    let key: Buffer;
    try {
      key = unwrapWindowKey(this.requireKek(), secret, windowId, wrapped);
    } catch (err) {
      if (err instanceof KeyUnwrapError) return undefined;
      throw err;
    }
    if (this.cache.size > 1000) this.cache.clear();
    this.cache.set(windowId, { key, at: now });
    return key;
  }

  /**
   * Destroys window secrets whose key row is gone (a site deleted with its windows, a purge that
   * stopped half-way), so a backup of the database from before cannot be opened with them either.
   * Secrets younger than `graceMs` are left alone: a window being opened writes its secret first.
   */
  async sweep(graceMs = 10 * 60_000): Promise<number> {
    const dir = path.join(this.opts.dir, 'windows');
    let swept = 0;
    for (const name of await fs.readdir(dir)) {
      const windowId = name.endsWith('.key') ? name.slice(0, -'.key'.length) : '';
      if (!WINDOW_ID.test(windowId)) continue;
      const stat = await fs.stat(path.join(dir, name)).catch(() => undefined);
      if (!stat || this.opts.now() - stat.mtimeMs < graceMs) continue;
      if (await this.store.replay.windowKey(windowId)) continue;
      if (await this.destroy(windowId)) swept++;
    }
    return swept;
  }

  /**
   * Crypto-shredding: overwrites and deletes the window's secret (every copy of the wrapped key,
   * backups included, becomes useless), then deletes the key row. True when anything was destroyed.
   */
  async destroy(windowId: string): Promise<boolean> {
    const cached = this.cache.get(windowId);
    cached?.key.fill(0);
    this.cache.delete(windowId);
    const file = this.secretFile(windowId);
    let removed = false;
    try {
      const handle = await fs.open(file, 'r+');
      try {
        await handle.write(Buffer.alloc(32), 0, 32, 0);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.unlink(file);
      removed = true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    const row = await this.store.replay.destroyWindowKey(windowId);
    return removed || row;
  }
}
