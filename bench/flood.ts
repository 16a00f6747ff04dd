// `npx tsx bench/flood.ts` (also part of `npm run bench`): issue 11 §2. A flood of unique 300-byte
// paths, props and UTM values over 5 sites against a real server (its own process, SQLite, on
// 127.0.0.1), sampling the server's resident memory; afterwards the stored totals must equal the
// events accepted. Writes its section of docs/BENCHMARKS.md. Bounded in events and in time.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStoreAt } from '../server/store/open.js';
import { writeDocSection } from './doc-section.js';
import { startPomeloProcess } from './processes.js';

const markers = ['<!-- bench:flood:start -->', '<!-- bench:flood:end -->'] as const;
const totalEvents = Number(process.env.BENCH_FLOOD_EVENTS ?? 200_000);
const maxSeconds = Number(process.env.BENCH_FLOOD_SECONDS ?? 900);
const concurrency = Number(process.env.BENCH_FLOOD_CONNECTIONS ?? 64);
const sites = ['flood1.test', 'flood2.test', 'flood3.test', 'flood4.test', 'flood5.test'];
/** The documented bound (docs/ARCHITECTURE.md, "Memory"): the run fails above it. */
const rssBoundMb = 512;
const capStateMb = 64;

/** A unique string of exactly `length` characters for event `i` (a tag then filler). */
const unique = (tag: string, i: number, length: number) => {
  const head = `${tag}${i.toString(36)}-`;
  return head + 'abcdefghij'.repeat(Math.ceil(length / 10)).slice(0, length - head.length);
};

function eventBody(i: number): { body: string; custom: boolean } {
  const domain = sites[i % sites.length]!;
  const custom = i % 4 === 3;
  const page = `/${unique('p', i, 299)}`;
  const query = custom
    ? ''
    : `?utm_source=${unique('s', i, 300)}&utm_campaign=${unique('c', i, 300)}`;
  const payload = custom
    ? { n: 'Signup', u: `https://${domain}${page}`, d: domain, p: { plan: unique('v', i, 300) } }
    : { n: 'pageview', u: `https://${domain}${page}${query}`, d: domain, r: null };
  return { body: JSON.stringify(payload), custom };
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

function startServer(dataDir: string) {
  return startPomeloProcess({
    POMELO_DATA_DIR: dataDir,
    POMELO_DATABASE_URL: '',
    POMELO_CAP_STATE_MB: String(capStateMb),
  });
}

export async function runFloodBench(): Promise<string> {
  const startedAt = new Date();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pomelo-bench-flood-'));
  const dbUrl = `sqlite:${path.join(dataDir, 'pomelo.db')}`;
  const setup = await openStoreAt(dbUrl);
  await setup.migrate();
  for (const domain of sites) await setup.addSite({ domain, timezone: 'UTC' }, new Date());
  await setup.close();

  const server = await startServer(dataDir);
  const pid = server.proc.pid!;
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 100);
  const post = (body: string) =>
    fetch(`${server.url}/api/event`, {
      method: 'POST',
      headers: {
        'content-type': 'text/plain',
        'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0',
      },
      body,
    }).then(async (r) => (await r.arrayBuffer(), r.status));
  let pageviews = 0;
  let customs = 0;
  let refused = 0;
  const count = (status: number, custom: boolean) => {
    if (status === 202) custom ? customs++ : pageviews++;
    else refused++;
  };
  // Warm-up on repeated values: what the server holds before any flood.
  for (let i = 0; i < 500; i++) {
    const { body, custom } = eventBody(i % 8);
    count(await post(body), custom);
  }
  const startRss = rssMb(pid);
  const afterWarmup = pageviews + customs + refused;

  let next = 0;
  const started = performance.now();
  const deadline = started + maxSeconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < totalEvents && performance.now() < deadline) {
        const i = next++;
        const { body, custom } = eventBody(1_000 + i);
        count(await post(body), custom);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, rssMb(pid));
  const exited = new Promise((r) => server.proc.once('exit', r));
  server.proc.kill('SIGTERM');
  await exited;

  // Totals: every accepted event is in the counters, capped values under "(other)".
  const store = await openStoreAt(dbUrl);
  let storedPageviews = 0;
  let storedPagePageviews = 0;
  let storedEvents = 0;
  let rows = 0;
  for (const domain of sites) {
    const site = (await store.siteByDomain(domain))!;
    const daily = await store.dailyRows(site.id);
    rows += daily.length;
    for (const r of daily) {
      if (r.dimension === 'total') storedPageviews += r.pageviews;
      if (r.dimension === 'page') storedPagePageviews += r.pageviews;
      if (r.dimension === 'event' && r.value === 'Signup') storedEvents += r.events;
    }
  }
  await store.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  const exact =
    storedPageviews === pageviews && storedPagePageviews === pageviews && storedEvents === customs;
  const sent = pageviews + customs + refused - afterWarmup;
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const lines = [
    markers[0],
    '## Memory under a flood of unique values (issue 11)',
    '',
    `Generated by \`npx tsx bench/flood.ts\` (also run by \`npm run bench\`) on ${startedAt.toISOString()}. ` +
      `Machine: ${os.cpus().length} cores (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}.`,
    '',
    `Load: 500 warm-up events, then ${sent.toLocaleString('en')} events (of ${totalEvents.toLocaleString('en')} asked, at most ${maxSeconds} s) from ${concurrency} ` +
      `concurrent fetch clients to one server (the built \`node build/server/main.js\`, SQLite, default caps: ` +
      `25,000 values per site, day and dimension; \`POMELO_CAP_STATE_MB=${capStateMb}\`; rate limit off) on 127.0.0.1, spread over 5 sites. ` +
      'Every event has a unique 300-character path; three in four are pageviews with unique 300-character ' +
      '`utm_source` and `utm_campaign` values (stored cut to 100), one in four a custom event with a unique ' +
      "300-character prop. The server process's resident set size (VmRSS) is sampled every 100 ms.",
    '',
    '| figure | value |',
    '|---|---:|',
    `| events accepted (202) | ${(pageviews + customs).toLocaleString('en')} |`,
    `| events refused (503 under load) | ${refused.toLocaleString('en')} |`,
    `| duration | ${seconds.toFixed(0)} s (${Math.round(sent / seconds).toLocaleString('en')} events/s) |`,
    `| RSS after start and warm-up | ${startRss.toFixed(0)} MB |`,
    `| peak RSS during the flood | ${peak.toFixed(0)} MB |`,
    `| documented bound | ${rssBoundMb} MB |`,
    `| counter rows stored (5 sites) | ${rows.toLocaleString('en')} |`,
    `| totals exact (stored pageviews, total and page = pageviews accepted; Signup events = custom events accepted) | ${exact ? 'yes' : 'NO'} |`,
    '',
    "What bounds it: the cap state keeps a 52-bit hash per known value (48 bytes, whatever the value's length) " +
      `under POMELO_CAP_STATE_MB, least recently used keys evicted and reloaded from the store; realtime pages ` +
      '(32 MiB), the SQLite report cache (128 MiB), the site directory (16 MiB) and the memo maps are bounded in bytes too ' +
      '(docs/ARCHITECTURE.md, "Memory").',
    markers[1],
  ];
  if (!exact) throw new Error(`totals not exact:\n${lines.join('\n')}`);
  if (peak > rssBoundMb) throw new Error(`peak RSS ${peak.toFixed(0)} MB above ${rssBoundMb} MB`);
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const section = await runFloodBench();
  writeDocSection(markers, section);
  process.stdout.write(section + '\n');
}
