// `pomelo migrate-data --from <store> --to <store>`: copies a whole install — sites, counters and
// every other table (accounts, goals, mail, annotations, imports and their ledgers; the exclusions
// and their reasons are in server/store/table-copy.ts) — from one database to another (SQLite →
// PostgreSQL when a deployment outgrows one machine), then proves the copy: per-table row counts,
// per-site sums of every metric and every row of the other tables must match.
import { metricNames, type Metrics } from '../counters/types.js';
import { StoreUrlError, openStoreAt } from '../store/open.js';
import { copiedTables, type TableRow } from '../store/table-copy.js';
import type { CounterSummary, CounterTable, SiteRecord, Store } from '../store/types.js';
import { command, CliError } from './command.js';
import type { ProgressReporter } from './progress.js';
import { cliText, type CliText } from './text.js';

export interface MigrateDataIo {
  out(line: string): void;
  /** A progress bar over the counter rows (server/cli/progress.ts); none when omitted. */
  progress?(label: string, total: number, unit?: string): ProgressReporter;
  /** The user's language (default English). */
  t?: CliText;
}

/** The copy did not come out equal to its source; the message lists every difference. */
export class MigrationMismatchError extends Error {}

const tables: CounterTable[] = ['daily_counters', 'hourly_counters'];

export const migrateDataCommand = command({
  name: 'migrate-data',
  summary: 'migrateSummary',
  options: {
    from: { type: 'string', value: 'valueStore', description: 'optFrom' },
    to: { type: 'string', value: 'valueStore', description: 'optTo' },
    force: { type: 'boolean', description: 'optForce' },
    chunk: { type: 'string', value: 'valueRows', description: 'optChunk' },
  },
  // It names both of its databases: it must not open (or create) the configured one.
  store: 'none',
  async run({ options, out, progress, t }) {
    const chunk = Number(options.chunk ?? '5000');
    if (typeof options.from !== 'string' || typeof options.to !== 'string') {
      throw new CliError(t('fromToRequired'));
    }
    if (!Number.isInteger(chunk) || chunk < 1 || chunk > 100_000) {
      throw new CliError(t('chunkRange'));
    }
    if (options.from === options.to) throw new CliError(t('sameDatabase'));

    let source: Store | undefined;
    let target: Store | undefined;
    try {
      source = await openStoreAt(options.from, { readonly: true });
      target = await openStoreAt(options.to);
      await migrateData(
        source,
        target,
        { force: options.force === true, chunk },
        { out, progress, t },
      );
    } catch (err) {
      if (err instanceof StoreUrlError) throw new CliError(err.message);
      throw err;
    } finally {
      await source?.close();
      await target?.close();
    }
  },
});

/** Migrates the target, copies everything, verifies; throws MigrationMismatchError on a difference. */
export async function migrateData(
  source: Store,
  target: Store,
  options: { force: boolean; chunk: number },
  io: MigrateDataIo,
): Promise<void> {
  const t = io.t ?? cliText('en');
  await target.migrate();
  await prepareTarget(target, options.force, io, t);
  await copy(source, target, options.chunk, io, t);
  await verify(source, target, t);
  const sites = await source.listSites();
  const rows = await Promise.all(
    tables.map(async (t) => totalRows(await source.counterSummary(t))),
  );
  const accounts = await Promise.all(copiedTables.map((t) => source.tables.count(t)));
  io.out(
    t('migrated', {
      sites: sites.length,
      daily: String(rows[0]),
      hourly: String(rows[1]),
      accounts: String(accounts.reduce((a, b) => a + b, 0)),
    }),
  );
}

/** Refuses a target that holds data, unless --force: then its sites (and their counters) go first. */
async function prepareTarget(
  target: Store,
  force: boolean,
  io: MigrateDataIo,
  t: CliText,
): Promise<void> {
  const sites = await target.listSites();
  const rows = (await Promise.all(tables.map((t) => target.counterSummary(t)))).flat();
  const accounts = (await Promise.all(copiedTables.map((t) => target.tables.count(t)))).reduce(
    (a, b) => a + b,
    0,
  );
  if (sites.length === 0 && rows.length === 0 && accounts === 0) return;
  if (!force) {
    throw new CliError(
      t('targetNotEmpty', {
        sites: sites.length,
        rows: String(totalRows(rows)),
        accounts: String(accounts),
      }),
    );
  }
  for (const site of sites) await target.removeSite(site.domain);
  for (const table of copiedTables) await target.tables.clear(table);
  io.out(t('forceRemoved', { sites: sites.length }));
}

async function copy(
  source: Store,
  target: Store,
  chunk: number,
  io: MigrateDataIo,
  t: CliText,
): Promise<void> {
  await target.importSites(await source.listSites());
  for (const table of copiedTables) {
    for await (const rows of source.tables.scan(table, chunk))
      await target.tables.insert(table, rows);
  }
  const expected = await Promise.all(
    tables.map(async (t) => totalRows(await source.counterSummary(t))),
  );
  const bar = io.progress?.(t('progressCounterRows'), expected[0]! + expected[1]!, t('unitRows'));
  let done = 0;
  // Each chunk is one applyCounterDeltas call: one transaction, rows in key order. The target is
  // empty, so the additive upsert writes each row exactly as it is in the source.
  for await (const rows of source.scanDailyRows(chunk)) {
    await target.applyCounterDeltas({ daily: rows, hourly: [] });
    done += rows.length;
    bar?.update(done);
  }
  for await (const rows of source.scanHourlyRows(chunk)) {
    await target.applyCounterDeltas({ daily: [], hourly: rows });
    done += rows.length;
    bar?.update(done);
  }
  bar?.finish();
}

async function verify(source: Store, target: Store, t: CliText): Promise<void> {
  const problems = compareSites(await source.listSites(), await target.listSites(), t);
  for (const table of copiedTables) {
    problems.push(...(await compareTable(source, target, table, t)));
  }
  for (const table of tables) {
    problems.push(
      ...compareSummaries(
        table,
        await source.counterSummary(table),
        await target.counterSummary(table),
        t,
      ),
    );
  }
  if (problems.length > 0) {
    const shown = problems.slice(0, 20);
    if (problems.length > 20)
      shown.push(t('mismatchMore', { count: String(problems.length - 20) }));
    throw new MigrationMismatchError(t('copyMismatch', { problems: shown.join('\n  ') }));
  }
}

/** Every row of an account table, compared in key order as JSON. */
async function compareTable(
  source: Store,
  target: Store,
  table: (typeof copiedTables)[number],
  t: CliText,
) {
  const all = async (store: Store) => {
    const out: TableRow[] = [];
    for await (const rows of store.tables.scan(table, 1000)) out.push(...rows);
    return out.map((r) => JSON.stringify(r));
  };
  const [from, to] = await Promise.all([all(source), all(target)]);
  if (from.length !== to.length) {
    const counts = { table, source: String(from.length), target: String(to.length) };
    return [t('mismatchTableRows', counts)];
  }
  const differing = from.findIndex((row, i) => row !== to[i]);
  return differing < 0 ? [] : [t('mismatchTableRow', { table, row: String(differing + 1) })];
}

function compareSites(from: SiteRecord[], to: SiteRecord[], t: CliText): string[] {
  const key = (s: SiteRecord) => JSON.stringify({ ...s, orgId: s.orgId ?? null });
  const want = new Map(from.map((s) => [s.id, key(s)]));
  const have = new Map(to.map((s) => [s.id, key(s)]));
  const problems: string[] = [];
  for (const [id, s] of want)
    if (have.get(id) !== s) problems.push(t('mismatchSiteMissing', { id: String(id), site: s }));
  for (const [id, s] of have)
    if (!want.has(id)) problems.push(t('mismatchSiteExtra', { id: String(id), site: s }));
  return problems;
}

function compareSummaries(
  table: CounterTable,
  from: CounterSummary[],
  to: CounterSummary[],
  t: CliText,
): string[] {
  const problems: string[] = [];
  if (totalRows(from) !== totalRows(to)) {
    problems.push(
      t('mismatchTableRows', {
        table,
        source: String(totalRows(from)),
        target: String(totalRows(to)),
      }),
    );
  }
  const have = new Map(to.map((s) => [s.siteId, s]));
  const siteIds = new Set([...from.map((s) => s.siteId), ...to.map((s) => s.siteId)]);
  const want = new Map(from.map((s) => [s.siteId, s]));
  for (const id of siteIds) {
    const a = want.get(id);
    const b = have.get(id);
    if ((a?.rows ?? 0) !== (b?.rows ?? 0)) {
      problems.push(
        t('mismatchSiteRows', {
          table,
          id: String(id),
          source: String(a?.rows ?? 0),
          target: String(b?.rows ?? 0),
        }),
      );
    }
    for (const m of metricNames) {
      const x = a?.totals[m] ?? 0;
      const y = b?.totals[m] ?? 0;
      if (x !== y) {
        problems.push(
          t('mismatchSum', {
            table,
            id: String(id),
            column: column(m),
            source: String(x),
            target: String(y),
          }),
        );
      }
    }
  }
  return problems;
}

const column = (m: keyof Metrics) => m.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const totalRows = (summary: CounterSummary[]) => summary.reduce((n, s) => n + s.rows, 0);
