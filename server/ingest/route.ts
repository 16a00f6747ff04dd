// POST /api/event in Hono: the same answers as the Node fast path (node-route.ts), for the requests
// that one leaves to Hono (chunked bodies, unusual request targets) and for app.fetch in tests.
import type { IncomingMessage } from 'node:http';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import {
  declaredTooLarge,
  eventAnswers,
  incompleteAnswer,
  tooLargeAnswer,
  type EventAnswer,
} from './answer.js';
import { limits } from './payload.js';
import { tally } from './tally.js';
import type { createIngest } from './pipeline.js';

/**
 * A request header, read from Node's already-parsed IncomingMessage when @hono/node-server serves
 * the request (c.req.header() builds a web Headers object first); from c.req otherwise (app.fetch
 * in tests).
 */
function header(c: Context, name: string): string | undefined {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming) return c.req.header(name);
  const value = incoming.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

// A plain header object: @hono/node-server writes it straight out, in this order.
const respond = (a: EventAnswer) => {
  tally(a);
  return new Response(a.body, { status: a.status, headers: a.headers });
};

export function ingestRoutes(ingest: ReturnType<typeof createIngest>): Hono {
  const app = new Hono();
  const answers = eventAnswers(ingest);
  // The preflight goes through hono's cors() (the Node fast path leaves OPTIONS to Hono).
  app.options(
    '/api/event',
    cors({ origin: '*', allowMethods: ['POST'], allowHeaders: ['Content-Type'], maxAge: 86400 }),
  );
  const limit = bodyLimit({ maxSize: limits.bodyBytes, onError: () => respond(tooLargeAnswer) });
  /** Everything after the size check: media type, body, pipeline. */
  const handle = async (c: Context): Promise<Response> => {
    const refused = answers.checkType(header(c, 'content-type'));
    if (refused) return respond(refused);
    let body: string;
    try {
      body = await c.req.text();
    } catch {
      return respond(incompleteAnswer);
    }
    return respond(
      await answers.answer(
        body,
        header(c, 'user-agent'),
        header(c, 'sec-gpc') === '1' || header(c, 'dnt') === '1',
      ),
    );
  };
  // The tracker's data-debug (tracker/debug/): what would happen to this event, and why; nothing
  // is written or counted. 200 with {outcome, …}; a body too large or of another type as /api/event.
  app.options(
    '/api/event/explain',
    cors({ origin: '*', allowMethods: ['POST'], allowHeaders: ['Content-Type'], maxAge: 86400 }),
  );
  app.post('/api/event/explain', limit, async (c) => {
    const shed = answers.shed();
    if (shed) return respond(shed);
    const refused = answers.checkType(header(c, 'content-type'));
    if (refused) return respond(refused);
    const gpc = header(c, 'sec-gpc') === '1' || header(c, 'dnt') === '1';
    const verdict = await ingest.explain(await c.req.text(), header(c, 'user-agent'), gpc);
    return c.json(verdict, 200, { 'Access-Control-Allow-Origin': '*' });
  });
  app.post('/api/event', async (c) => {
    const shed = answers.shed();
    if (shed) return respond(shed);
    // A Content-Length (browsers always send one): check the number and leave the body to
    // c.req.text(), which @hono/node-server reads straight from the socket. (hono's bodyLimit
    // touches c.req.raw.body, which builds a web ReadableStream per request.)
    const length = header(c, 'content-length');
    if (length !== undefined && header(c, 'transfer-encoding') === undefined) {
      return declaredTooLarge(length) ? respond(tooLargeAnswer) : handle(c);
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
      return respond(incompleteAnswer);
    }
    if (refused) return refused;
    if (!handled) return respond(incompleteAnswer);
    if ('err' in handled) throw handled.err;
    return handled.res;
  });
  return app;
}
