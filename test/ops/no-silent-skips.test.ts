// Nothing skipped silently: a nested vitest run over one browser suite with Chromium "missing"
// (POMELO_CHROMIUM=/nonexistent). Under CI=true the run fails naming it; otherwise it passes with
// the skips counted and the reason printed at the end. POMELO_SKIP_BUILD=1: the nested run must not
// rebuild the files the other suites are serving.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';

const run = promisify(execFile);
const suite = 'test/e2e/tracker-links.test.ts';

async function nested(env: Record<string, string>) {
  try {
    const r = await run('npx', ['vitest', 'run', suite, '--project', 'sqlite'], {
      env: { ...process.env, POMELO_CHROMIUM: '/nonexistent', POMELO_SKIP_BUILD: '1', ...env },
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, output: r.stdout + r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

test('CI=true with Chromium missing fails the run, naming it', async () => {
  const r = await nested({ CI: 'true', POMELO_REQUIRE_ALL: '' });
  expect(r.code).not.toBe(0);
  expect(r.output).toContain('missing prerequisite: Chromium at /nonexistent');
  expect(r.output).toContain('POMELO_CHROMIUM');
}, 120_000);

test('POMELO_REQUIRE_ALL=1 does the same outside CI', async () => {
  const r = await nested({ CI: '', POMELO_REQUIRE_ALL: '1' });
  expect(r.code).not.toBe(0);
  expect(r.output).toContain('missing prerequisite: Chromium at /nonexistent');
}, 120_000);

test('outside CI the suite skips, and the run ends by counting the skips and naming why', async () => {
  const r = await nested({ CI: '', POMELO_REQUIRE_ALL: '' });
  expect(r.code).toBe(0);
  expect(r.output).toMatch(/skipped tests: [1-9]\d*/);
  expect(r.output).toMatch(/test\/e2e\/tracker-links\.test\.ts: [1-9]/);
  expect(r.output).toMatch(/missing on this machine: Chromium at \/nonexistent/);
}, 120_000);

test('the PostgreSQL suites are left out only outside CI (POMELO_TEST_PG=0)', async () => {
  const { testBackends } = await import('../support/db.js');
  expect(testBackends({ POMELO_TEST_PG: '0' })).toEqual(['sqlite']);
  expect(testBackends({})).toEqual(['sqlite', 'postgres']);
  for (const env of [
    { POMELO_TEST_PG: '0', CI: 'true' },
    { POMELO_TEST_PG: '0', POMELO_REQUIRE_ALL: '1' },
  ]) {
    expect(() => testBackends(env)).toThrow(/missing prerequisite: PostgreSQL/);
  }
});
