// `npx tsx scripts/make-upgrade-fixture.ts`: writes test/fixtures/upgrade/pomelo-0.1.0.sql, a data
// directory's database as release 0.1.0 leaves it, as SQL text (scripts/sqlite-dump.ts) (migrations 0000–0003) with a site, an account
// and a day of counters, plus the counter rows it holds (expected.json). Run it once per release,
// on that release's code; test/release/upgrade.test.ts migrates the file with the current code and
// compares. Never regenerate the file of an older release with newer code.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { loadConfig } from '../server/config.js';
import { createLogger } from '../server/log.js';
import { startPomelo } from '../server/server.js';
import { openSqliteStore, sqliteFile } from '../server/store/sqlite.js';
import { dumpSqlite } from './sqlite-dump.js';

const outDir = path.join(import.meta.dirname, '..', 'test', 'fixtures', 'upgrade');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pomelo-fixture-'));
const now = () => Date.parse('2026-11-02T10:00:00Z');
const store = openSqliteStore(sqliteFile(dataDir));
await store.migrate();
await store.addSite(
  { domain: 'upgrade.test', timezone: 'Europe/Paris', settings: {} },
  new Date(now()),
);
await store.accounts.createUser('owner@upgrade.test', 'not-a-real-hash', new Date(now()));
const pomelo = await startPomelo({
  config: loadConfig({ PORT: '0', POMELO_DATA_DIR: dataDir, POMELO_INGEST_RATE: '0' }),
  store,
  log: createLogger('silent'),
  now,
});
const pages = ['/', '/pricing', '/docs', '/blog/hello', '/'];
for (const [i, p] of pages.entries()) {
  const res = await fetch(`${pomelo.url}/api/event`, {
    method: 'POST',
    headers: {
      'content-type': 'text/plain',
      'user-agent':
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
    },
    body: JSON.stringify({
      n: 'pageview',
      u: `https://upgrade.test${p}?utm_source=news`,
      d: 'upgrade.test',
      r: i % 2 ? 'https://www.google.com/' : null,
      w: 1280,
      z: 'Europe/Paris',
    }),
  });
  if (res.status !== 202) throw new Error(`event ${i}: ${res.status}`);
}
const site = await store.siteByDomain('upgrade.test');
const expected = {
  migrations: 4,
  daily: await store.dailyRows(site!.id),
  hourly: await store.hourlyRows(site!.id),
};
await pomelo.stop();
fs.mkdirSync(outDir, { recursive: true });
const file = path.join(outDir, 'pomelo-0.1.0.sql');
// Text, not a database file: reviewable in a diff, and no binary database in the repository.
const db = new Database(sqliteFile(dataDir), { readonly: true });
fs.writeFileSync(file, dumpSqlite(db));
db.close();
fs.writeFileSync(path.join(outDir, 'expected.json'), JSON.stringify(expected, null, 2) + '\n');
fs.rmSync(dataDir, { recursive: true, force: true });
process.stdout.write(`wrote ${file} (${fs.statSync(file).size} bytes) and expected.json\n`);
