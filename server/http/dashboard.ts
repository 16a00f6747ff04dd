// Serves the built dashboard (dashboard/dist): index.html at / and hashed assets under /assets/.
import fs from 'node:fs';
import path from 'node:path';
import { Hono, type Context } from 'hono';

const types: Record<string, string> = {
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.html': 'text/html; charset=utf-8',
};

export function dashboardRoutes(distDir: string): Hono {
  const app = new Hono();
  const indexFile = path.join(distDir, 'index.html');
  const index = (c: Context) => {
    if (!fs.existsSync(indexFile)) return c.text('dashboard not built: run `npm run build`', 503);
    c.header('Cache-Control', 'no-cache');
    return c.html(fs.readFileSync(indexFile, 'utf8'));
  };
  app.get('/', index);
  // Links the server prints or hands out (setup, invitations, shared links) open the same app.
  app.get('/setup', index);
  app.get('/invite', index);
  app.get('/share/*', index);
  // The replay player's page: the same app under its own CSP (middleware/security-headers.ts).
  app.get('/replay/player', index);
  app.get('/assets/:file', (c) => {
    const name = c.req.param('file');
    // Built asset names only: no path separators, no dot-dot.
    if (!/^[\w.-]+$/.test(name) || name.includes('..')) return c.notFound();
    const file = path.join(distDir, 'assets', name);
    if (!fs.existsSync(file)) return c.notFound();
    c.header('Content-Type', types[path.extname(name)] ?? 'application/octet-stream');
    c.header('Cache-Control', 'public, max-age=31536000, immutable');
    return c.body(new Uint8Array(fs.readFileSync(file)));
  });
  return app;
}
