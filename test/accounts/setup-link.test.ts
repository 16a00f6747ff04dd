// The one-time setup link (issue 11 item 9): printed as plain text on stderr, apart from the JSON
// log lines on stdout, and refused after its hour. The process test runs the real server/main.ts.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { setupLinkTtlMs } from '../../server/accounts/setup.js';
import { freePort, repoRoot } from '../durability/child-server.js';
import { freshDataDir, startTestServer, type TestServer } from '../support/server.js';
import { Client, setupToken, testEnv } from './support.js';

const password = 'setup link password 12';

describe('the setup link expires', () => {
  let server: TestServer;
  let clock = Date.parse('2026-11-01T12:00:00Z');
  beforeAll(async () => {
    server = await startTestServer({ env: testEnv, now: () => clock });
  });
  afterAll(() => server.close());

  test('after an hour the token is refused, saying so, and nothing is created', async () => {
    clock += setupLinkTtlMs;
    const r = await new Client(server.url).post('/api/setup', {
      token: setupToken(server),
      email: 'owner@example.test',
      password,
      orgName: 'Org',
    });
    expect(r.status).toBe(403);
    expect(r.body.error.message).toMatch(/expired/);
    expect(r.body.error.message).toMatch(/restart/);
    expect(await server.store.accounts.countUsers()).toBe(0);
    // Setup is still needed: a restart prints a new link.
    expect((await new Client(server.url).get('/api/setup')).body).toEqual({ needed: true });
  });
});

describe('the setup link is printed apart from the JSON log stream', () => {
  test('stderr carries the link as plain text; stdout (the log) never has the token', async () => {
    const dataDir = freshDataDir();
    const port = await freePort();
    const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: repoRoot,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        POMELO_DATA_DIR: dataDir,
        POMELO_LOG_LEVEL: 'debug',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    proc.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    proc.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    try {
      await expect
        .poll(() => /listening on/.test(stdout) && /setup#token=/.test(stderr), {
          timeout: 30_000,
          interval: 100,
        })
        .toBe(true);
      const link = /(http:\/\/127\.0\.0\.1:\d+\/setup#token=setup_[\w-]+)/.exec(stderr)![1]!;
      const token = new URL(link).hash.slice('#token='.length);
      expect(stderr).toMatch(/within the hour/);
      expect(stdout).not.toContain(token);
      expect(stdout).not.toContain('setup#token');
      // The log stream stays machine-readable: JSON lines (and the one-line start banner).
      const lines = stdout.split('\n').filter((l) => l !== '');
      expect(lines.some((l) => l.startsWith('{'))).toBe(true);
      for (const line of lines.filter((l) => l.startsWith('{'))) {
        expect(() => JSON.parse(line)).not.toThrow();
      }
      // The printed link works.
      const r = await new Client(`http://127.0.0.1:${port}`).post('/api/setup', {
        token,
        email: 'owner@example.test',
        password,
        orgName: 'Org',
      });
      expect(r.status).toBe(201);
    } finally {
      proc.kill('SIGTERM');
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
