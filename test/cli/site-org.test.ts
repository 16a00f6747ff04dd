// `pomelo site add` and organisations (issue 19 §5): before setup a site waits without one; after,
// it joins the only organisation, or the one --org names — which must exist (a typo is refused, it
// never creates an organisation nobody sees); with several, --org is required. Every command names
// the database it opened on stderr, without its password. Real child processes on SQLite and PG.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';
import { openPgStore } from '../../server/store/pg.js';
import { openSqliteStore, sqliteFile } from '../../server/store/sqlite.js';
import type { Store } from '../../server/store/types.js';
import { createPgDatabase, testBackends, type PgDatabase } from '../support/db.js';
import { freshDataDir } from '../support/server.js';

const run = promisify(execFile);
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

describe.each(testBackends())('%s', (backend) => {
  let dataDir: string;
  let pg: PgDatabase | undefined;
  const env = () => ({
    ...process.env,
    POMELO_LANG: 'en',
    POMELO_DATA_DIR: dataDir,
    POMELO_DATABASE_URL: pg?.url ?? '',
  });
  async function pomelo(...args: string[]) {
    try {
      const r = await run('node', ['build/server/cli/main.js', ...args], { env: env() });
      return { code: 0, stdout: r.stdout, stderr: r.stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }
  async function withStore<T>(work: (store: Store) => Promise<T>): Promise<T> {
    const store = pg ? openPgStore(pg.url, { poolSize: 1 }) : openSqliteStore(sqliteFile(dataDir));
    try {
      return await work(store);
    } finally {
      await store.close();
    }
  }
  const orgOf = (domain: string) => withStore(async (s) => (await s.siteByDomain(domain))?.orgId);

  test('joins the only organisation, refuses to guess among several or to invent one', async () => {
    dataDir = freshDataDir('pomelo-cli-org-');
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    if (backend === 'postgres') {
      pg = await createPgDatabase();
      cleanups.push(() => pg!.drop());
    }
    const databaseLine =
      backend === 'postgres'
        ? `Database: PostgreSQL 127.0.0.1:5432/${pg!.name}\n`
        : `Database: SQLite ${sqliteFile(dataDir)}\n`;

    // Before setup: no organisation; the site waits for the first one, and says so.
    const first = await pomelo('site', 'add', 'a.test');
    expect(first).toMatchObject({ code: 0, stdout: 'added site a.test (id 1, timezone UTC)\n' });
    expect(first.stderr).toBe(
      databaseLine +
        'no organisation exists yet: the site joins the first one, created at setup or by `pomelo user add --org`\n',
    );
    expect(await orgOf('a.test')).toBeNull();
    const invented = await pomelo('site', 'add', 'b.test', '--org', 'Agency');
    expect(invented.code).toBe(2);
    expect(invented.stderr).toBe(
      databaseLine +
        'pomelo: --org: no organisation "Agency": none exists yet (create it at setup or with `pomelo user add --org`), or leave --org out\n',
    );
    expect(await withStore((s) => s.accounts.listOrgs())).toEqual([]);

    // One organisation: a site added without --org joins it.
    const agency = await withStore((s) => s.accounts.createOrg('Agency', new Date()));
    const joined = await pomelo('site', 'add', 'c.test', '--timezone', 'Europe/Paris');
    expect(joined).toMatchObject({
      code: 0,
      stdout: 'added site c.test to Agency (id 2, timezone Europe/Paris)\n',
      stderr: databaseLine,
    });
    expect(await orgOf('c.test')).toBe(agency.id);

    // Two: --org is required, and must name one of them.
    const other = await withStore((s) => s.accounts.createOrg('Other shop', new Date()));
    const ambiguous = await pomelo('site', 'add', 'd.test');
    expect(ambiguous).toMatchObject({
      code: 2,
      stdout: '',
      stderr: `${databaseLine}pomelo: --org: required, this install has several organisations (Agency, Other shop)\n`,
    });
    const typo = await pomelo('site', 'add', 'd.test', '--org', 'Agencey');
    expect(typo).toMatchObject({
      code: 2,
      stderr: `${databaseLine}pomelo: --org: no organisation "Agencey" (organisations: Agency, Other shop)\n`,
    });
    expect(await orgOf('d.test')).toBeUndefined();
    expect((await withStore((s) => s.accounts.listOrgs())).map((o) => o.name)).toEqual([
      'Agency',
      'Other shop',
    ]);
    expect(await pomelo('site', 'add', 'd.test', '--org', 'Other shop')).toMatchObject({
      code: 0,
      stdout: 'added site d.test to Other shop (id 3, timezone UTC)\n',
    });
    expect(await orgOf('d.test')).toBe(other.id);

    // A read-only command names its database too, and only on stderr (stdout is for scripts).
    const list = await pomelo('site', 'list');
    expect(list.stderr).toBe(databaseLine);
    expect(list.stdout.split('\n').filter(Boolean)).toHaveLength(3);
  }, 180_000);
});
