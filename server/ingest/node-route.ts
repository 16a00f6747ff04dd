// POST /api/event straight from Node's request listener, in front of Hono: the one route that
// carries the traffic skips the web Request/Response layer (see docs/ARCHITECTURE.md, Decisions).
// Only the common shape is served here (POST to exactly /api/event, with a Content-Length and no
// Transfer-Encoding); every other request, including OPTIONS and chunked bodies, goes to Hono,
// whose route (route.ts) gives the same answers from the same answer.ts.
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
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

/** Any request to /api/event (OPTIONS, chunked bodies, …): the tracker's, not the dashboard's. */
const isEventPath = (url: string | undefined) =>
  url === '/api/event' || (url?.startsWith('/api/event?') ?? false);

const isEventRequest = (req: IncomingMessage) => req.method === 'POST' && isEventPath(req.url);

function write(res: ServerResponse, answer: EventAnswer): void {
  tally(answer);
  res.writeHead(answer.status, answer.headers);
  if (answer.body === null) res.end();
  else res.end(answer.body);
}

function drain(req: IncomingMessage): void {
  if (req.readableEnded || req.destroyed) return;
  let read = 0;
  let stops = stopsOf(req);
  const giveUp = () => {
    cleanup();
    req.socket?.destroySoon();
  };
  const onTimer = () => {
    // The rest of the body cannot come while the server is not reading the connection: the
    // intake keeps it stopped (other answers pending), libuv has yet to read it once started, or
    // Node paused it because its answers are not being taken (16 KiB queued): not a slow body.
    // Given up only after a whole wait in which the connection was read freely; Node's request
    // timeout still bounds the wait.
    const now = stopsOf(req);
    if ((req.socket as HeldSocket | null)?._paused || now !== stops) {
      stops = now;
      timer = setTimeout(onTimer, drainTimeoutMs);
      timer.unref();
      return;
    }
    giveUp();
  };
  let timer = setTimeout(onTimer, drainTimeoutMs);
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
  bodyRead(p.res);
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
 * 202s never write and small 503s take ~60 answers to fill. Reading resumes once half are answered.
 * Node still parses the rest of the chunk it was reading (at most 64 KiB) after the pause.
 */
export const maxHeldPerConnection = 16;

/** Default of `maxUnanswered` (POMELO_MAX_UNANSWERED): event requests unanswered server-wide. */
export const defaultMaxUnanswered = 4096;

export interface IntakeOptions {
  /**
   * Event requests read and not yet answered, over every connection, past which the server stops
   * reading every connection (the gate closes) until half of them are answered. Under a burst the
   * queue then waits in the kernel's socket buffers and the clients', not in this process: memory
   * no longer follows the offered rate.
   */
  maxUnanswered?: number;
}

const heldKey = Symbol('pomelo.heldEvents');
const stoppedKey = Symbol('pomelo.stopped');
const closedKey = Symbol('pomelo.closed');
const intakeKey = Symbol('pomelo.intake');
const countedKey = Symbol('pomelo.counted');
const timeoutKey = Symbol('pomelo.timeout');
const stopsKey = Symbol('pomelo.stops');
const socketKey = Symbol('pomelo.eventSocket');
const otherKey = Symbol('pomelo.otherTraffic');
type HeldSocket = Socket & {
  [heldKey]?: number;
  /** Reading stopped by the intake (per-connection limit or closed gate), not by Node. */
  [stoppedKey]?: boolean;
  [closedKey]?: boolean;
  [intakeKey]?: Intake;
  /** Of this connection's held requests, those counted server-wide. */
  [countedKey]?: number;
  /** Times the intake stopped it so far. */
  [stopsKey]?: number;
  /** Its timeout (keep-alive) fired while the intake kept it stopped. */
  [timeoutKey]?: boolean;
  /**
   * Its last request was not an event (the dashboard, the API, health checks): the gate leaves it
   * open. Its next event request makes it an event connection again.
   */
  [otherKey]?: boolean;
  /** Node's own flag (node:_http_server): set while it, or we, paused reading for backpressure. */
  _paused?: boolean;
  parser?: { pause(): void; resume(): void; incoming?: IncomingMessage | null } | null;
};
type HeldResponse = ServerResponse & { [socketKey]?: HeldSocket; [countedKey]?: boolean };

/**
 * Node resumes a paused connection by itself whenever its queued answers drain (socketOnDrain in
 * node:_http_server: `_paused = false; parser.resume(); socket.resume()`), which would undo a pause
 * taken for our reasons at every answer written. While the intake holds a connection stopped, its
 * resume() keeps it paused (Node's flag set again): the parser may be resumed, the socket is not
 * read, so nothing reaches the parser.
 */
function stickyResume(this: HeldSocket): HeldSocket {
  if (this[stoppedKey]) {
    this._paused = true;
    return this;
  }
  return (Object.getPrototypeOf(this) as { resume(this: Socket): Socket }).resume.call(
    this,
  ) as HeldSocket;
}

/** Stops reading a connection: what Node does for backpressure, kept until start(). */
function stop(socket: HeldSocket): void {
  if (socket[stoppedKey] || socket.destroyed) return;
  socket[stoppedKey] = true;
  socket[stopsKey] = (socket[stopsKey] ?? 0) + 1;
  socket._paused = true;
  socket.pause();
  // Inside this connection's parse, Node defers the parser's pause to the end of the chunk;
  // outside it, the parser must not be left running on a paused socket's next read.
  socket.parser?.pause();
}

function start(socket: HeldSocket): void {
  if (!socket[stoppedKey]) return;
  socket[stoppedKey] = false;
  if (socket.destroyed) return;
  if (socket[timeoutKey]) {
    // It timed out while stopped (onSocketTimeout): the countdown starts again from now.
    socket[timeoutKey] = false;
    socket.setTimeout(socket.timeout ?? 0);
  }
  // As Node's socketOnDrain resumes it; should its own answers still be queued past 16 KiB, it
  // pauses the connection again at the next request.
  socket._paused = false;
  socket.parser?.resume();
  socket.resume();
}

/**
 * Counts the event requests each connection and the whole server hold unanswered, and stops
 * reading connections past the limits: a connection at maxHeldPerConnection until half of its
 * own are answered; every connection while the server holds maxUnanswered, until half are.
 *
 * The server-wide count leaves out a request whose body is still being read: reading a stopped
 * connection is what would complete it, so counting it could keep the gate closed on itself. There
 * is at most one such request per connection.
 */
class Intake {
  /** Unanswered event requests with their body read (or answered early), server-wide. */
  held = 0;
  gateClosed = false;
  /** Open connections: stopped all at once when the gate closes. */
  readonly sockets = new Set<HeldSocket>();
  readonly maxUnanswered: number;

  constructor(options: IntakeOptions) {
    this.maxUnanswered = Math.max(2, options.maxUnanswered ?? defaultMaxUnanswered);
  }

  /** A new request on `req.socket`; `reading`: its body is yet to be read (counted by `complete`). */
  hold(req: IncomingMessage, res: HeldResponse, reading: boolean): void {
    const socket = req.socket as HeldSocket | null;
    if (!socket || socket[closedKey]) return;
    // Last in line: when the gate opens, connections are started (and so read: libuv polls them
    // in that order) longest-waiting first. Otherwise the few read first could close the gate
    // again every time, and the rest wait until Node's headers or request timeout cuts them off.
    this.sockets.delete(socket);
    this.adopt(socket);
    socket[otherKey] = false;
    const held = (socket[heldKey] ?? 0) + 1;
    socket[heldKey] = held;
    res[socketKey] = socket;
    res.once('close', release);
    if (!reading) this.complete(res);
    if (held >= maxHeldPerConnection || this.gateClosed) stop(socket);
  }

  /** The request's body is read (or its reading ended): it counts server-wide from now on. */
  complete(res: HeldResponse): void {
    const socket = res[socketKey];
    if (!socket || res[countedKey] || socket[closedKey]) return;
    res[countedKey] = true;
    socket[countedKey] = (socket[countedKey] ?? 0) + 1;
    if (++this.held >= this.maxUnanswered && !this.gateClosed) this.closeGate();
  }

  adopt(socket: HeldSocket): void {
    const known = socket[intakeKey] === this;
    this.sockets.add(socket);
    if (known) return;
    socket[intakeKey] = this;
    socket.resume = stickyResume;
    socket.once('close', () => {
      // Answers queued on a closed connection are dropped by Node without a 'close' of their own
      // in every case: what it still held is released here, once.
      socket[closedKey] = true;
      this.sockets.delete(socket);
      this.held -= socket[countedKey] ?? 0;
      socket[heldKey] = 0;
      socket[countedKey] = 0;
      if (this.gateClosed && this.held <= this.maxUnanswered / 2) this.openGate();
    });
    if (this.gateClosed) stop(socket);
  }

  /**
   * A request that is not an event came on `socket`: while it sends no event, closing the gate
   * does not stop it, so the dashboard answers during an ingestion flood. (A new connection is
   * stopped while the gate is closed all the same: it could be a flood's; it is read when the gate
   * opens.) At most one chunk (64 KiB) is parsed on it before its first event stops it.
   */
  other(socket: Socket | null): void {
    const s = socket as HeldSocket | null;
    if (s && s[intakeKey] === this && !s[heldKey]) s[otherKey] = true;
  }

  private closeGate(): void {
    this.gateClosed = true;
    for (const socket of this.sockets) if (!socket[otherKey]) stop(socket);
  }

  private openGate(): void {
    this.gateClosed = false;
    for (const socket of this.sockets) {
      if ((socket[heldKey] ?? 0) <= maxHeldPerConnection / 2) start(socket);
    }
  }

  /** One answer sent: one fewer held; reading resumes past half (the connection's, the gate's). */
  released(socket: HeldSocket, counted: boolean): void {
    if (socket[closedKey]) return;
    const held = (socket[heldKey] ?? 1) - 1;
    socket[heldKey] = held;
    if (counted) {
      socket[countedKey] = (socket[countedKey] ?? 1) - 1;
      this.held--;
    }
    if (this.gateClosed && this.held <= this.maxUnanswered / 2) this.openGate();
    else if (!this.gateClosed && held <= maxHeldPerConnection / 2) start(socket);
  }
}

/** The request of `res` has its body read: it counts server-wide (Intake.complete). */
function bodyRead(res: HeldResponse): void {
  res[socketKey]?.[intakeKey]?.complete(res);
}

/** The response is sent (or its connection closed). */
function release(this: HeldResponse): void {
  const socket = this[socketKey];
  if (!socket) return;
  this[socketKey] = undefined;
  socket[intakeKey]?.released(socket, this[countedKey] === true);
}

/**
 * The server's 'timeout' (a socket's timeout fired, unhandled by its request and response): what
 * Node does without a listener (destroy), except for a connection the intake keeps stopped. The
 * only socket timeout set here is keep-alive's (Node arms it after each answer when none is left,
 * keepAliveTimeout + 1 s): an idle client is cut off, but a connection the server is not reading
 * is not idle on the client's side. Its countdown starts again when reading resumes.
 */
function onSocketTimeout(socket: Socket): void {
  const s = socket as HeldSocket;
  if (s[stoppedKey] && !s.destroyed) {
    s[timeoutKey] = true;
    return;
  }
  socket.destroy();
}

/** How many times the intake stopped this request's connection so far. */
function stopsOf(req: IncomingMessage): number {
  return (req.socket as HeldSocket | null)?.[stopsKey] ?? 0;
}

function serve(
  intake: Intake,
  answers: EventAnswers,
  req: Reading,
  res: ServerResponse,
  length: string,
  onError: (err: unknown, res: ServerResponse) => void,
): void {
  const shed = answers.shed();
  const early =
    shed ??
    (declaredTooLarge(length)
      ? tooLargeAnswer
      : answers.checkType(headerValue(req.headers['content-type'])));
  intake.hold(req, res, !early);
  if (early) return writeEarly(req, res, early);
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
  options: IntakeOptions = {},
): RequestListener & { watch(server: Server): void } {
  const intake = new Intake(options);
  const onError = (err: unknown, res: ServerResponse): void => {
    log.error('unhandled error', { route: '/api/event', error: (err as Error)?.name });
    if (!res.headersSent) write(res, internalError);
  };
  const listener: RequestListener = (req, res) => {
    const length = req.headers['content-length'];
    if (
      length === undefined ||
      req.headers['transfer-encoding'] !== undefined ||
      !isEventRequest(req)
    ) {
      if (!isEventPath(req.url)) intake.other(req.socket);
      return next(req, res);
    }
    try {
      serve(intake, answers, req, res, length, onError);
    } catch (err) {
      onError(err, res);
    }
  };
  return Object.assign(listener, {
    /**
     * Every connection of `server` is known to the intake from its start: when the gate closes,
     * connections that have not sent an event yet are stopped too, before their first read (a
     * chunk of up to 64 KiB of pipelined requests each otherwise).
     */
    watch(server: Server): void {
      server.on('connection', (socket: Socket) => intake.adopt(socket as HeldSocket));
      server.on('timeout', onSocketTimeout);
    },
  });
}
