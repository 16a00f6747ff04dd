// Reads a recording back for its named viewers: the sealed, non-quarantined chunks decrypted with
// the window's key, inflated and merged in time order. Without the key nothing is readable.
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { Store } from '../store/types.js';
import type { WindowKeys } from './keyring.js';
import { ChunkDecryptError, decryptChunk } from './chunk-crypto.js';

const gunzipAsync = promisify(gunzip);

export type Playback =
  | { ok: true; events: unknown[]; skippedChunks: number }
  | { ok: false; reason: 'key_destroyed' | 'unreadable' };

export async function readRecordingEvents(
  { store, keys }: { store: Store; keys: WindowKeys },
  windowId: string,
  recordingId: string,
): Promise<Playback> {
  const key = await keys.key(windowId);
  if (!key) return { ok: false, reason: 'key_destroyed' };
  const events: { timestamp: number }[] = [];
  let skippedChunks = 0;
  for (const chunk of await store.replay.chunks(recordingId)) {
    if (chunk.quarantined || chunk.data === null) {
      skippedChunks++;
      continue;
    }
    try {
      const ctx = { windowId, recordingId, seq: chunk.seq };
      const json = await gunzipAsync(decryptChunk(key, ctx, chunk.data));
      events.push(...(JSON.parse(json.toString('utf8')) as { timestamp: number }[]));
    } catch (err) {
      if (err instanceof ChunkDecryptError) return { ok: false, reason: 'unreadable' };
      throw err;
    }
  }
  // Chunks of successive pages can arrive out of order; the player needs time order (stable sort).
  events.sort((a, b) => a.timestamp - b.timestamp);
  return { ok: true, events, skippedChunks };
}
