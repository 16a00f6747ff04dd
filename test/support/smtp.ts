// A real SMTP server on 127.0.0.1 for mail tests (smtp-server speaking the protocol over TCP; every
// message parsed by mailparser). A message counts as delivered only once the server answered 250
// to its data, as a real MTA takes responsibility; a client that vanishes before that delivered
// nothing. Tests can hold that answer (to kill a sender mid-send) or refuse messages (retries).
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface Received {
  to: string[];
  from: string;
  raw: string;
  mail: ParsedMail;
  /** The session had switched to TLS (STARTTLS) before the message. */
  secure: boolean;
}

export interface TestSmtp {
  port: number;
  /** POMELO_SMTP_URL for this server, with its credentials. */
  url: string;
  /** Messages answered 250, in order. */
  delivered: Received[];
  /** DATA commands begun (delivered or not). */
  attempts(): number;
  /** Holds every 250 until release() (a sender killed meanwhile delivers nothing). */
  hold(): void;
  release(): void;
  /** Resolves once the next DATA is being held. */
  held(): Promise<void>;
  /** Answers the next messages with this SMTP error code instead (e.g. 451), or undefined. */
  refuseWith(code: number | undefined): void;
  waitFor(count: number, timeoutMs?: number): Promise<Received[]>;
  close(): Promise<void>;
}

export const smtpUser = 'pomelo';
export const smtpPassword = 'smtp-secret-Xq9';

/** `startTls`: offer STARTTLS (smtp-server's built-in self-signed certificate). */
export async function startSmtp(options: { startTls?: boolean } = {}): Promise<TestSmtp> {
  const delivered: Received[] = [];
  let attempts = 0;
  let holding = false;
  let gate: { promise: Promise<void>; open: () => void } | undefined;
  let heldWaiters: (() => void)[] = [];
  let refuse: number | undefined;

  const newGate = () => {
    let open!: () => void;
    const promise = new Promise<void>((r) => (open = r));
    return { promise, open };
  };

  const server = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: options.startTls ? [] : ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === smtpUser && auth.password === smtpPassword) {
        cb(null, { user: auth.username });
      } else cb(new Error('bad credentials'));
    },
    onData(stream, session, cb) {
      attempts++;
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        if (holding) {
          gate ??= newGate();
          for (const w of heldWaiters.splice(0)) w();
          await gate.promise;
          // Let a vanished client's close event arrive before answering.
          await new Promise((r) => setTimeout(r, 100));
        }
        // The sender went away before the answer: nothing was delivered (no 250 was sent).
        if (sessionsClosed.has(session.id)) return;
        if (refuse !== undefined) {
          const err = new Error('try again later') as Error & { responseCode: number };
          err.responseCode = refuse;
          cb(err);
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        const mail = await simpleParser(raw);
        delivered.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          raw,
          mail,
          secure: session.secure,
        });
        cb();
      });
    },
    onClose(session) {
      sessionsClosed.add(session.id);
    },
  });
  const sessionsClosed = new Set<string>();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://${smtpUser}:${smtpPassword}@127.0.0.1:${port}`,
    delivered,
    attempts: () => attempts,
    hold() {
      holding = true;
      gate = newGate();
    },
    release() {
      holding = false;
      gate?.open();
      gate = undefined;
    },
    held: () => new Promise<void>((r) => heldWaiters.push(r)),
    refuseWith(code) {
      refuse = code;
    },
    async waitFor(count, timeoutMs = 20_000) {
      const until = Date.now() + timeoutMs;
      while (delivered.length < count) {
        if (Date.now() > until) {
          throw new Error(`expected ${count} messages, got ${delivered.length}`);
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      return delivered;
    },
    close: () =>
      new Promise<void>((resolve) => {
        gate?.open();
        heldWaiters = [];
        server.close(() => resolve());
      }),
  };
}
