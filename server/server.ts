// Starts Pomelo: store, migrations, group commit, HTTP server; stop() drains and flushes.
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import type { Config } from './config.js';
import { GroupCommit } from './counters/group-commit.js';
import { loadAsset } from './http/static.js';
import { createIngest } from './ingest/pipeline.js';
import { SiteDirectory } from './ingest/site-directory.js';
import type { Logger } from './log.js';
import { StoreUnavailableError, type Store } from './store/types.js';

export const trackerFile = fileURLToPath(new URL('../tracker/dist/p.js', import.meta.url));
export const dashboardDir = fileURLToPath(new URL('../dashboard/dist', import.meta.url));

export interface RunningPomelo {
  url: string;
  port: number;
  store: Store;
  writer: GroupCommit;
  sites: SiteDirectory;
  /** Stops accepting connections, waits for in-flight events to commit, closes the store. */
  stop(): Promise<void>;
}

export interface StartOptions {
  config: Config;
  store: Store;
  log: Logger;
  now?: () => number;
}

export async function startPomelo({
  config,
  store,
  log,
  now = Date.now,
}: StartOptions): Promise<RunningPomelo> {
  await store.migrate();
  const sites = new SiteDirectory(store, { now });
  const writer = new GroupCommit(store, {
    maxPendingEvents: config.maxPendingEvents,
    maxBatchEvents: config.maxBatchEvents,
    capFor: (siteId) => sites.cardinalityCap(siteId, config.cardinalityCap),
    onError: (err) =>
      log.warn('batch not written', {
        reason: err instanceof StoreUnavailableError ? err.causeCode : 'error',
      }),
  });
  const ingest = createIngest({ sites, writer, now });
  const app = createApp({ ingest, tracker: loadAsset(trackerFile), dashboardDir, log });

  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, () =>
      resolve(s as Server),
    ) as Server;
  });
  // Slow clients (slowloris, slow bodies) are cut off instead of holding sockets forever.
  server.headersTimeout = 10_000;
  server.requestTimeout = 15_000;
  server.keepAliveTimeout = 5_000;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;

  let stopping: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    port,
    store,
    writer,
    sites,
    stop: () =>
      (stopping ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        await closed;
        await writer.drain();
        await store.close();
      })()),
  };
}
