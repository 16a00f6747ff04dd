// Built files held in memory with their brotli and gzip forms (written by `npm run build`,
// scripts/compress-assets.mjs; compressed here at start when missing), answered with the encoding
// the client prefers, an ETag and If-None-Match 304s. The tracker (/p.js and its variants) may be
// loaded by any site.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { Hono, type Context } from 'hono';
import { negotiateEncoding } from './encoding.js';

export interface StaticAsset {
  body: Buffer;
  br: Buffer;
  gzip: Buffer;
  etag: string;
  type: string;
}

const types: Record<string, string> = {
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.html': 'text/html; charset=utf-8',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
};

const readIfFresh = (file: string, than: fs.Stats) => {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  return stat && stat.mtimeMs >= than.mtimeMs ? fs.readFileSync(file) : undefined;
};

export function loadAsset(file: string): StaticAsset | undefined {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat?.isFile()) return undefined;
  const body = fs.readFileSync(file);
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
  return {
    body,
    // Precompressed by the build; a file rebuilt without them (vite alone) is compressed here.
    br:
      readIfFresh(`${file}.br`, stat) ??
      brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }),
    gzip: readIfFresh(`${file}.gz`, stat) ?? gzipSync(body, { level: 9 }),
    etag,
    type: types[path.extname(file)] ?? 'application/octet-stream',
  };
}

/** Every built file under `dir` by its path from there ('index.html', 'assets/x.js'). */
export function loadAssetDir(dir: string): Map<string, StaticAsset> {
  const assets = new Map<string, StaticAsset>();
  const walk = (sub: string) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else if (!/\.(br|gz)$/.test(entry.name)) {
        const asset = loadAsset(path.join(dir, rel));
        if (asset) assets.set(rel, asset);
      }
    }
  };
  if (fs.existsSync(dir)) walk('');
  return assets;
}

/** The asset in the encoding the client prefers; 304 when its ETag matches. */
export function sendAsset(c: Context, asset: StaticAsset, cacheControl: string): Response {
  c.header('Content-Type', asset.type);
  c.header('Cache-Control', cacheControl);
  c.header('ETag', asset.etag);
  c.header('Vary', 'Accept-Encoding');
  c.header('X-Content-Type-Options', 'nosniff');
  const match = c.req.header('if-none-match');
  if (
    match !== undefined &&
    match.split(',').some((t) => t.trim().replace(/^W\//, '') === asset.etag)
  ) {
    return c.body(null, 304);
  }
  const encoding = negotiateEncoding(c.req.header('accept-encoding'));
  if (encoding === undefined) {
    return c.json(
      {
        error: {
          code: 'not_acceptable',
          message: 'send Accept-Encoding with br, gzip or identity',
        },
      },
      406,
    );
  }
  if (encoding === 'identity') return c.body(new Uint8Array(asset.body));
  c.header('Content-Encoding', encoding);
  return c.body(new Uint8Array(encoding === 'br' ? asset.br : asset.gzip));
}

/** Serves each built tracker variant (p.js, p.files.js …) at /<name>. */
export function trackerRoutes(assets: Record<string, StaticAsset | undefined>): Hono {
  const app = new Hono();
  for (const [name, asset] of Object.entries(assets))
    app.get(`/${name}`, (c) => {
      if (!asset) return c.text('tracker not built: run `npm run build`', 503);
      c.header('Cross-Origin-Resource-Policy', 'cross-origin');
      // The core tracker import()s /replay.js: module scripts are fetched in CORS mode.
      c.header('Access-Control-Allow-Origin', '*');
      // Short max-age so updates reach sites within the hour; the ETag makes revalidation cheap.
      return sendAsset(c, asset, 'public, max-age=3600');
    });
  return app;
}
