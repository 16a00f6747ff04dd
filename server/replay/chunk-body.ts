// Reads one uploaded replay chunk: decompression within a size cap (a zip bomb stops at the cap),
// a JSON array of rrweb events, the sensitive-page check, the server's masking floor (strict read,
// filter, text masked unless an unmask selector covers it; issue 12 §1) and the leak scan of the
// clear text, joined across inline elements too (issue 6 §4–5, issue 12 §14). Returns what to
// store and the page addresses the chunk names, or a rejection with a reason; never throws.
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { eventShowsSensitiveField } from './event-filter.js';
import { maskChunk } from './masking/mask.js';
import type { NodeTree } from './masking/tree.js';
import { scanChunk, scanJoinedRuns, type Finding, type FindingType } from './scanner.js';

export const CHUNK_LIMITS = {
  /** Bytes on the wire (gzip or plain). */
  compressedBytes: 256 * 1024,
  /** Bytes of JSON once decompressed. */
  decompressedBytes: 2 * 1024 * 1024,
  maxSeq: 10_000,
  maxEvents: 20_000,
  /** Findings kept per chunk (type + location); more only repeat the lesson. */
  maxFindings: 20,
} as const;

export type ChunkEncoding = 'gzip' | 'identity';

export type ChunkRejection = {
  rejected: 'bad_encoding' | 'too_large' | 'bad_json' | 'bad_events';
  status: 400 | 413;
  message: string;
};

export type DecodedChunk =
  | ChunkRejection
  /** The page showed a password or payment field: the recording must go (masking floor). */
  | { sensitive: true }
  | {
      /** gzip of the filtered, masked JSON: what gets encrypted and stored. */
      stored: Buffer;
      findings: { type: FindingType; path: string | null }[];
      events: number;
      /** Every page address in the chunk (Meta events), as sent, for the URL rules. */
      pages: { href: string; path: string }[];
    };

export interface ChunkContext {
  canaries: readonly string[];
  /** The recording's node tree, updated by this chunk. */
  tree: NodeTree;
}

const gunzipAsync = promisify(gunzip);
const gzipAsync = promisify(gzip);

const reject = (rejected: ChunkRejection['rejected'], status: 400 | 413, message: string) => ({
  rejected,
  status,
  message,
});

async function inflate(body: Uint8Array, enc: ChunkEncoding): Promise<Buffer | ChunkRejection> {
  if (enc === 'identity') {
    return body.length > CHUNK_LIMITS.decompressedBytes
      ? reject('too_large', 413, 'the chunk is too large')
      : Buffer.from(body);
  }
  try {
    return await gunzipAsync(body, { maxOutputLength: CHUNK_LIMITS.decompressedBytes });
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      return reject('too_large', 413, 'the chunk decompresses past 2 MiB');
    }
    return reject('bad_encoding', 400, 'the body is not valid gzip');
  }
}

function isEvent(e: unknown): boolean {
  if (typeof e !== 'object' || e === null || Array.isArray(e)) return false;
  const { type, timestamp } = e as { type?: unknown; timestamp?: unknown };
  return Number.isInteger(type) && typeof timestamp === 'number' && Number.isFinite(timestamp);
}

export async function decodeChunk(
  body: Uint8Array,
  enc: ChunkEncoding,
  ctx: ChunkContext,
): Promise<DecodedChunk> {
  const raw = await inflate(body, enc);
  if ('rejected' in raw) return raw;
  let events: unknown;
  try {
    events = JSON.parse(raw.toString('utf8'));
  } catch {
    return reject('bad_json', 400, 'the chunk is not JSON');
  }
  if (!Array.isArray(events) || events.length === 0 || events.length > CHUNK_LIMITS.maxEvents) {
    return reject('bad_events', 400, `send a JSON array of 1 to ${CHUNK_LIMITS.maxEvents} events`);
  }
  if (!events.every(isEvent)) {
    return reject('bad_events', 400, 'every event needs an integer type and a numeric timestamp');
  }
  if (events.some(eventShowsSensitiveField)) return { sensitive: true };
  const masked = maskChunk(events, ctx.tree);
  if (!masked.ok) return reject('bad_events', 400, `the chunk cannot be read: ${masked.reason}`);
  const pages = events.flatMap((e: { type: number; data?: { href?: unknown } }, i) =>
    e.type === 4 ? [{ href: String(e.data?.href), path: `[${i}].data.href` }] : [],
  );
  const all: Finding[] = [
    ...scanChunk(masked.clearJson, { canaries: ctx.canaries }),
    ...scanJoinedRuns(masked.runs, { canaries: ctx.canaries }),
  ];
  const seen = new Set<string>();
  const findings: { type: FindingType; path: string | null }[] = [];
  for (const f of all) {
    const key = `${f.type} ${f.path ?? ''}`;
    if (seen.has(key) || findings.length >= CHUNK_LIMITS.maxFindings) continue;
    seen.add(key);
    findings.push({ type: f.type, path: f.path ?? null });
  }
  return {
    stored: await gzipAsync(JSON.stringify(masked.events)),
    findings,
    events: events.length,
    pages,
  };
}
