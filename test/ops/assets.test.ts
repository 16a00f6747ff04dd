// The dashboard and the tracker as a browser gets them: brotli (or gzip) precompressed by the build,
// chosen by Accept-Encoding, with ETag revalidation and the right caching for each kind of file.
import fs from 'node:fs';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { dashboardDir, trackerDir } from '../../server/server.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const get = (p: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${p}`, { headers });
const bytes = async (res: Response) => Buffer.from(await res.arrayBuffer());
// fetch() would decode brotli itself: ask for the raw bytes through a header it does not add.
const raw = (p: string, encoding: string, extra: Record<string, string> = {}) =>
  new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: Buffer;
  }>((resolve, reject) => {
    import('node:http').then(({ request }) => {
      const req = request(
        `${server.url}${p}`,
        { headers: { 'accept-encoding': encoding, ...extra } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
          );
        },
      );
      req.on('error', reject);
      req.end();
    }, reject);
  });

const hashedAsset = () => {
  const name = fs.readdirSync(path.join(dashboardDir, 'assets')).find((f) => /\.js$/.test(f));
  if (!name) throw new Error('no built dashboard script');
  return name;
};

test('the build wrote brotli and gzip forms beside the dashboard and tracker files', () => {
  for (const file of [
    path.join(dashboardDir, 'index.html'),
    path.join(dashboardDir, 'assets', hashedAsset()),
    path.join(trackerDir, 'p.js'),
  ]) {
    const plain = fs.readFileSync(file);
    expect(brotliDecompressSync(fs.readFileSync(`${file}.br`)).equals(plain)).toBe(true);
    expect(gunzipSync(fs.readFileSync(`${file}.gz`)).equals(plain)).toBe(true);
  }
});

test('a hashed dashboard asset: brotli, immutable for a year, ETag and 304', async () => {
  const name = hashedAsset();
  const plain = fs.readFileSync(path.join(dashboardDir, 'assets', name));
  const br = await raw(`/assets/${name}`, 'gzip, deflate, br, zstd');
  expect(br.status).toBe(200);
  expect(br.headers['content-encoding']).toBe('br');
  expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  expect(br.headers['vary']).toBe('Accept-Encoding');
  expect(br.headers['content-type']).toBe('application/javascript; charset=utf-8');
  expect(br.body.length).toBeLessThan(plain.length / 2);
  expect(brotliDecompressSync(br.body).equals(plain)).toBe(true);
  // The build's own brotli file is what goes out (read once at start, not compressed per request).
  expect(br.body.equals(fs.readFileSync(path.join(dashboardDir, 'assets', `${name}.br`)))).toBe(
    true,
  );

  const gz = await raw(`/assets/${name}`, 'gzip;q=1, br;q=0.5');
  expect(gz.headers['content-encoding']).toBe('gzip');
  expect(gunzipSync(gz.body).equals(plain)).toBe(true);

  const identity = await raw(`/assets/${name}`, 'identity');
  expect(identity.headers['content-encoding']).toBeUndefined();
  expect(identity.body.equals(plain)).toBe(true);

  const etag = br.headers['etag'] as string;
  expect(etag).toMatch(/^"[\w-]{22}"$/);
  const again = await raw(`/assets/${name}`, 'br', { 'if-none-match': etag });
  expect(again.status).toBe(304);
  expect(again.body.length).toBe(0);
  expect((await raw(`/assets/${name}`, 'br', { 'if-none-match': '"other"' })).status).toBe(200);
  expect((await raw('/assets/none.js', 'br')).status).toBe(404);
  expect((await raw('/assets/..%2Fpackage.json', 'br')).status).toBe(404);
});

test('index.html: brotli, revalidated on every load (no-cache), 304 on a matching ETag', async () => {
  const res = await raw('/', 'br');
  expect(res.status).toBe(200);
  expect(res.headers['content-encoding']).toBe('br');
  expect(res.headers['cache-control']).toBe('no-cache');
  expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
  const plain = fs.readFileSync(path.join(dashboardDir, 'index.html'));
  expect(brotliDecompressSync(res.body).equals(plain)).toBe(true);
  const again = await raw('/', 'br', { 'if-none-match': res.headers['etag'] as string });
  expect(again.status).toBe(304);
  // The security headers of the dashboard still apply.
  expect(res.headers['content-security-policy']).toBeDefined();
});

test('/p.js: brotli or gzip, an hour of cache, loadable by any site', async () => {
  const res = await raw('/p.js', 'br, gzip');
  expect(res.headers['content-encoding']).toBe('br');
  expect(res.headers['cache-control']).toBe('public, max-age=3600');
  expect(res.headers['access-control-allow-origin']).toBe('*');
  expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
  expect(
    brotliDecompressSync(res.body).equals(fs.readFileSync(path.join(trackerDir, 'p.js'))),
  ).toBe(true);
  expect((await raw('/p.js', 'gzip')).headers['content-encoding']).toBe('gzip');
  expect(
    (await raw('/p.js', 'br', { 'if-none-match': res.headers['etag'] as string })).status,
  ).toBe(304);
  // fetch() decodes what it asked for.
  expect(
    (await bytes(await get('/p.js'))).equals(fs.readFileSync(path.join(trackerDir, 'p.js'))),
  ).toBe(true);
});

test('a client that accepts no encoding we have gets 406, not garbage', async () => {
  const res = await raw('/p.js', 'identity;q=0, *;q=0');
  expect(res.status).toBe(406);
});
