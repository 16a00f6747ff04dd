// `npm run pomelo -- report send DOMAIN --period … --to …` as a script runs it (issue 14 §5): a real
// child process over the server's SQLite file, the mail over a real SMTP server, the same figures
// as the scheduled report; refusals exit 2 naming the problem.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sqliteFile } from '../../server/store/sqlite.js';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { fixtureVisits, postVisits, startMailFixture, type MailFixture } from '../mail/support.js';
import { repoRoot } from '../durability/child-server.js';

const run = promisify(execFile);
let f: MailFixture;

beforeAll(async () => {
  f = await startMailFixture('sqlite');
  await postVisits(f, fixtureVisits);
});
afterAll(() => f?.close());

async function pomelo(env: Record<string, string>, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'server/cli/main.ts', ...args],
      {
        cwd: repoRoot,
        env: {
          ...process.env,
          POMELO_DATA_DIR: f.server.dataDir,
          POMELO_DATABASE_URL: '',
          POMELO_LANG: 'en',
          ...env,
        },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const mailEnv = () => ({
  POMELO_SMTP_URL: f.smtp.url,
  POMELO_MAIL_FROM: 'stats@pomelo.test',
});

test('report send mails the month now, with the report API’s figures', async () => {
  const res = await pomelo(
    mailEnv(),
    'report',
    'send',
    'shop.example',
    '--period',
    '2026-11',
    '--to',
    'Client@Client.test',
    '--lang',
    'fr',
  );
  // The CLI names the database it opened, and says nothing else on stderr.
  expect(res.stderr).toBe(`Database: SQLite ${sqliteFile(f.server.dataDir)}\n`);
  expect(res.code).toBe(0);
  expect(res.stdout).toMatch(
    /^sent the 2026-11 report of shop\.example to client@client\.test \(<cli-[0-9a-f-]+@pomelo\.test>\)\n$/,
  );
  const [mail] = await f.smtp.waitFor(1);
  expect(mail!.to).toEqual(['client@client.test']);
  expect(mail!.mail.subject).toBe('Shop : rapport de novembre 2026');
  const api = (
    await f.owner.get('/api/sites/shop.example/report?period=custom&from=2026-11-01&to=2026-11-30')
  ).body;
  expect(mail!.mail.text).toContain(`Visites: ${api.totals.visits} (`);
  expect(mail!.mail.text).toContain(`Pages vues: ${api.totals.pageviews} (`);
  expect(api.totals.visits).toBe(6);
});

test.each([
  [
    ['--period', 'last-year', '--to', 'a@b.test'],
    '--period: write last-week, last-month or a month',
  ],
  [['--period', '2026-13', '--to', 'a@b.test'], '--period: write'],
  [['--period', 'last-week', '--to', 'nobody'], '--to: not an email address'],
  [['--period', 'last-week', '--to', 'a@b.test', '--lang', 'xx'], '--lang: one of'],
])('%j → exit 2, nothing sent', async (args, message) => {
  const before = f.smtp.attempts();
  const res = await pomelo(mailEnv(), 'report', 'send', 'shop.example', ...args);
  expect(res.code).toBe(2);
  expect(res.stderr).toContain(message);
  expect(f.smtp.attempts()).toBe(before);
});

test('without mail configured: exit 2 saying so; an unknown site: exit 2', async () => {
  const off = await pomelo(
    {},
    'report',
    'send',
    'shop.example',
    '--period',
    'last-week',
    '--to',
    'a@b.test',
  );
  expect(off.code).toBe(2);
  expect(off.stderr).toContain('mail is not configured: set POMELO_SMTP_URL and POMELO_MAIL_FROM');
  const none = await pomelo(
    mailEnv(),
    'report',
    'send',
    'nope.example',
    '--period',
    'last-week',
    '--to',
    'a@b.test',
  );
  expect(none.code).toBe(2);
  expect(none.stderr).toContain('no site nope.example');
});
