// POST /api/event: reads the body within the limit, runs the pipeline, maps the result to a status.
import type { IncomingMessage } from 'node:http';
import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { OverloadedError } from '../counters/group-commit.js';
import { errorBody, jsonError } from '../http/errors.js';
import { StoreUnavailableError } from '../store/types.js';
import { limits } from './payload.js';
import { isRejection, rejectionStatus } from './rejection.js';
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

// The two answers on the hot path are built as plain Responses with a plain header object:
// @hono/node-server writes those straight out, where c.header() would first build a web Headers
// object and then copy it back into Node's format, on every event.
const corsOnly = { 'access-control-allow-origin': '*' };
const accepted = () => new Response(null, { status: 202, headers: corsOnly });
const overloadedBody = JSON.stringify(errorBody('overloaded', 'too busy right now; retry later'));
const overloaded = (retryAfterSeconds: number) =>
  new Response(overloadedBody, {
    status: 503,
    headers: {
      ...corsOnly,
      'content-type': 'application/json',
      'retry-after': String(retryAfterSeconds),
    },
  });

/** Any other answer: the JSON error body, with the CORS header every answer here carries. */
function fail(
  c: Context,
  status: ContentfulStatusCode,
  code: string,
  message: string,
  retryAfterSeconds?: number,
) {
  c.header('Access-Control-Allow-Origin', '*');
  return jsonError(c, status, code, message, retryAfterSeconds);
}

export function ingestRoutes(ingest: ReturnType<typeof createIngest>): Hono {
  const app = new Hono();
  // Any site may post; no credentials are ever involved, so "*" is safe. The preflight goes
  // through hono's cors(); the POST itself only needs the one static header, set below.
  app.options(
    '/api/event',
    cors({ origin: '*', allowMethods: ['POST'], allowHeaders: ['Content-Type'], maxAge: 86400 }),
  );
  const tooLarge = (c: Context) =>
    fail(c, 413, 'body_too_large', `the body is larger than ${limits.bodyBytes} bytes`);
  const limit = bodyLimit({ maxSize: limits.bodyBytes, onError: tooLarge });
  // A body that stops before its end (the client left, or the request timeout cut a slow body)
  // is the client's doing: 400 and nothing stored, not a 500 with an error log line.
  const incomplete = (c: Context) =>
    fail(c, 400, 'incomplete_body', 'the request body ended before it was complete');
  /** Everything after the size check: media type, body, pipeline, status. */
  const handle = async (c: Context): Promise<Response> => {
    const type = header(c, 'content-type');
    if (type !== undefined && !acceptedTypes.test(type)) {
      return fail(c, 415, 'unsupported_media_type', 'send text/plain or application/json');
    }
    let body: string;
    try {
      body = await c.req.text();
    } catch {
      return incomplete(c);
    }
    try {
      const result = await ingest(body, header(c, 'user-agent'));
      if (isRejection(result)) {
        return fail(c, rejectionStatus[result.rejected], result.rejected, result.message);
      }
      if ('limited' in result) {
        const message = 'too many events for this site; retry later';
        return fail(c, 429, 'rate_limited', message, result.retryAfterSeconds);
      }
      // A pageview covered by an open replay window and sampled: 200 with the module's path.
      if ('replayOffer' in result && result.replayOffer) {
        c.header('Access-Control-Allow-Origin', '*');
        return c.text(result.replayOffer, 200);
      }
      return accepted();
    } catch (err) {
      if (err instanceof OverloadedError) return overloaded(1);
      if (err instanceof StoreUnavailableError) {
        return fail(c, 503, 'storage_unavailable', 'the database is unavailable', 5);
      }
      throw err;
    }
  };
  // One handler, not a middleware + handler pair: a second compose step per event costs more than
  // the few lines it would separate.
  app.post('/api/event', async (c) => {
    // Overloaded: refuse before reading or parsing anything, so the refusal stays cheap.
    const retryAfter = ingest.shed();
    if (retryAfter > 0) return overloaded(retryAfter);
    // Browsers send a Content-Length, and Node's parser delivers exactly that many bytes: check
    // the number and leave the body to c.req.text(), which @hono/node-server reads straight
    // from the socket. (hono's bodyLimit touches c.req.raw.body, which builds a web
    // ReadableStream per request: that alone cost more CPU than the whole pipeline.)
    const length = header(c, 'content-length');
    if (length !== undefined && header(c, 'transfer-encoding') === undefined) {
      return Number(length) > limits.bodyBytes ? tooLarge(c) : handle(c);
    }
    // Chunked: bodyLimit counts while reading. Errors of the handler itself are kept apart, so
    // that only a body that broke off becomes a 400.
    let handled: { res: Response } | { err: unknown } | undefined;
    let refused: Response | void;
    try {
      refused = await limit(c, async () => {
        handled = await handle(c).then(
          (res) => ({ res }),
          (err: unknown) => ({ err }),
        );
      });
    } catch {
      return incomplete(c);
    }
    if (refused) return refused;
    if (!handled) return incomplete(c);
    if ('err' in handled) throw handled.err;
    return handled.res;
  });
  return app;
}
