import { defineConfig } from 'vitest/config';

// Unit tests sit beside their module; test/ holds tests that need a server, a database or a browser.
// The integration suites that go through startTestServer() run twice: on SQLite and on PostgreSQL
// (127.0.0.1:5432, a fresh database per server, dropped afterwards).
const backendSuites = [
  'test/ingest/ingest.test.ts',
  'test/ingest/cardinality.test.ts',
  'test/ingest/redos.test.ts',
  'test/ingest/cap-memory.test.ts',
  'test/ingest/cap-eviction.test.ts',
  'test/ingest/bad-input.test.ts',
  'test/privacy/no-personal-data.test.ts',
  'test/reports/**/*.test.ts',
  'test/accounts/**/*.test.ts',
  'test/replay/**/*.test.ts',
  'test/e2e/tracker-visit.test.ts',
  'test/e2e/goals.test.ts',
  'test/e2e/dashboard-second-factor.test.ts',
  'test/e2e/replay-withdraw.test.ts',
  'test/e2e/replay-window.test.ts',
  'test/e2e/shared-embed.test.ts',
  'test/e2e/dashboard-url-state.test.ts',
  'test/e2e/dashboard-imports.test.ts',
  'test/ops/health.test.ts',
];

export default defineConfig({
  test: {
    globalSetup: ['test/support/global-setup.ts'],
    // The default output, then how many tests were skipped and why (zero expected in CI).
    reporters: ['default', './test/support/skip-reporter.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'server/**/*.test.ts',
            'tracker/**/*.test.ts',
            'dashboard/**/*.test.ts',
            'drizzle/**/*.test.ts',
          ],
        },
      },
      { extends: true, test: { name: 'sqlite', include: ['test/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: backendSuites,
          env: { POMELO_TEST_BACKEND: 'postgres' },
        },
      },
    ],
  },
});
