// Starts Pomelo: store, migrations, group commit, HTTP server; stop() drains and flushes.
import { createServer, type ServerResponse } from 'node:http';
import path from 'node:path';
import { getRequestListener } from '@hono/node-server';
import type { Hono } from 'hono';
import { resolvePrincipal, siteAccess } from './accounts/access.js';
import { smallCountK } from './accounts/principal.js';
import type { AccountsDeps } from './accounts/context.js';
import { SetupGate } from './accounts/setup.js';
import { ensureInstanceAdmin } from './accounts/users.js';
import { visibleSites } from './accounts/visible-sites.js';
import { createApp } from './app.js';
import type { Config } from './config.js';
import { GroupCommit } from './counters/group-commit.js';
import { createSiteRateLimiter } from './http/middleware/rate-limit.js';
import { loadAsset } from './http/static.js';
import { eventAnswers } from './ingest/answer.js';
import { startLoadMonitor } from './ingest/load-monitor.js';
import { eventListener } from './ingest/node-route.js';
import { OverloadGovernor } from './ingest/overload.js';
import { createIngest } from './ingest/pipeline.js';
import { SiteDirectory } from './ingest/site-directory.js';
import { TokenBuckets } from './http/middleware/rate-limit.js';
import {
  auditCheckpointJob,
  auditTrailFor,
  bindAuditTrail,
  ensureKeyedChain,
  writeCheckpoint,
} from './accounts/audit-trail.js';
import { retentionJob } from './jobs/retention.js';
import { rollupsJob } from './jobs/rollups.js';
import { mailJob, Mailer } from './mail/mailer.js';
import { createMailTransport, fromDomain } from './mail/transport.js';
import { mailKey } from './mail/unsubscribe.js';
import type { ComposeDeps } from './mail/compose.js';
import { JobRunner } from './jobs/runner.js';
import type { Logger } from './log.js';
import { createMetrics } from './metrics.js';
import { fromRoot } from './root.js';
import { recentCountsFor, type RecentCounts } from './reports/recent.js';
import { defaultReplayOptions, type ReplayDeps, type ReplayOptions } from './replay/deps.js';
import { replayWindowsJob } from './replay/jobs.js';
import { WindowKeys } from './replay/keyring.js';
import { ReplayOffers } from './replay/offer.js';
import type { SiteAccess, SiteLister } from './reports/routes.js';
import { StoreUnavailableError, type Store } from './store/types.js';
import { storageFacts } from './store/open.js';

export const trackerDir = fromRoot('tracker', 'dist');
/** The tracker variants built by tracker/vite.config.ts, served at /<name>. */
export const trackerFiles = ['p.js', 'p.outbound.js', 'p.files.js', 'p-debug.js'];
/** The replay module (tracker/replay/vite.config.ts), served at /replay.js; the core never loads it unasked. */
export const replayModuleFile = fromRoot('tracker', 'replay', 'dist', 'replay.js');
export const dashboardDir = fromRoot('dashboard', 'dist');
/** The tab loader (tracker/replay/tab.ts), served at /replay-tab: continues or withdraws this tab's recording. */
export const replayTabFile = fromRoot('tracker', 'replay', 'dist', 'replay-tab.js');

export interface RunningPomelo {
  url: string;
  port: number;
  store: Store;
  writer: GroupCommit;
  sites: SiteDirectory;
  /**
   * Realtime and the install check's recent outcomes (last 30 minutes): in this process's memory on
   * SQLite, minute counters shared by every node on PostgreSQL (server/reports/recent.ts).
   */
  recent: RecentCounts;
  /** The Hono app (its routes feed the authorization matrix test). */
  app: Hono;
  /** On a database without users: the one-time link that creates the first owner. */
  setupUrl: string | undefined;
  accounts: AccountsDeps;
  jobs: JobRunner;
  /** Replay windows: the offer cache, limits and clock the replay routes and job share. */
  replay: ReplayDeps;
  /** Scheduled reports and alerts (server/mail/): its own job runner, every POMELO_MAIL_CHECK_SECONDS. */
  mailer: Mailer;
  mailJobs: JobRunner;
  /** Stops accepting connections, waits for in-flight events to commit, closes the store. */
  stop(): Promise<void>;
}

export interface StartOptions {
  config: Config;
  store: Store;
  log: Logger;
  now?: () => number;
  /** Who may read a site's reports. Default: accounts (session, API key or shared link). */
  access?: SiteAccess;
  /** The sites a request may list in the agency overview. Default: the accounts' visible sites. */
  listSites?: SiteLister;
  /** Replay limits and the sampling draw (tests fix the draw to make sampling deterministic). */
  replay?: Partial<ReplayOptions>;
  /** Mail retries: attempts before giving up, and the wait after n failed attempts (tests). */
  mail?: { maxAttempts?: number; backoffMs?: (attempts: number) => number };
}

const accountsAccess: SiteAccess = (c, domain) => siteAccess(c, domain, 'read');

export async function startPomelo({
  config,
  store,
  log,
  now = Date.now,
  access = accountsAccess,
  listSites = visibleSites,
  replay: replayOverrides,
  mail: mailOverrides,
}: StartOptions): Promise<RunningPomelo> {
  await store.migrate();
  // The audit chain's key and checkpoints live outside the database (docs/SECURITY.md).
  const auditTrail = auditTrailFor(config);
  bindAuditTrail(store, auditTrail);
  await ensureKeyedChain(store, auditTrail, now(), log);
  await ensureInstanceAdmin(store, now());
  const sites = new SiteDirectory(store, { now });
  const recent = recentCountsFor(store, log);
  const writer = new GroupCommit(store, {
    maxPendingEvents: config.maxPendingEvents,
    maxBatchEvents: config.maxBatchEvents,
    // A site's own cap or the default, never above the install-wide ceiling.
    capFor: (siteId) =>
      Math.min(sites.cardinalityCap(siteId, config.cardinalityCap), config.maxCardinalityCap),
    capBudgetBytes: config.capStateMb * 1024 * 1024,
    clock: now,
    onError: (err) =>
      log.warn('batch not written', {
        reason: err instanceof StoreUnavailableError ? err.causeCode : 'error',
      }),
    onCommit: (ms) => metrics.observeCommit(ms),
    ...(recent.minuteSource && { minutes: recent.minuteSource }),
  });
  const metrics = createMetrics({
    pendingEvents: () => writer.pendingEvents,
    droppedRefusals: () => recent.droppedRefusals,
    replayStorageBytes: () => store.replay.storedBytes(),
    siteCount: async () => (await store.listSites()).length,
  });
  const MIB = 1024 * 1024;
  const replayOptions: ReplayOptions = {
    ...defaultReplayOptions,
    storage: storageFacts(config),
    maxChunksPerRecording: config.replayRecordingChunks,
    maxBytesPerRecording: config.replayRecordingMb * MIB,
    maxBytesPerWindow: config.replayWindowMb * MIB,
    storageBudgetBytes: config.replayStorageMb * MIB,
    startsPerMinute: config.replayStartRate,
    chunksPerMinute: config.replayChunkRate,
    trustedProxies: config.trustedProxies,
    ...replayOverrides,
  };
  const offers = new ReplayOffers(store, {
    now,
    random: replayOptions.random,
    refreshMs: replayOptions.offerRefreshMs,
  });
  await offers.init();
  const keys = new WindowKeys(store, { dir: config.replayKeyDir, kek: config.replayKek, now });
  const { migrated } = await keys.init();
  if (migrated > 0) log.info('replay window keys wrapped', { keys: migrated });
  const replay: ReplayDeps = { store, now, log, offers, keys, options: replayOptions };
  // Load shedding: 503 + Retry-After before parsing, while the loop runs late or commits stall.
  const overload = new OverloadGovernor({
    maxLoopDelayMs: config.maxLoopDelayMs,
    maxCommitWaitMs: config.maxCommitWaitMs,
  });
  const loadMonitor = startLoadMonitor((sample) => overload.observe(sample), writer);
  const ingest = createIngest({
    overload,
    sites,
    writer,
    now,
    onAccepted: (event, nowMs) => recent.accepted(event, nowMs),
    onNotCounted: (siteId, reason, nowMs) => recent.notCounted(siteId, reason, nowMs),
    replayOffer: (siteId, pageUrl, entry) => offers.offerFor(siteId, pageUrl, entry),
    siteLimiter: createSiteRateLimiter({
      ratePerSecond: config.ingestRatePerSite,
      burst: config.ingestBurstPerSite,
      now,
    }),
  });
  const setup = new SetupGate();
  const setupToken = (await store.accounts.countUsers()) === 0 ? setup.issue(now()) : undefined;
  const accounts: AccountsDeps = {
    store,
    config,
    log,
    now,
    setup,
    authLimiter: new TokenBuckets({
      ratePerSecond: config.authAttemptsPerMinute / 60,
      burst: config.authAttemptsPerMinute,
      now,
    }),
    onSitesChanged: () => sites.invalidate(),
  };
  const jobs = new JobRunner(
    [
      retentionJob(store, log),
      rollupsJob(store, log),
      replayWindowsJob(replay),
      auditCheckpointJob(store, auditTrail, log),
      ...recent.jobs,
    ],
    { now, log, onRun: (job, ok) => metrics.observeJob(job, ok) },
  );
  // Mail: the transport from POMELO_SMTP_URL (none: mail features say so), links on the public URL.
  const transport = createMailTransport(config);
  let baseUrl = config.publicUrl ?? '';
  const compose = (): ComposeDeps => ({
    store,
    key: mailKey(auditTrail.key),
    baseUrl,
    domain: fromDomain(config.mailFrom),
  });
  const mailer = new Mailer({
    store,
    log,
    transport,
    compose,
    leaseMs: config.mailLeaseSeconds * 1_000,
    ...mailOverrides,
  });
  const mailJobs = new JobRunner([mailJob(mailer, config.mailCheckSeconds * 1_000)], {
    now,
    log,
    tickMs: config.mailCheckSeconds * 1_000,
    onRun: (job, ok) => metrics.observeJob(job, ok),
  });
  const app = createApp({
    mail: { store, now, mailer: () => mailer, transport: () => transport, compose },
    accounts,
    ingest,
    tracker: Object.fromEntries([
      ...trackerFiles.map((name) => [name, loadAsset(path.join(trackerDir, name))] as const),
      ['replay.js', loadAsset(replayModuleFile)] as const,
      ['replay-tab', loadAsset(replayTabFile)] as const,
    ]),
    replay,
    dashboardDir,
    log,
    reports: {
      store,
      access,
      recent,
      now,
      listSites,
      smallCountK: async (c) => smallCountK(await resolvePrincipal(c)),
    },
    health: {
      store,
      runningCommitMs: () => writer.runningCommitMs,
      stalledAfterMs: config.maxCommitWaitMs > 0 ? config.maxCommitWaitMs : 1_000,
      registry: metrics.registry,
      metricsToken: config.metricsToken,
    },
  });

  // Slow clients (slowloris, slow bodies) are cut off instead of holding sockets forever. Node checks
  // these timeouts every connectionsCheckingInterval (30 s by default): check at least every second.
  const serverOptions = {
    headersTimeout: config.headersTimeoutMs,
    requestTimeout: config.requestTimeoutMs,
    keepAliveTimeout: 5_000,
    connectionsCheckingInterval: Math.max(50, Math.min(1_000, config.headersTimeoutMs / 4)),
  };
  // POST /api/event is answered by the Node listener in front of Hono (ingest/node-route.ts).
  const listener = eventListener(eventAnswers(ingest), getRequestListener(app.fetch), log, {
    maxUnanswered: config.maxUnanswered,
  });
  // While stopping, every answer closes its connection: a client that keeps its keep-alive
  // connections busy (a proxy's pool, a load test) would otherwise hold the shutdown open forever.
  // Set before the listener runs: the fast path may answer at once.
  let draining = false;
  const server = createServer(serverOptions, (req, res: ServerResponse) => {
    if (draining) res.setHeader('Connection', 'close');
    listener(req, res);
  });
  listener.watch(server);
  // A listen backlog of 4096 (the kernel caps it at net.core.somaxconn) instead of Node's 511: a
  // burst of new connections queues instead of losing SYNs to 1 s / 3 s retransmits.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: config.port, host: config.host, backlog: 4096 }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;

  const url = `http://${host}:${port}`;
  baseUrl ||= url;
  jobs.start();
  if (transport) mailJobs.start();

  let stopping: Promise<void> | undefined;
  return {
    url,
    port,
    app,
    setupUrl: setupToken && `${config.publicUrl ?? url}/setup#token=${setupToken}`,
    accounts,
    jobs,
    replay,
    mailer,
    mailJobs,
    store,
    writer,
    sites,
    recent,
    stop: () =>
      (stopping ??= (async () => {
        draining = true;
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        // Connections answered just before the signal go idle a moment later: sweep them, and
        // after 10 s cut whatever is left (an unanswered event was never acknowledged).
        const sweep = setInterval(() => server.closeIdleConnections(), 100);
        const deadline = setTimeout(() => server.closeAllConnections(), 10_000);
        await closed;
        clearInterval(sweep);
        clearTimeout(deadline);
        await jobs.stop();
        await mailJobs.stop();
        transport?.close();
        await writer.drain();
        await recent.stop();
        loadMonitor.stop();
        await writeCheckpoint(store, auditTrail, now(), log).catch(() =>
          log.warn('audit checkpoint not written at stop'),
        );
        await store.close();
      })()),
  };
}
