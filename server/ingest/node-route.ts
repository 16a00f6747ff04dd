// POST /api/event straight from Node's request listener, in front of Hono: the one route that
// carries the traffic skips the web Request/Response layer (see docs/ARCHITECTURE.md, Decisions).
// Only the common shape is served here (POST to exactly /api/event, with a Content-Length and no
// Transfer-Encoding); every other request, including OPTIONS and chunked bodies, goes to Hono,
// whose route (route.ts) gives the same answers from the same answer.ts.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { errorBody } from '../http/errors.js';
import type { Logger } from '../log.js';
import { tally } from './tally.js';
import {
  declaredTooLarge,
  incompleteAnswer,
  tooLargeAnswer,
  type EventAnswer,
  type EventAnswers,
} from './answer.js';

// What @hono/node-server does with a body left unread after an early answer: read and discard it
// for a while so the connection can be reused, then give up on the connection.
const drainTimeoutMs = 500;
const maxDrainBytes = 64 * 1024 * 1024;

// As Request.text(): UTF-8, invalid sequences replaced, a leading BOM dropped.
const decoder = new TextDecoder();

const headerValue = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(', ') : v);

function isEventRequest(req: IncomingMessage): boolean {
  if (req.method !== 'POST') return false;
  const url = req.url;
  if (url === '/api/event') return true;
  return url !== undefined && url.startsWith('/api/event?');
}

function write(res: ServerResponse, answer: EventAnswer): void {
  tally(answer);
  res.writeHead(answer.status, answer.headers);
  if (answer.body === null) res.end();
  else res.end(answer.body);
}

function drain(req: IncomingMessage): void {
  if (req.readableEnded || req.destroyed) return;
  let read = 0;
  const giveUp = () => {
    cleanup();
    req.socket?.destroySoon();
  };
  const timer = setTimeout(giveUp, drainTimeoutMs);
  timer.unref();
  const onData = (chunk: Buffer) => {
    read += chunk.length;
    if (read > maxDrainBytes) giveUp();
  };
  const cleanup = () => {
    clearTimeout(timer);
    req.off('data', onData);
    req.off('end', cleanup);
    req.off('error', cleanup);
  };
  req.on('data', onData);
  req.on('end', cleanup);
  req.on('error', cleanup);
  req.resume();
}

/** An answer given before the body was read: send it, then discard what the client still sends. */
function writeEarly(req: IncomingMessage, res: ServerResponse, answer: EventAnswer): void {
  write(res, answer);
  if (!req.readableEnded) res.once('finish', () => drain(req));
}

/**
 * One request whose body is being read. The listeners below are module functions (`this` is the
 * request) and the state lives here: no closures per request (tsx names each one it creates,
 * which costs more than the rest of the reading).
 */
class Pending {
  chunks: Buffer[] = [];
  size = 0;
  constructor(
    readonly answers: EventAnswers,
    readonly res: ServerResponse,
    readonly expected: number,
    readonly onError: (err: unknown, res: ServerResponse) => void,
  ) {}
}

const pendingKey = Symbol('pomelo.pendingEvent');
type Reading = IncomingMessage & { [pendingKey]?: Pending };

function onData(this: Reading, chunk: Buffer): void {
  const p = this[pendingKey]!;
  p.chunks.push(chunk);
  p.size += chunk.length;
}

function onEnd(this: Reading): void {
  finish(this, true);
}

/**
 * Closed or failed before the end: a body the parser received whole before the client closed its
 * side still counts (a page that sends and leaves at once), as with @hono/node-server.
 */
function onClose(this: Reading): void {
  if (this.readableEnded) return finish(this, true);
  if (this.complete && this[pendingKey]) {
    let chunk: Buffer | null;
    while ((chunk = this.read() as Buffer | null) !== null) onData.call(this, chunk);
    return finish(this, this[pendingKey].size === this[pendingKey].expected);
  }
  finish(this, false);
}

function finish(req: Reading, complete: boolean): void {
  const p = req[pendingKey];
  if (!p) return;
  req[pendingKey] = undefined;
  req.off('data', onData);
  req.off('end', onEnd);
  req.off('error', onClose);
  req.off('close', onClose);
  if (!complete) return write(p.res, incompleteAnswer);
  const buf = p.chunks.length === 1 ? p.chunks[0]! : Buffer.concat(p.chunks, p.size);
  const userAgent = headerValue(req.headers['user-agent']);
  // The tracker treats Do Not Track like Global Privacy Control: so does the server.
  const gpc =
    headerValue(req.headers['sec-gpc']) === '1' || headerValue(req.headers['dnt']) === '1';
  p.answers.answer(decoder.decode(buf), userAgent, gpc).then(
    (answer) => write(p.res, answer),
    (err: unknown) => p.onError(err, p.res),
  );
}

/**
 * Event requests one connection may have unanswered (being read, waiting for a commit, or answered
 * but queued behind an earlier answer, HTTP/1.1 answering in order) before the server stops reading
 * it. A browser sends one request at a time; a client that pipelines hundreds (a load generator, a
 * misbehaving proxy) would otherwise have every one parsed and held in memory while the first waits
 * for its commit: Node pauses a connection only once 16 KiB of answers queue on it, which pending
 * 202s never write and small 503s take ~60 answers to fill. Past the limit the socket is paused the
 * way Node pauses it (`_paused`, so that reading a body does not resume it); the client's further
 * requests wait in the kernel's buffers and its own, and reading resumes once half are answered.
 * Node still parses the rest of the chunk it was reading (at most 64 KiB) after the pause.
 */
export const maxHeldPerConnection = 16;

const heldKey = Symbol('pomelo.heldEvents');
const socketKey = Symbol('pomelo.eventSocket');
type HeldSocket = Socket & {
  [heldKey]?: number;
  /** Node's own flag (node:_http_server): set while it, or we, paused reading for backpressure. */
  _paused?: boolean;
  parser?: { pause(): void; resume(): void } | null;
};
type HeldResponse = ServerResponse & { [socketKey]?: HeldSocket };

function hold(req: IncomingMessage, res: HeldResponse): void {
  const socket = req.socket as HeldSocket | null;
  if (!socket) return;
  const held = (socket[heldKey] ?? 0) + 1;
  socket[heldKey] = held;
  res[socketKey] = socket;
  res.once('close', release);
  if (held >= maxHeldPerConnection && !socket._paused) {
    socket._paused = true;
    socket.pause();
  }
}

/** The response is sent (or its connection closed): one fewer held; resume past half. */
function release(this: HeldResponse): void {
  const socket = this[socketKey];
  if (!socket) return;
  this[socketKey] = undefined;
  const held = (socket[heldKey] ?? 1) - 1;
  socket[heldKey] = held;
  if (held <= maxHeldPerConnection / 2 && socket._paused && !socket.destroyed) {
    // As Node's socketOnDrain resumes it; should its own answers still be queued past 16 KiB, it
    // pauses the connection again at the next request.
    socket._paused = false;
    socket.parser?.resume();
    socket.resume();
  }
}

function serve(
  answers: EventAnswers,
  req: Reading,
  res: ServerResponse,
  length: string,
  onError: (err: unknown, res: ServerResponse) => void,
): void {
  hold(req, res);
  const shed = answers.shed();
  if (shed) return writeEarly(req, res, shed);
  if (declaredTooLarge(length)) return writeEarly(req, res, tooLargeAnswer);
  const refused = answers.checkType(headerValue(req.headers['content-type']));
  if (refused) return writeEarly(req, res, refused);
  req[pendingKey] = new Pending(answers, res, Number(length), onError);
  req.on('data', onData);
  req.on('end', onEnd);
  req.on('error', onClose);
  req.on('close', onClose);
}

// What the app's error handler (server/http/errors.ts) answers and logs for an unknown error.
const internalBody = JSON.stringify(errorBody('internal', 'internal error'));
const internalError: EventAnswer = {
  status: 500,
  headers: {
    'content-type': 'application/json',
    'Content-Length': String(Buffer.byteLength(internalBody)),
  },
  body: internalBody,
  reason: 'internal',
};

/** The server's request listener: POST /api/event here, everything else to `next` (Hono's). */
export function eventListener(
  answers: EventAnswers,
  next: RequestListener,
  log: Logger,
): RequestListener {
  const onError = (err: unknown, res: ServerResponse): void => {
    log.error('unhandled error', { route: '/api/event', error: (err as Error)?.name });
    if (!res.headersSent) write(res, internalError);
  };
  return (req, res) => {
    const length = req.headers['content-length'];
    if (length === undefined || req.headers['transfer-encoding'] !== undefined) {
      return next(req, res);
    }
    if (!isEventRequest(req)) return next(req, res);
    try {
      serve(answers, req, res, length, onError);
    } catch (err) {
      onError(err, res);
    }
  };
}
