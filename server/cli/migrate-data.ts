// `pomelo migrate-data --from <store> --to <store>`: copies a whole install — sites, counters and the
// account tables (orgs, users, sessions, keys, shared links, audit log) — from one database to
// another (SQLite → PostgreSQL when a deployment outgrows one machine), then proves the copy:
// per-table row counts, per-site sums of every metric and every account row must match.
import { metricNames, type Metrics } from '../counters/types.js';
import { StoreUrlError, openStoreAt } from '../store/open.js';
import { accountTables, type TableRow } from '../store/table-copy.js';
import type { CounterSummary, CounterTable, SiteRecord, Store } from '../store/types.js';
import { command, CliError } from './command.js';
import type { ProgressReporter } from './progress.js';

export interface MigrateDataIo {
  out(line: string): void;
  /** A progress bar over the counter rows (server/cli/progress.ts); none when omitted. */
  progress?(label: string, total: number, unit?: string): ProgressReporter;
}

/** The copy did not come out equal to its source; the message lists every difference. */
export class MigrationMismatchError extends Error {}

const tables: CounterTable[] = ['daily_counters', 'hourly_counters'];

export const migrateDataCommand = command({
  name: 'migrate-data',
  summary: 'copy a whole install to another database (e.g. SQLite to PostgreSQL) and verify it',
  options: {
    from: {
      type: 'string',
      value: 'store',
      description: 'source: sqlite:./data/pomelo.db or postgres://…',
    },
    to: {
      type: 'string',
      value: 'store',
      description: 'target: sqlite:<file> or postgres://user@host/db',
    },
    force: { type: 'boolean', description: 'erase what the target holds first' },
    chunk: { type: 'string', value: 'rows', description: 'rows per transaction (default 5000)' },
  },
  // It names both of its databases: it must not open (or create) the configured one.
  store: 'none',
  async run({ options, out, progress }) {
    const chunk = Number(options.chunk ?? '5000');
    if (typeof options.from !== 'string' || typeof options.to !== 'string') {
      throw new CliError('--from and --to are both required (pomelo migrate-data --help)');
    }
    if (!Number.isInteger(chunk) || chunk < 1 || chunk > 100_000) {
      throw new CliError('--chunk must be a whole number of rows from 1 to 100000');
    }
    if (options.from === options.to) throw new CliError('--from and --to name the same database');

    let source: Store | undefined;
    let target: Store | undefined;
    try {
      source = await openStoreAt(options.from, { readonly: true });
      target = await openStoreAt(options.to);
      await migrateData(
        source,
        target,
        { force: options.force === true, chunk },
        { out, progress },
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
  await target.migrate();
  await prepareTarget(target, options.force, io);
  await copy(source, target, options.chunk, io);
  await verify(source, target);
  const sites = await source.listSites();
  const rows = await Promise.all(
    tables.map(async (t) => totalRows(await source.counterSummary(t))),
  );
  const accounts = await Promise.all(accountTables.map((t) => source.tables.count(t)));
  io.out(
    `copied ${sites.length} site${sites.length === 1 ? '' : 's'}, ${rows[0]} daily and ` +
      `${rows[1]} hourly counter rows, ${accounts.reduce((a, b) => a + b, 0)} account rows; ` +
      'row counts, per-site sums and account rows match',
  );
}

/** Refuses a target that holds data, unless --force: then its sites (and their counters) go first. */
async function prepareTarget(target: Store, force: boolean, io: MigrateDataIo): Promise<void> {
  const sites = await target.listSites();
  const rows = (await Promise.all(tables.map((t) => target.counterSummary(t)))).flat();
  const accounts = (await Promise.all(accountTables.map((t) => target.tables.count(t)))).reduce(
    (a, b) => a + b,
    0,
  );
  if (sites.length === 0 && rows.length === 0 && accounts === 0) return;
  if (!force) {
    throw new CliError(
      `the target already holds ${sites.length} sites, ${totalRows(rows)} counter rows and ` +
        `${accounts} account rows; pass --force to erase them and copy anyway`,
    );
  }
  for (const site of sites) await target.removeSite(site.domain);
  for (const table of accountTables) await target.tables.clear(table);
  io.out(`--force: removed ${sites.length} sites, their counters and all accounts from the target`);
}

async function copy(source: Store, target: Store, chunk: number, io: MigrateDataIo): Promise<void> {
  await target.importSites(await source.listSites());
  for (const table of accountTables) {
    for await (const rows of source.tables.scan(table, chunk))
      await target.tables.insert(table, rows);
  }
  const expected = await Promise.all(
    tables.map(async (t) => totalRows(await source.counterSummary(t))),
  );
  const bar = io.progress?.('counter rows', expected[0]! + expected[1]!, 'rows');
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

async function verify(source: Store, target: Store): Promise<void> {
  const problems = compareSites(await source.listSites(), await target.listSites());
  for (const table of accountTables) problems.push(...(await compareTable(source, target, table)));
  for (const table of tables) {
    problems.push(
      ...compareSummaries(
        table,
        await source.counterSummary(table),
        await target.counterSummary(table),
      ),
    );
  }
  if (problems.length > 0) {
    throw new MigrationMismatchError(
      `the copy does not match its source (was the source written to during the copy?):\n  ` +
        problems.slice(0, 20).join('\n  ') +
        (problems.length > 20 ? `\n  … and ${problems.length - 20} more` : ''),
    );
  }
}

/** Every row of an account table, compared in key order as JSON. */
async function compareTable(source: Store, target: Store, table: (typeof accountTables)[number]) {
  const all = async (store: Store) => {
    const out: TableRow[] = [];
    for await (const rows of store.tables.scan(table, 1000)) out.push(...rows);
    return out.map((r) => JSON.stringify(r));
  };
  const [from, to] = await Promise.all([all(source), all(target)]);
  if (from.length !== to.length) {
    return [`${table}: ${from.length} rows in the source, ${to.length} in the target`];
  }
  const differing = from.findIndex((row, i) => row !== to[i]);
  return differing < 0 ? [] : [`${table}: row ${differing + 1} differs between source and target`];
}

function compareSites(from: SiteRecord[], to: SiteRecord[]): string[] {
  const key = (s: SiteRecord) => JSON.stringify({ ...s, orgId: s.orgId ?? null });
  const want = new Map(from.map((s) => [s.id, key(s)]));
  const have = new Map(to.map((s) => [s.id, key(s)]));
  const problems: string[] = [];
  for (const [id, s] of want)
    if (have.get(id) !== s) problems.push(`site ${id}: ${s} is not in the target`);
  for (const [id, s] of have)
    if (!want.has(id)) problems.push(`site ${id}: ${s} is only in the target`);
  return problems;
}

function compareSummaries(
  table: CounterTable,
  from: CounterSummary[],
  to: CounterSummary[],
): string[] {
  const problems: string[] = [];
  if (totalRows(from) !== totalRows(to)) {
    problems.push(
      `${table}: ${totalRows(from)} rows in the source, ${totalRows(to)} in the target`,
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
        `${table}, site ${id}: ${a?.rows ?? 0} rows in the source, ${b?.rows ?? 0} in the target`,
      );
    }
    for (const m of metricNames) {
      const x = a?.totals[m] ?? 0;
      const y = b?.totals[m] ?? 0;
      if (x !== y)
        problems.push(
          `${table}, site ${id}: sum(${column(m)}) is ${x} in the source, ${y} in the target`,
        );
    }
  }
  return problems;
}

const column = (m: keyof Metrics) => m.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const totalRows = (summary: CounterSummary[]) => summary.reduce((n, s) => n + s.rows, 0);
