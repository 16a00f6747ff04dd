// Serves the built tracker (/p.js and its variants) with ETag and gzip; other sites may load it.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { gzipSync } from 'node:zlib';
import { Hono } from 'hono';

export interface StaticAsset {
  body: Buffer;
  gzip: Buffer;
  etag: string;
}

export function loadAsset(file: string): StaticAsset | undefined {
  if (!fs.existsSync(file)) return undefined;
  const body = fs.readFileSync(file);
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
  return { body, gzip: gzipSync(body, { level: 9 }), etag };
}

/** Serves each built tracker variant (p.js, p.files.js …) at /<name>. */
export function trackerRoutes(assets: Record<string, StaticAsset | undefined>): Hono {
  const app = new Hono();
  for (const [name, asset] of Object.entries(assets))
    app.get(`/${name}`, (c) => {
      if (!asset) return c.text('tracker not built: run `npm run build`', 503);
      c.header('Content-Type', 'application/javascript; charset=utf-8');
      // Short max-age so updates reach sites within the hour; the ETag makes revalidation cheap.
      c.header('Cache-Control', 'public, max-age=3600');
      c.header('ETag', asset.etag);
      c.header('Vary', 'Accept-Encoding');
      c.header('Cross-Origin-Resource-Policy', 'cross-origin');
      // The core tracker import()s /replay.js: module scripts are fetched in CORS mode.
      c.header('Access-Control-Allow-Origin', '*');
      c.header('X-Content-Type-Options', 'nosniff');
      if (c.req.header('if-none-match') === asset.etag) return c.body(null, 304);
      if (/\bgzip\b/.test(c.req.header('accept-encoding') ?? '')) {
        c.header('Content-Encoding', 'gzip');
        return c.body(new Uint8Array(asset.gzip));
      }
      return c.body(new Uint8Array(asset.body));
    });
  return app;
}
