import { defineConfig } from 'vitest/config';

// Unit tests sit beside their module; test/ holds tests that need a server, a database or a browser.
export default defineConfig({
  test: {
    include: [
      'server/**/*.test.ts',
      'tracker/**/*.test.ts',
      'dashboard/**/*.test.ts',
      'drizzle/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
