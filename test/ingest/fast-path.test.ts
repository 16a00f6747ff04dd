// POST /api/event has two carriers: Node's listener (server/ingest/node-route.ts) for requests with
// a Content-Length, Hono's route (route.ts) for chunked ones. The same body must get the same
// bytes back from both (Date aside): status line, headers in order, body.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TestServer, startTestServer } from '../support/server.js';

let server: TestServer;
let limited: TestServer;

beforeAll(async () => {
  server = await startTestServer({ sites: [{ domain: 'fast.test' }] });
  // A bucket of one event per site: the second event of a test is over the rate.
  limited = await startTestServer({
    sites: [{ domain: 'fast.test' }],
    env: { POMELO_INGEST_RATE: '1', POMELO_INGEST_BURST: '1' },
  });
});

afterAll(async () => {
  await server?.close();
  await limited?.close();
});

/** One request on its own connection; the raw answer with the Date header's value blanked. */
function exchange(port: number, request: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (d: Buffer) => chunks.push(d));
    socket.on('error', reject);
    socket.on('close', () =>
      resolve(
        Buffer.concat(chunks)
          .toString('latin1')
          .replace(/^Date: .*$/m, 'Date: -'),
      ),
    );
    socket.end(request);
  });
}

function request(body: Buffer, framing: 'length' | 'chunked', type = 'text/plain'): Buffer {
  const head = [
    'POST /api/event HTTP/1.1',
    'Host: 127.0.0.1',
    `Content-Type: ${type}`,
    'User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36',
    'Origin: https://fast.test',
    'Connection: close',
    framing === 'length' ? `Content-Length: ${body.length}` : 'Transfer-Encoding: chunked',
  ].join('\r\n');
  const framed =
    framing === 'length'
      ? body
      : Buffer.concat([
          Buffer.from(`${body.length.toString(16)}\r\n`),
          body,
          Buffer.from('\r\n0\r\n\r\n'),
        ]);
  return Buffer.concat([Buffer.from(`${head}\r\n\r\n`), framed]);
}

const event = (fields: Record<string, unknown> = {}) =>
  Buffer.from(JSON.stringify({ n: 'pageview', u: 'https://fast.test/a', w: 1280, ...fields }));

const cases: [string, Buffer, string?][] = [
  ['accepted', event()],
  ['accepted, application/json', event(), 'application/json; charset=utf-8'],
  ['accepted after a UTF-8 BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), event()])],
  ['invalid JSON', Buffer.from('{"n":')],
  ['invalid UTF-8', Buffer.concat([Buffer.from('{"n":"'), Buffer.from([0xff]), Buffer.from('"}')])],
  ['not an object', Buffer.from('[1,2]')],
  ['bad URL', event({ u: 'javascript:alert(1)' })],
  ['unknown site', event({ u: 'https://elsewhere.test/' })],
  ['unsupported media type', event(), 'application/xml'],
  [
    'too large',
    Buffer.from(JSON.stringify({ n: 'x', u: 'https://fast.test/', p: { k: 'v'.repeat(5000) } })),
  ],
];

describe('POST /api/event: Node listener and Hono route answer alike', () => {
  test.each(cases)('%s', async (_name, body, type) => {
    const viaNode = await exchange(server.port, request(body, 'length', type));
    const viaHono = await exchange(server.port, request(body, 'chunked', type));
    expect(viaNode).toBe(viaHono);
    expect(viaNode).toMatch(/^HTTP\/1\.1 (202|400|404|413|415) /);
    expect(viaNode).toMatch(/^access-control-allow-origin: \*$/m);
    expect(viaNode).not.toMatch(/set-cookie/i);
  });

  test('429 over the site rate, with Retry-After', async () => {
    const answers: { framing: string; raw: string }[] = [];
    for (let i = 0; i < 6; i++) {
      const framing = i % 2 ? 'chunked' : 'length';
      answers.push({ framing, raw: await exchange(limited.port, request(event(), framing)) });
    }
    // The bucket holds one event and refills one a second: the first is accepted, and whatever the
    // refill lets through in between, both carriers are refused, with the same bytes.
    expect(answers[0]!.raw).toMatch(/^HTTP\/1\.1 202 /);
    const refused = answers.filter((a) => /^HTTP\/1\.1 429 /.test(a.raw));
    expect(new Set(refused.map((a) => a.framing))).toEqual(new Set(['length', 'chunked']));
    expect(new Set(refused.map((a) => a.raw)).size).toBe(1);
    expect(refused[0]!.raw).toMatch(/^retry-after: \d+$/m);
  });
});
