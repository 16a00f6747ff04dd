// Sends buffered replay events to the ingestion endpoint: gzip via CompressionStream when the
// browser has it (plain JSON otherwise), as a CORS-simple POST (text/plain, no custom header).
// Chunk metadata rides in the query string: recording id, page-local sequence, encoding.

export type SendOutcome = 'sent' | 'stop' | 'failed';

export interface ChunkTarget {
  endpoint: string;
  recordingId: string;
}

/** keepalive requests are capped at 64 KiB in total per page; stay under it. */
const KEEPALIVE_LIMIT = 60_000;

function chunkUrl(target: ChunkTarget, params: Record<string, string>): string {
  const query = new URLSearchParams({ recording: target.recordingId, ...params });
  return target.endpoint + (target.endpoint.includes('?') ? '&' : '?') + query.toString();
}

async function gzip(text: string): Promise<ArrayBuffer | null> {
  if (typeof CompressionStream !== 'function') return null;
  try {
    const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
    return await new Response(stream).arrayBuffer();
  } catch {
    return null;
  }
}

/**
 * The server answers 2xx to accept; 403 or 410 means "stop recording" (window closed, kill
 * switch, cap reached, consent gone): the recorder stops at this flush.
 */
function outcomeOf(status: number): SendOutcome {
  if (status === 403 || status === 410) return 'stop';
  return status >= 200 && status < 300 ? 'sent' : 'failed';
}

export async function sendChunk(
  target: ChunkTarget,
  seq: number,
  json: string,
): Promise<SendOutcome> {
  const body = await gzip(json);
  const payload: BodyInit = body ?? json;
  const size = body ? body.byteLength : new Blob([json]).size;
  try {
    const response = await fetch(
      chunkUrl(target, { seq: String(seq), enc: body ? 'gzip' : 'identity' }),
      {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain' },
        body: payload,
        credentials: 'omit',
        keepalive: size <= KEEPALIVE_LIMIT,
      },
    );
    return outcomeOf(response.status);
  } catch {
    return 'failed';
  }
}

/**
 * The last chunk when the page goes away: compression is asynchronous and might not finish, so
 * it goes as plain JSON in a keepalive request, synchronously started.
 */
export function sendFinalChunk(target: ChunkTarget, seq: number, json: string): void {
  if (new Blob([json]).size > KEEPALIVE_LIMIT) return; // too large to survive the unload: dropped, not sent half
  void fetch(chunkUrl(target, { seq: String(seq), enc: 'identity' }), {
    method: 'POST',
    headers: { 'Content-Type': 'text/plain' },
    body: json,
    credentials: 'omit',
    keepalive: true,
  }).catch(() => undefined);
}

/** Asks the server to delete everything it holds for the recording (consent withdrawn, sensitive page). */
export function sendPurge(target: ChunkTarget): void {
  void fetch(chunkUrl(target, { purge: '1' }), {
    method: 'DELETE',
    credentials: 'omit',
    keepalive: true,
  }).catch(() => undefined);
}
