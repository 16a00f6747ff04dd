// `npm run pomelo -- import … / export …` as a person runs it (issue 15 §5): a real child process
// over a real SQLite file; refusals exit 2 naming the file and line; imports and removals audited.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openSqliteStore, sqliteFile } from '../../server/store/sqlite.js';
import { csv, plausibleFiles, writeZip } from '../imports/fixtures.js';
import { freshDataDir } from '../support/server.js';

const run = promisify(execFile);
const dataDir = freshDataDir('pomelo-cli-imports-');
const zip = path.join(dataDir, 'plausible-export.zip');
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
beforeAll(async () => {
  const files: Record<string, string> = {};
  for (const [name, rows] of Object.entries(plausibleFiles)) files[name] = csv(rows);
  await writeZip(zip, files);
});

async function pomelo(
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', ['build/server/cli/main.js', ...args], {
      env: { ...process.env, POMELO_DATA_DIR: dataDir, POMELO_DATABASE_URL: '', POMELO_LANG: 'en' },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

test('import, refuse the same file, replace, list, export, import the export, remove: audited', async () => {
  expect((await pomelo('site', 'add', 'example.com')).code).toBe(0);
  expect((await pomelo('site', 'add', 'copy.example')).code).toBe(0);
  const first = await pomelo('import', 'plausible', zip, '--site', 'example.com');
  expect(first.code).toBe(0);
  expect(first.stdout).toMatch(
    /^import 1: 16 rows \(\d+ rows\/s\), 2024-01-01 to 2024-01-02, into example.com\n$/,
  );
  // Not a terminal: plain progress lines (label, bar, counts, rate, time) on stderr.
  expect(first.stderr).toMatch(/importing plausible-export.zip \[#+\] 100% .*KiB\/s, done in/);

  const again = await pomelo('import', 'plausible', zip, '--site', 'example.com');
  expect(again.code).toBe(2);
  expect(again.stderr).toContain(
    'plausible-export.zip: already imported: this file was already imported (import 1',
  );
  expect(again.stderr).toContain('Nothing was imported.');

  const replaced = await pomelo('import', 'plausible', zip, '--site', 'example.com', '--replace');
  expect(replaced.code).toBe(0);
  expect(replaced.stdout).toContain('replaced import 1');
  const list = await pomelo('import', 'list', 'example.com');
  expect(list.stdout.trim().split('\n')).toHaveLength(1);
  expect(list.stdout).toMatch(
    /^2\tplausible\tplausible-export.zip\t16\t2024-01-01..2024-01-02\tapplied\tcli\t/,
  );

  const out = path.join(dataDir, 'example.zip');
  const exported = await pomelo('export', 'example.com', '--format', 'pomelo', '--out', out);
  expect(exported).toMatchObject({ code: 0 });
  expect(exported.stdout).toBe(`wrote ${out}: 20 rows, 2024-01-01 to 2024-01-02\n`);
  expect(exported.stderr).toMatch(/exporting example.com \[#+\] 100% 20\/20 rows/);
  const other = await pomelo('import', 'pomelo', out, '--site', 'copy.example');
  expect(other.code).toBe(2);
  expect(other.stderr).toContain('export of another site');
  expect(
    (await pomelo('import', 'pomelo', out, '--site', 'copy.example', '--from-site', 'example.com'))
      .code,
  ).toBe(0);

  const store = openSqliteStore(sqliteFile(dataDir));
  const [a, b] = [
    (await store.siteByDomain('example.com'))!,
    (await store.siteByDomain('copy.example'))!,
  ];
  const strip = (rows: { siteId: number }[]) => rows.map(({ siteId: _, ...r }) => r);
  expect(strip(await store.dailyRows(b.id))).toEqual(strip(await store.dailyRows(a.id)));
  await store.close();

  expect(await pomelo('import', 'remove', 'example.com', '2')).toMatchObject({
    code: 0,
    stdout: 'removed import 2 from example.com\n',
  });
  expect((await pomelo('import', 'list', 'example.com')).stdout).toBe(
    'no imports for example.com\n',
  );
  const after = openSqliteStore(sqliteFile(dataDir));
  expect(await after.dailyRows(a.id)).toEqual([]);
  const audit = (await after.accounts.auditRows()).filter((r) => r.action.startsWith('import.'));
  expect(audit.map((r) => [r.actor, r.action, JSON.parse(r.details).id])).toEqual([
    ['cli', 'import.create', 1],
    ['cli', 'import.create', 2],
    ['cli', 'import.create', 4],
    ['cli', 'import.remove', 2],
  ]);
  await after.close();
}, 300_000);

test('a bad file exits 2 naming the file and the line, in French too', async () => {
  const bad = path.join(dataDir, 'goatcounter.csv');
  fs.writeFileSync(bad, '2Path,Title\n/,x\n');
  const res = await pomelo('import', 'goatcounter', bad, '--site', 'example.com');
  expect(res.code).toBe(2);
  expect(res.stderr).toContain(
    'goatcounter.csv, line 1: wrong or missing columns: the columns must be exactly',
  );
  const fr = await run(
    'npx',
    ['tsx', 'server/cli/main.ts', 'import', 'goatcounter', bad, '--site', 'example.com'],
    {
      env: { ...process.env, POMELO_DATA_DIR: dataDir, POMELO_DATABASE_URL: '', POMELO_LANG: 'fr' },
    },
  ).catch((e) => e as { stderr: string });
  // The detail too is French (issue: import error detail in the user's language).
  expect(fr.stderr).toContain(
    'goatcounter.csv, ligne 1 : colonnes fausses ou manquantes : les colonnes doivent être exactement : 2Path,Title,',
  );
  expect(fr.stderr).toContain('Rien n’a été importé.');
}, 60_000);
