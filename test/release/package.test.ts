// RELEASE PACKAGE (slow: ~30-60 s, fetches the runtime dependencies from the npm registry).
// `npm pack` → `npm install -g --prefix <tmp> pomelo-<version>.tgz` → `pomelo start` from another
// directory: the installed package serves /p.js and takes events on /api/event with plain node,
// without tsx, vite or any other build tool installed.
//
// better-sqlite3 compiles from source on install (~2 minutes on this machine, and node-gyp wants
// Node's headers from the internet): the install runs with --ignore-scripts and the test puts this
// checkout's compiled binding (same version, same Node) in place instead. A real install runs
// the install script; docs/DEPLOY.md says so.
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, test } from 'vitest';
import { freshDataDir, postEvent } from '../support/server.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const work = freshDataDir('pomelo-release-');
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

test('the packed tarball installs into a fresh prefix and serves /p.js and /api/event', async () => {
  const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;
  // The build is there already (the test run's global setup): pack it as it is.
  await run('npm', ['pack', '--ignore-scripts', '--pack-destination', work], { cwd: root });
  const tarball = path.join(work, `pomelo-${version}.tgz`);
  expect(fs.existsSync(tarball)).toBe(true);
  const listing = (await run('tar', ['tzf', tarball])).stdout.split('\n');
  expect(listing).toContain('package/build/server/main.js');
  expect(listing).toContain('package/build/server/cli/main.js');
  expect(listing).toContain('package/drizzle/sqlite/meta/_journal.json');
  expect(listing).toContain('package/tracker/dist/p.js.br');
  expect(listing.filter((f) => /\.ts$/.test(f))).toEqual([]);

  const prefix = path.join(work, 'prefix');
  const started = Date.now();
  await run(
    'npm',
    [
      'install',
      '-g',
      '--prefix',
      prefix,
      '--prefer-offline',
      '--ignore-scripts',
      '--no-audit',
      '--no-fund',
      tarball,
    ],
    { cwd: work, timeout: 300_000 },
  );
  console.info(
    `release package: npm install -g took ${Math.round((Date.now() - started) / 1000)} s`,
  );
  const installed = path.join(prefix, 'lib', 'node_modules', 'pomelo');
  const modules = fs.readdirSync(path.join(installed, 'node_modules'));
  for (const devOnly of [
    'tsx',
    'vite',
    'vitest',
    'esbuild',
    'typescript',
    'preact',
    'chart.js',
    'playwright-core',
  ])
    expect(modules, devOnly).not.toContain(devOnly);
  const binding = path.join(
    'node_modules',
    'better-sqlite3',
    'build',
    'Release',
    'better_sqlite3.node',
  );
  const versionOf = (dir: string) =>
    JSON.parse(fs.readFileSync(path.join(dir, 'node_modules/better-sqlite3/package.json'), 'utf8'))
      .version;
  expect(versionOf(installed)).toBe(versionOf(root));
  fs.mkdirSync(path.dirname(path.join(installed, binding)), { recursive: true });
  fs.copyFileSync(path.join(root, binding), path.join(installed, binding));

  // Run from an unrelated directory, as a service would: everything is found from the package.
  const home = path.join(work, 'home');
  const dataDir = path.join(work, 'data');
  fs.mkdirSync(home);
  const env = { ...process.env, POMELO_DATA_DIR: dataDir, PORT: '0', POMELO_DATABASE_URL: '' };
  const pomelo = path.join(prefix, 'bin', 'pomelo');
  expect((await run(pomelo, ['--help'], { cwd: home, env })).stdout).toMatch(
    /^  start +run the server/m,
  );
  await run(pomelo, ['site', 'add', 'packaged.test'], { cwd: home, env });
  const child = spawn(pomelo, ['start'], { cwd: home, env, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let text = '';
      child.stdout.on('data', (c: Buffer) => {
        text += c.toString();
        const m = /listening on (http:\/\/[\d.:]+)/.exec(text);
        if (m) resolve(m[1]!);
      });
      child.stderr.on('data', (c: Buffer) => (text += c.toString()));
      child.once('exit', (code) => reject(new Error(`pomelo start exited ${code}: ${text}`)));
    });
    const cmdline = fs.readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').split('\0');
    expect(cmdline[0]).toMatch(/(^|\/)node$/);
    expect(cmdline.join(' ')).not.toMatch(/tsx/);
    const script = await fetch(`${url}/p.js`, { headers: { 'accept-encoding': 'br' } });
    expect(script.status).toBe(200);
    expect(await script.text()).toBe(fs.readFileSync(path.join(root, 'tracker/dist/p.js'), 'utf8'));
    const event = await postEvent(url, {
      n: 'pageview',
      u: 'https://packaged.test/',
      d: 'packaged.test',
      r: null,
      w: 1280,
      z: 'UTC',
    });
    expect(event.status).toBe(202);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    expect((await fetch(`${url}/`)).status).toBe(200);
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
  expect(fs.existsSync(path.join(dataDir, 'pomelo.db'))).toBe(true);
  expect(fs.readdirSync(home)).toEqual([]);
}, 420_000);
