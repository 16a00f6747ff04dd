// `npm start` as an operator runs it: plain node on the built bundle (no tsx anywhere in the process
// tree), a clear exit 2 for a bad variable, and CLI typos or --help that create nothing on disk.
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, test } from 'vitest';
import { freshDataDir } from '../support/server.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = freshDataDir('pomelo-start-');
  dirs.push(d);
  return d;
};

/** Every process below `pid`, with its command line (from /proc). */
function descendants(pid: number): { pid: number; cmd: string }[] {
  const parents = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const out: { pid: number; cmd: string }[] = [];
  const walk = (p: number) => {
    for (const child of parents.get(p) ?? []) {
      try {
        const cmd = fs.readFileSync(`/proc/${child}/cmdline`, 'utf8').split('\0').join(' ').trim();
        out.push({ pid: child, cmd });
      } catch {
        // gone meanwhile
      }
      walk(child);
    }
  };
  walk(pid);
  return out;
}

async function exitOf(env: Record<string, string>, command: string, args: string[], cwd = root) {
  try {
    const r = await run(command, args, { cwd, env: { ...process.env, ...env } });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

test('npm start on a fresh data directory runs node on build/server/main.js, with no tsx process', async () => {
  const dataDir = tempDir();
  const child = spawn('npm', ['start'], {
    cwd: root,
    detached: true,
    env: { ...process.env, POMELO_DATA_DIR: dataDir, PORT: '0', POMELO_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let text = '';
      const timer = setTimeout(() => reject(new Error(`no listening line:\n${text}`)), 120_000);
      child.stdout.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        const m = /listening on (http:\/\/[\d.:]+)/.exec(text);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
      child.on('exit', (code) => reject(new Error(`npm start exited ${code}:\n${text}`)));
    });
    const tree = descendants(child.pid!);
    expect(tree.map((p) => p.cmd)).toContainEqual(
      expect.stringMatching(/(^|\/)node build\/server\/main\.js$/),
    );
    expect(tree.filter((p) => /tsx/.test(p.cmd))).toEqual([]);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(fs.existsSync(path.join(dataDir, 'pomelo.db'))).toBe(true);
    // The running server's pid file, which `pomelo restore` checks.
    const server = tree.find((p) => /(^|\/)node build\/server\/main\.js$/.test(p.cmd))!;
    expect(fs.readFileSync(path.join(dataDir, 'pomelo.pid'), 'utf8').trim()).toBe(
      String(server.pid),
    );
  } finally {
    process.kill(-child.pid!, 'SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}, 180_000);

test.each([
  [{ PORT: 'abc' }, 'PORT must be a whole number from 0 to 65535, got "abc"'],
  [{ POMELO_SQLITE_SYNC: 'maybe' }, 'POMELO_SQLITE_SYNC must be one of NORMAL, FULL, got "maybe"'],
  [{ POMELO_DATABASE_URL: 'mysql://x' }, 'POMELO_DATABASE_URL must be postgres://'],
  [
    { POMELO_METRICS_TOKEN: 'short' },
    'POMELO_METRICS_TOKEN must be at least 16 characters, no spaces, got (redacted)',
  ],
])(
  'npm start with %j: exit code 2, the message, no stack trace, nothing created',
  async (env, message) => {
    const dataDir = path.join(tempDir(), 'data');
    const r = await exitOf({ ...env, POMELO_DATA_DIR: dataDir }, 'npm', ['start', '--silent']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(dataDir)).toBe(false);
  },
  120_000,
);

test('npm run pomelo -- frobnicate, --help and a read-only command create nothing in an empty directory', async () => {
  const cwd = tempDir();
  const pomelo = (...args: string[]) =>
    exitOf(
      { POMELO_DATA_DIR: '' },
      'node',
      [path.join(root, 'build/server/cli/main.js'), ...args],
      cwd,
    );
  const typo = await pomelo('frobnicate');
  expect(typo.code).toBe(2);
  expect(typo.stderr).toMatch(/unknown command "frobnicate"/);
  const help = await pomelo('--help');
  expect(help.code).toBe(0);
  expect(help.stdout).toMatch(/^  site add +add a site/m);
  expect((await pomelo('site', 'add', '-h')).stdout).toMatch(/--cap <n>/);
  expect((await pomelo('audit', 'verify')).stderr).toMatch(
    /no Pomelo database at .*nothing to read/,
  );
  expect((await pomelo('site', 'list')).code).toBe(2);
  expect(fs.readdirSync(cwd)).toEqual([]);
  // And through npm, as the issue names it.
  const viaNpm = await exitOf(
    { POMELO_DATA_DIR: path.join(cwd, 'data') },
    'npm',
    ['run', '--silent', '--prefix', root, 'pomelo', '--', 'frobnicate'],
    cwd,
  );
  expect(viaNpm.code).toBe(2);
  expect(fs.readdirSync(cwd)).toEqual([]);
}, 120_000);

test('pomelo config prints the effective configuration with secrets redacted', async () => {
  const r = await exitOf(
    {
      POMELO_DATA_DIR: '/srv/pomelo',
      POMELO_DATABASE_URL: 'postgres://pomelo:hunter2secret@db/pomelo',
      POMELO_METRICS_TOKEN: 'a-very-secret-metrics-token',
      PORT: '9000',
    },
    'node',
    ['build/server/cli/main.js', 'config'],
  );
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^PORT=9000$/m);
  expect(r.stdout).toMatch(/^HOST=127\.0\.0\.1 {2}# default$/m);
  expect(r.stdout).toMatch(/^POMELO_DATABASE_URL=\(set, redacted\)$/m);
  expect(r.stdout).toMatch(/^POMELO_METRICS_TOKEN=\(set, redacted\)$/m);
  expect(r.stdout).not.toMatch(/hunter2|very-secret/);
});
