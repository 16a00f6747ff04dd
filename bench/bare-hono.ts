// The baseline: a bare Hono endpoint on @hono/node-server that reads the body and answers 204.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
app.post('/api/event', async (c) => {
  await c.req.text();
  return c.body(null, 204);
});

const port = Number(process.env.PORT ?? 8081);
serve({ fetch: app.fetch, hostname: '127.0.0.1', port }, (info) => {
  process.stdout.write(`bare Hono listening on http://127.0.0.1:${info.port}\n`);
});
process.once('SIGTERM', () => process.exit(0));
