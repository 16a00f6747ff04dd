// A tiny static server for the tracker's HTML fixtures (test/fixtures/tracker/*.html), on 127.0.0.1:0.
// Pages are reached through any *.test name (the browser maps them to 127.0.0.1), so one server plays
// example.test, other.test and one host per scenario. Placeholders filled at serve time:
//   {{pomelo}} origin of the Pomelo server (the script's src), {{port}} this server's port,
//   {{site}}   the hostname the page was requested under (its data-site).
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const fixtures = fileURLToPath(new URL('../fixtures/tracker/', import.meta.url));
const trackerDist = fileURLToPath(new URL('../../tracker/dist/', import.meta.url));

export interface FixtureSite {
  port: number;
  /** `http://<host>:<port><path>`, host defaulting to example.test. */
  url(pathname: string, host?: string): string;
  close(): Promise<void>;
}

/** The same page under other paths: the replay tests need one form at an excluded and a denylisted URL. */
const aliases: Record<string, string> = {
  'replay-account': 'replay-form',
  'replay-excluded': 'replay-form',
};

/**
 * `/` serves index.html; `/name` or `/name.html` serves name.html; `/p.<variant>.js` serves a built
 * tracker variant (the Pomelo server serves only the core, /p.js); anything else is 404.
 */
export async function startFixtureSite(pomelo: string): Promise<FixtureSite> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'fixture'}`);
    const pathname = url.pathname;
    if (/^\/p\.[a-z]+\.js$/.test(pathname) && fs.existsSync(trackerDist + pathname)) {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(fs.readFileSync(trackerDist + pathname));
      return;
    }
    const asked = pathname === '/' ? 'index' : pathname.slice(1).replace(/\.html$/, '');
    const name = aliases[asked] ?? asked;
    const file = path.join(fixtures, `${name}.html`);
    if (!/^[a-z0-9-]+$/.test(name) || !fs.existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const html = fs
      .readFileSync(file, 'utf8')
      .replaceAll('{{pomelo}}', pomelo)
      .replaceAll('{{port}}', String(port))
      .replaceAll('{{site}}', url.hostname);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: (pathname, host = 'example.test') => `http://${host}:${port}${pathname}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
