// The systemd unit in docs/DEPLOY.md, checked by `systemd-analyze verify` (systemd 252 is installed
// here and in CI; a machine without it fails this test under CI=true rather than skipping it).
// The package paths are pointed at this checkout so that verify finds the program it names.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, test } from 'vitest';
import { freshDataDir } from '../support/server.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const dir = freshDataDir('pomelo-unit-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function unitFromDocs(): string {
  const doc = fs.readFileSync(path.join(root, 'docs/DEPLOY.md'), 'utf8');
  const m = /<!-- systemd-unit:start -->\n```ini\n([\s\S]*?)```\n<!-- systemd-unit:end -->/.exec(
    doc,
  );
  if (!m) throw new Error('docs/DEPLOY.md: no unit between the systemd-unit markers');
  return m[1]!;
}

test('the unit runs plain node on the built CLI with `start`, as the service user', () => {
  const unit = unitFromDocs();
  expect(unit).toMatch(
    /^ExecStart=\/usr\/bin\/node \/usr\/local\/lib\/node_modules\/pomelo\/build\/server\/cli\/main\.js start$/m,
  );
  expect(unit).not.toMatch(/tsx/);
  expect(unit).toMatch(/^User=pomelo$/m);
  expect(unit).toMatch(/^ReadWritePaths=\/var\/lib\/pomelo$/m);
  expect(unit).toMatch(/^RestartPreventExitStatus=2$/m);
  // The program it names is in the package (package.json "bin" and "files").
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  expect(pkg.bin.pomelo).toBe('build/server/cli/main.js');
  expect(pkg.files).toContain('build/server/');
});

test('systemd-analyze verify accepts the unit', async () => {
  const unit = unitFromDocs()
    .replace('/usr/bin/node', process.execPath)
    .replace('/usr/local/lib/node_modules/pomelo', root)
    // verify resolves the user; the service account does not exist on a test machine.
    .replace(/^(User|Group)=pomelo$/gm, '$1=root');
  const file = path.join(dir, 'pomelo.service');
  fs.writeFileSync(file, unit);
  const result = await run('systemd-analyze', ['verify', file]).then(
    (r) => ({ code: 0, output: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({
      code: e.code,
      output: e.stdout + e.stderr,
    }),
  );
  // Only lines about this unit count (verify also reports on the host's own units).
  const ours = result.output.split('\n').filter((l) => l.includes('pomelo.service'));
  expect(ours).toEqual([]);
  expect(result.code).toBe(0);
});

test('the check can fail: a unit naming a missing program or an unknown key is reported', async () => {
  const file = path.join(dir, 'broken.service');
  fs.writeFileSync(file, '[Service]\nExecStart=/nonexistent/pomelo start\nRestartSecs=2\n');
  const result = await run('systemd-analyze', ['verify', file]).then(
    (r) => r.stdout + r.stderr,
    (e: { stdout: string; stderr: string }) => e.stdout + e.stderr,
  );
  expect(result).toMatch(/broken\.service: Command \/nonexistent\/pomelo is not executable/);
  expect(result).toMatch(/Unknown key 'RestartSecs'/);
});
