// `npm run pomelo -- backup <file>` while the server keeps writing: a sound, consistent copy.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openSqliteStore } from '../../server/store/sqlite.js';
import { freshDataDir, postEvent, startTestServer, type TestServer } from '../support/server.js';
import { builtCli } from '../support/cli.js';

const out = freshDataDir('pomelo-backup-');
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ sites: [{ domain: 'backup.test' }] });
});
afterAll(async () => {
  await server.close();
  fs.rmSync(out, { recursive: true, force: true });
});

function pomelo(env: Record<string, string>, ...args: string[]) {
  return builtCli(env)(...args);
}

test('backs up the live database while events are being written', async () => {
  const file = path.join(out, 'live.db');
  let writing = true;
  let acknowledged = 0;
  const writer = (async () => {
    while (writing) {
      const res = await postEvent(server.url, {
        n: 'pageview',
        u: `https://backup.test/p/${acknowledged}`,
        d: 'backup.test',
        r: null,
        t: 0,
      });
      expect(res.status).toBe(202);
      acknowledged++;
    }
  })();
  const result = await pomelo({ POMELO_DATA_DIR: server.dataDir }, 'backup', file);
  writing = false;
  await writer;
  expect(result).toMatchObject({ code: 0, stdout: expect.stringMatching(/integrity ok/) });

  const copy = openSqliteStore(file, { readonly: true });
  try {
    const site = await copy.siteByDomain('backup.test');
    expect(site).toBeDefined();
    const total = (await copy.dailyRows(site!.id)).find((r) => r.dimension === 'total');
    // A snapshot: every page row it holds is matched by the total row of the same instant.
    const pages = (await copy.dailyRows(site!.id)).filter((r) => r.dimension === 'page');
    expect(total?.pageviews ?? 0).toBe(pages.reduce((n, r) => n + r.pageviews, 0));
    expect(total?.pageviews ?? 0).toBeLessThanOrEqual(acknowledged);
  } finally {
    await copy.close();
  }
}, 60_000);

test('refuses to overwrite a file, and refuses PostgreSQL (pg_dump is the tool there)', async () => {
  const file = path.join(out, 'exists.db');
  fs.writeFileSync(file, 'keep me');
  expect(await pomelo({ POMELO_DATA_DIR: server.dataDir }, 'backup', file)).toMatchObject({
    code: 2,
    stderr: expect.stringMatching(/already exists/),
  });
  expect(fs.readFileSync(file, 'utf8')).toBe('keep me');
  expect(
    await pomelo({ POMELO_DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x' }, 'backup', 'x.db'),
  ).toMatchObject({ code: 2, stderr: expect.stringMatching(/pg_dump/) });
}, 60_000);
