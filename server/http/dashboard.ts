// Serves the built dashboard (dashboard/dist) from memory: index.html at / (always revalidated) and
// the hashed assets under /assets/ (cached for a year, immutable: a new build has new names).
import { Hono, type Context } from 'hono';
import { loadAssetDir, sendAsset } from './static.js';

export function dashboardRoutes(distDir: string): Hono {
  const app = new Hono();
  const assets = loadAssetDir(distDir);
  const index = (c: Context) => {
    const page = assets.get('index.html');
    if (!page) return c.text('dashboard not built: run `npm run build`', 503);
    return sendAsset(c, page, 'no-cache');
  };
  app.get('/', index);
  // Links the server prints or hands out (setup, invitations, shared links) open the same app.
  app.get('/setup', index);
  app.get('/invite', index);
  app.get('/share/*', index);
  // The replay player's page: the same app under its own CSP (middleware/security-headers.ts).
  app.get('/replay/player', index);
  app.get('/assets/:file', (c) => {
    // Only names read from the build at start: nothing on disk is looked up from the request.
    const asset = assets.get(`assets/${c.req.param('file')}`);
    if (!asset) return c.notFound();
    return sendAsset(c, asset, 'public, max-age=31536000, immutable');
  });
  return app;
}
