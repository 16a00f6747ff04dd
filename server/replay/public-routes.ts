// The replay module's endpoints (replay contract §2): public, CORS "*", no credentials, mounted
// before the API middleware like /api/event. The recording id is the only capability.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { jsonError } from '../http/errors.js';
import { rateLimitPerClient, TokenBuckets } from '../http/middleware/rate-limit.js';
import { CHUNK_LIMITS } from './chunk-body.js';
import type { ReplayDeps } from './deps.js';
import {
  acceptChunk,
  readChunkQuery,
  startRecording,
  withdrawRecording,
  type Refusal,
} from './recordings.js';

const START_BODY_BYTES = 4 * 1024;

const refused = (c: Context, r: Refusal) => jsonError(c, r.status, r.code, r.message);
const tooLarge = (bytes: number) => (c: Context) =>
  jsonError(c, 413, 'body_too_large', `the body is larger than ${bytes} bytes`);

export function replayPublicRoutes(deps: ReplayDeps): Hono {
  const app = new Hono();
  const open = cors({
    origin: '*',
    allowMethods: ['POST', 'DELETE'],
    allowHeaders: ['Content-Type'],
    maxAge: 86400,
  });
  app.use('/api/replay/start', open);
  app.use('/api/replay/chunk', open);
  // Per client, in memory only (the address is a bucket key, never stored or logged): starts and
  // withdrawals share one budget, chunk uploads have their own (a recorder flushes every ~5 s).
  const perMinute = (n: number) =>
    rateLimitPerClient(
      new TokenBuckets({ ratePerSecond: n / 60, burst: n, now: deps.now }),
      deps.options.trustedProxies,
    );
  const starts = perMinute(deps.options.startsPerMinute);
  const chunks = perMinute(deps.options.chunksPerMinute);

  app.post(
    '/api/replay/start',
    starts,
    bodyLimit({ maxSize: START_BODY_BYTES, onError: tooLarge(START_BODY_BYTES) }),
    async (c) => {
      let body: unknown;
      try {
        body = JSON.parse(await c.req.text());
      } catch {
        return jsonError(c, 400, 'bad_body', 'send {"offer", "url"} as JSON');
      }
      const result = await startRecording(deps, body);
      return 'ok' in result ? c.json(result.answer, 201) : refused(c, result);
    },
  );

  app.post(
    '/api/replay/chunk',
    chunks,
    bodyLimit({
      maxSize: CHUNK_LIMITS.compressedBytes,
      onError: tooLarge(CHUNK_LIMITS.compressedBytes),
    }),
    async (c) => {
      const q = readChunkQuery({
        recording: c.req.query('recording'),
        seq: c.req.query('seq'),
        enc: c.req.query('enc'),
      });
      if ('status' in q) return refused(c, q);
      const body = new Uint8Array(await c.req.arrayBuffer());
      if (body.length === 0) return jsonError(c, 400, 'empty_body', 'the chunk is empty');
      const result = await acceptChunk(deps, q, body);
      return 'ok' in result ? c.body(null, 202) : refused(c, result);
    },
  );

  app.delete('/api/replay/chunk', starts, async (c) => {
    const id = c.req.query('recording');
    if (!id || !/^[A-Za-z0-9_-]{22}$/.test(id)) {
      return jsonError(c, 400, 'bad_recording', 'recording must be the id the server issued');
    }
    if (c.req.query('purge') !== '1') return jsonError(c, 400, 'bad_request', 'send purge=1');
    // Answered the same whether or not the recording existed: deleting twice is not an error.
    await withdrawRecording(deps, id, 'withdrawn');
    return c.body(null, 204);
  });
  return app;
}
