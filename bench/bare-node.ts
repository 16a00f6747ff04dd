// Floors under the bare Hono baseline (bench/run.ts "What the target leaves"): node:http alone,
// reading the body and answering 202 as Pomelo does (BARE_NODE_WORK unset), or also parsing it as
// every analytics server must (BARE_NODE_WORK=parse: JSON.parse, the page URL and the referrer
// through WHATWG URL). Nothing is classified, counted or stored.
import http from 'node:http';

const parse = process.env.BARE_NODE_WORK === 'parse';
let seen = 0;

function parseEvent(body: string): void {
  const event = JSON.parse(body) as { u?: unknown; url?: unknown; r?: unknown; referrer?: unknown };
  const page = new URL(String(event.u ?? event.url));
  const referrer = event.r ?? event.referrer;
  if (typeof referrer === 'string' && URL.canParse(referrer)) seen += new URL(referrer).host.length;
  seen += page.pathname.length;
}

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    if (parse) parseEvent(Buffer.concat(chunks).toString('utf8'));
    res.writeHead(202, { 'access-control-allow-origin': '*' });
    res.end();
  });
});

const port = Number(process.env.PORT ?? 8082);
server.listen(port, '127.0.0.1', () => {
  process.stdout.write(
    `bare node:http (${parse ? 'parse' : 'read'}) listening on http://127.0.0.1:${port}\n`,
  );
});
process.once('SIGTERM', () => {
  process.stderr.write(`parsed ${seen}\n`);
  process.exit(0);
});
