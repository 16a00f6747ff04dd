// POST /api/event: reads the body within the limit, runs the pipeline, maps the result to a status.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { OverloadedError } from '../counters/group-commit.js';
import { jsonError } from '../http/errors.js';
import { StoreUnavailableError } from '../store/types.js';
import { limits } from './payload.js';
import { rejectionStatus } from './rejection.js';
import type { createIngest } from './pipeline.js';

// The media type itself, then parameters or nothing: `application/json-patch+json` is another type.
const acceptedTypes = /^(text\/plain|application\/json)\s*(;|$)/i;

export function ingestRoutes(ingest: ReturnType<typeof createIngest>): Hono {
  const app = new Hono();
  // Any site may post; no credentials are ever involved, so "*" is safe.
  app.use(
    '/api/event',
    cors({ origin: '*', allowMethods: ['POST'], allowHeaders: ['Content-Type'], maxAge: 86400 }),
  );
  const limit = bodyLimit({
    maxSize: limits.bodyBytes,
    onError: (c) =>
      jsonError(c, 413, 'body_too_large', `the body is larger than ${limits.bodyBytes} bytes`),
  });
  // A body that stops before its end (the client left, or the request timeout cut a slow body)
  // is the client's doing: 400 and nothing stored, not a 500 with an error log line.
  const incomplete = (c: Context) =>
    jsonError(c, 400, 'incomplete_body', 'the request body ended before it was complete');
  app.post(
    '/api/event',
    async (c, next) => {
      try {
        return await limit(c, next); // reads chunked bodies itself; handler errors do not reach here
      } catch {
        return incomplete(c);
      }
    },
    async (c) => {
      const type = c.req.header('content-type');
      if (type !== undefined && !acceptedTypes.test(type)) {
        return jsonError(c, 415, 'unsupported_media_type', 'send text/plain or application/json');
      }
      let body: string;
      try {
        body = await c.req.text();
      } catch {
        return incomplete(c);
      }
      try {
        const result = await ingest(body, c.req.header('user-agent'));
        if ('rejected' in result) {
          return jsonError(c, rejectionStatus[result.rejected], result.rejected, result.message);
        }
        return c.body(null, 202);
      } catch (err) {
        if (err instanceof OverloadedError) {
          return jsonError(c, 503, 'overloaded', 'too many events waiting; retry later', 1);
        }
        if (err instanceof StoreUnavailableError) {
          return jsonError(c, 503, 'storage_unavailable', 'the database is unavailable', 5);
        }
        throw err;
      }
    },
  );
  return app;
}
