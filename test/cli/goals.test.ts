// `npm run pomelo -- goal …` as a person runs it (issue 13 §1): a real child process over a real
// SQLite file; the API's schema and messages; every change audited.
import fs from 'node:fs';
import { afterAll, expect, test } from 'vitest';
import { openSqliteStore, sqliteFile } from '../../server/store/sqlite.js';
import { freshDataDir } from '../support/server.js';
import { builtCli } from '../support/cli.js';

const dataDir = freshDataDir('pomelo-cli-goals-');
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const pomelo = builtCli({ POMELO_DATA_DIR: dataDir });

test('goal add, list and remove, audited', async () => {
  expect((await pomelo('site', 'add', 'shop.example')).code).toBe(0);
  expect(
    await pomelo('goal', 'add', 'shop.example', '--page', '/thanks*', '--name', 'Thank-you page'),
  ).toMatchObject({ code: 0, stdout: 'added goal "Thank-you page" to shop.example\n' });
  expect(
    await pomelo('goal', 'add', 'shop.example', '--event', 'Signup', '--prop', 'plan=pro'),
  ).toMatchObject({ code: 0, stdout: 'added goal "Signup (plan=pro)" to shop.example\n' });
  expect(
    (await pomelo('goal', 'add', 'shop.example', '--event', 'Purchase', '--currency', 'EUR')).code,
  ).toBe(0);
  expect((await pomelo('goal', 'list', 'shop.example')).stdout).toBe(
    [
      'Thank-you page\tpage\tpage /thanks*',
      'Signup (plan=pro)\tevent\tevent Signup plan=pro',
      'Purchase\trevenue\tevent Purchase revenue in EUR',
      '',
    ].join('\n'),
  );
  expect(await pomelo('goal', 'remove', 'shop.example', 'Signup (plan=pro)')).toMatchObject({
    code: 0,
    stdout: 'removed goal "Signup (plan=pro)" from shop.example\n',
  });

  const store = openSqliteStore(sqliteFile(dataDir));
  const rows = (await store.accounts.auditRows()).filter((r) => r.action.startsWith('goal.'));
  expect(rows.map((r) => [r.actor, r.action, JSON.parse(r.details).name])).toEqual([
    ['cli', 'goal.create', 'Thank-you page'],
    ['cli', 'goal.create', 'Signup (plan=pro)'],
    ['cli', 'goal.create', 'Purchase'],
    ['cli', 'goal.delete', 'Signup (plan=pro)'],
  ]);
  await store.close();
});

test.each([
  [['goal', 'add', 'shop.example'], 'exactly one of page'],
  [['goal', 'add', 'shop.example', '--page', 'thanks'], '--page: page pattern must start with /'],
  [['goal', 'add', 'shop.example', '--page', '/a***'], '--page: page pattern use *'],
  [['goal', 'add', 'shop.example', '--event', 'Buy', '--currency', 'eur'], '--currency:'],
  [
    ['goal', 'add', 'shop.example', '--event', 'Buy', '--prop', 'plan'],
    '--prop: write it as key=value',
  ],
  [['goal', 'add', 'shop.example', '--event', 'Buy', '--prop', '=pro'], '--prop.key:'],
  [['goal', 'add', 'shop.example', '--page', '/thanks', '--name', 'Thank-you page'], 'already has'],
  [['goal', 'add', 'nope.example', '--page', '/x'], 'no site nope.example'],
  [['goal', 'remove', 'shop.example', 'Nope'], 'has no goal named "Nope"'],
])('%j → exit 2 naming the problem, nothing changed', async (args, message) => {
  const before = (await pomelo('goal', 'list', 'shop.example')).stdout;
  const res = await pomelo(...args);
  expect(res.code).toBe(2);
  expect(res.stderr).toContain(message);
  expect((await pomelo('goal', 'list', 'shop.example')).stdout).toBe(before);
});
