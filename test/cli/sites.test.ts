// `npm run pomelo -- site …` as a person runs it: a real child process over a real SQLite file.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, expect, test } from 'vitest';
import { openSqliteStore, sqliteFile } from '../../server/store/sqlite.js';
import { freshDataDir } from '../support/server.js';

const run = promisify(execFile);
const dataDir = freshDataDir('pomelo-cli-');
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

async function pomelo(
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', ['build/server/cli/main.js', ...args], {
      env: { ...process.env, POMELO_DATA_DIR: dataDir, POMELO_DATABASE_URL: '' },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

test('site add, list and remove', async () => {
  const added = await pomelo(
    'site',
    'add',
    'Example.com',
    '--timezone',
    'Europe/Paris',
    '--name',
    'Example',
  );
  expect(added).toMatchObject({
    code: 0,
    stdout: expect.stringMatching(/added site example\.com \(id 1, timezone Europe\/Paris\)/),
  });
  expect((await pomelo('site', 'list')).stdout).toBe('1\texample.com\tEurope/Paris\tExample\n');

  const store = openSqliteStore(sqliteFile(dataDir));
  expect(await store.siteByDomain('example.com')).toMatchObject({
    timezone: 'Europe/Paris',
    name: 'Example',
  });
  await store.close();

  expect(await pomelo('site', 'add', 'example.com')).toMatchObject({
    code: 2,
    stderr: expect.stringMatching(/already exists/),
  });
  expect((await pomelo('site', 'remove', 'example.com')).stdout).toMatch(
    /removed site example\.com/,
  );
  expect((await pomelo('site', 'list')).stdout).toMatch(/no sites yet/);

  // Both changes are in the hash-chained audit log, by the CLI, and the chain still verifies.
  const audited = openSqliteStore(sqliteFile(dataDir));
  const rows = (await audited.accounts.auditRows()).filter((r) => r.action.startsWith('site.'));
  await audited.close();
  expect(rows.map((r) => [r.actor, r.action, r.target, JSON.parse(r.details).domain])).toEqual([
    ['cli', 'site.create', 'site:1', 'example.com'],
    ['cli', 'site.delete', 'site:1', 'example.com'],
  ]);
  expect(await pomelo('audit', 'verify')).toMatchObject({ code: 0 });
}, 120_000); // six CLI processes one after the other: minutes on a loaded 2-core machine

test.each([
  [['site', 'add', 'https://example.com/'], /domain: a domain name/],
  [['site', 'add', 'example.com', '--timezone', 'Mars/Olympus'], /--timezone: an IANA timezone/],
  [['site', 'add', 'example.com', '--cap', '3'], /--cap: a whole number of at least 10/],
  // The API's own bound: the CLI once took any number.
  [['site', 'add', 'example.com', '--cap', '99999999'], /--cap: at most 50000 on this install/],
  [['site', 'add', 'example.com', '--colour', 'red'], /Unknown option '--colour'/],
  [['sitee', 'list'], /unknown command "sitee"; did you mean "site"\?/],
  [['site', 'lst'], /did you mean "site list"\?/],
  [['site', 'remove', 'nothing.example'], /no site nothing\.example/],
  [['frobnicate'], /unknown command/],
])(
  'refuses %j with a reason and exit code 2',
  async (args, message) => {
    const r = await pomelo(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  },
  30_000,
);
