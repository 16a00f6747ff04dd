// POST /api/event: reads the body within the limit, runs the pipeline, maps the result to a status.
import type { IncomingMessage } from 'node:http';
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

/**
 * A request header, read from Node's already-parsed IncomingMessage when @hono/node-server serves
 * the request (c.req.header() builds a web Headers object first, a cost on every event); from
 * c.req otherwise (app.fetch in tests).
 */
function header(c: Context, name: string): string | undefined {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming) return c.req.header(name);
  const value = incoming.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

export function ingestRoutes(ingest: ReturnType<typeof createIngest>): Hono {
  const app = new Hono();
  // Any site may post; no credentials are ever involved, so "*" is safe. The preflight goes
  // through hono's cors(); the POST itself only needs the one static header, set below.
  app.options(
    '/api/event',
    cors({ origin: '*', allowMethods: ['POST'], allowHeaders: ['Content-Type'], maxAge: 86400 }),
  );
  const overloaded = (c: Context) =>
    jsonError(c, 503, 'overloaded', 'too many events waiting; retry later', 1);
  const tooLarge = (c: Context) =>
    jsonError(c, 413, 'body_too_large', `the body is larger than ${limits.bodyBytes} bytes`);
  const limit = bodyLimit({ maxSize: limits.bodyBytes, onError: tooLarge });
  // A body that stops before its end (the client left, or the request timeout cut a slow body)
  // is the client's doing: 400 and nothing stored, not a 500 with an error log line.
  const incomplete = (c: Context) =>
    jsonError(c, 400, 'incomplete_body', 'the request body ended before it was complete');
  app.post(
    '/api/event',
    async (c, next) => {
      c.header('Access-Control-Allow-Origin', '*');
      // Overloaded: refuse before reading or parsing anything, so the refusal stays cheap.
      if (ingest.overloaded()) return overloaded(c);
      // Browsers send a Content-Length, and Node's parser delivers exactly that many bytes: check
      // the number and leave the body to c.req.text(), which @hono/node-server reads straight
      // from the socket. (hono's bodyLimit touches c.req.raw.body, which builds a web
      // ReadableStream per request: that alone cost more CPU than the whole pipeline.)
      const length = header(c, 'content-length');
      if (length !== undefined && header(c, 'transfer-encoding') === undefined) {
        return Number(length) > limits.bodyBytes ? tooLarge(c) : next();
      }
      try {
        return await limit(c, next); // chunked: counts while reading; handler errors stay inside
      } catch {
        return incomplete(c);
      }
    },
    async (c) => {
      const type = header(c, 'content-type');
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
        const result = await ingest(body, header(c, 'user-agent'));
        if ('rejected' in result) {
          return jsonError(c, rejectionStatus[result.rejected], result.rejected, result.message);
        }
        if ('limited' in result) {
          const message = 'too many events for this site; retry later';
          return jsonError(c, 429, 'rate_limited', message, result.retryAfterSeconds);
        }
        return c.body(null, 202);
      } catch (err) {
        if (err instanceof OverloadedError) return overloaded(c);
        if (err instanceof StoreUnavailableError) {
          return jsonError(c, 503, 'storage_unavailable', 'the database is unavailable', 5);
        }
        throw err;
      }
    },
  );
  return app;
}
