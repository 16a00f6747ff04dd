// Imports of 1,000,000 rows (issue 15 §5): a GoatCounter export (1,000,000 pageviews aggregated into
// daily and hourly counters) and a Plausible export (1,000,000 rows of imported_pages: as many
// distinct counter rows, staged then applied in one transaction), into SQLite (and PostgreSQL with
// --pg). Reports rows per second and the process's peak RSS, and writes the "Imports" section of
// docs/BENCHMARKS.md. Run: node --expose-gc --import tsx bench/imports.ts [--rows N] [--pg]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import yazl from 'yazl';
import { runImport } from '../server/imports/run-import.js';
import { openPgStore } from '../server/store/pg.js';
import { openSqliteStore } from '../server/store/sqlite.js';
import type { Store } from '../server/store/types.js';
import { createPgDatabase } from '../test/support/db.js';
import { writeDocSection } from './doc-section.js';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    pg: { type: 'boolean', default: false },
  },
});
const rows = Number(values.rows);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pomelo-bench-imports-'));

async function writeLines(file: string, header: string, line: (i: number) => string) {
  const out = fs.createWriteStream(file);
  const write = (s: string) =>
    out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r()));
  await write(`${header}\n`);
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    chunk += `${line(i)}\n`;
    if (chunk.length > 1 << 16) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  await new Promise<void>((r) => out.end(() => r()));
}

const day = (i: number) =>
  new Date(Date.UTC(2021, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);

async function fixtures() {
  const goat = path.join(dir, 'goatcounter.csv');
  await writeLines(
    goat,
    '2Path,Title,Event,UserAgent,Browser,System,Session,Bot,Referrer,Referrer scheme,Screen size,Location,FirstVisit,Date',
    (i) => {
      const t = new Date(
        Date.UTC(2022, 0, 1) + Math.floor(i / 1000) * 3_600_000 + (i % 1000) * 3000,
      );
      return `/page/${i % 5000},T,false,,Firefox 121,Linux,${i},0,${i % 7 === 0 ? 'news.example.org/x' : ''},h,"1920,1080,1",FR,${i % 3 === 0},${t.toISOString()}`;
    },
  );
  const pagesCsv = path.join(dir, 'imported_pages.csv');
  // 1,000 pages a day over 1,000 days: every row its own counter row.
  await writeLines(
    pagesCsv,
    'date,hostname,page,visits,visitors,pageviews',
    (i) => `${day(Math.floor(i / 1000))},example.com,/p/${i % 1000},3,2,${(i % 50) + 1}`,
  );
  const zip = path.join(dir, 'plausible.zip');
  const z = new yazl.ZipFile();
  z.addFile(pagesCsv, 'imported_pages_20210101_20230927.csv');
  z.end();
  await new Promise<void>((r) =>
    z.outputStream.pipe(fs.createWriteStream(zip)).on('finish', () => r()),
  );
  return { goat, zip };
}

async function measure(
  store: Store,
  kind: 'goatcounter' | 'plausible',
  file: string,
  timezone: string,
) {
  const site = await store.addSite(
    { domain: kind === 'plausible' ? 'example.com' : 'goatcounter.bench', timezone },
    new Date(),
  );
  global.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const started = performance.now();
  let progressCalls = 0;
  const summary = await runImport(store, {
    kind,
    path: file,
    fileName: path.basename(file),
    site,
    createdBy: null,
    origin: 'cli',
    now: new Date(),
    onProgress: () => progressCalls++,
  });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  const counterRows = await store.imports.countRows(site.id, '0000-00-00', '9999-99-99', null);
  return {
    kind,
    rows: summary.rows,
    seconds,
    rate: summary.rows / seconds,
    peakMb: peak / 2 ** 20,
    baseMb: base / 2 ** 20,
    counterRows,
    progressCalls,
    size: fs.statSync(file).size,
  };
}

const { goat, zip } = await fixtures();
const results: { backend: string; r: Awaited<ReturnType<typeof measure>> }[] = [];
const backends: ('sqlite' | 'postgres')[] = values.pg ? ['sqlite', 'postgres'] : ['sqlite'];
for (const backend of backends) {
  let store: Store;
  let drop = async () => {};
  if (backend === 'sqlite') store = openSqliteStore(path.join(dir, 'bench.db'));
  else {
    const db = await createPgDatabase();
    store = openPgStore(db.url, { poolSize: 4 });
    drop = () => db.drop();
  }
  await store.migrate();
  for (const [kind, file] of [
    ['goatcounter', goat],
    ['plausible', zip],
  ] as const) {
    const r = await measure(store, kind, file, 'Europe/Paris');
    console.log(backend, r);
    results.push({ backend, r });
  }
  await store.close();
  await drop();
}
fs.rmSync(dir, { recursive: true, force: true });

const n = (x: number) => Math.round(x).toLocaleString('en');
const markers = ['<!-- imports:start -->', '<!-- imports:end -->'] as const;
writeDocSection(
  markers,
  `${markers[0]}
## Imports

Written by \`node --expose-gc --import tsx bench/imports.ts${values.pg ? ' --pg' : ''}\` (${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores, shared machine; one
process reads the file, stages its rows and applies them in one transaction). Each import is ${n(rows)} rows. Peak RSS is
the whole process's (the Node runtime, the store and the import), sampled every 50 ms; "before" is the RSS after a full GC
just before the import started, so the difference is what the import itself took.

| backend | file | rows | counter rows written | time | rows/s | RSS before | peak RSS |
|---|---|---:|---:|---:|---:|---:|---:|
${results
  .map(
    ({ backend, r }) =>
      `| ${backend} | ${r.kind === 'goatcounter' ? `GoatCounter CSV (${n(r.size / 2 ** 20)} MB)` : `Plausible ZIP, imported_pages (${n(r.size / 2 ** 20)} MB)`} | ${n(r.rows)} | ${n(r.counterRows)} | ${r.seconds.toFixed(1)} s | ${n(r.rate)} | ${n(r.baseMb)} MB | ${n(r.peakMb)} MB |`,
  )
  .join('\n')}

Memory bound (by construction, not measured separately): rows are merged in memory 20,000 counter
rows at a time (\`flushEvery\`) and staged; the apply reads the ledger 5,000 rows a page; a CSV record
is at most 64 KiB; nothing holds the whole file. The import's own share of the peak is the difference
of the two RSS columns.
${markers[1]}`,
);
