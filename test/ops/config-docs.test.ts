// README's configuration table is generated from server/config.ts (`npm run docs:config`): equal.
import fs from 'node:fs';
import { expect, test } from 'vitest';
import { ConfigError, loadConfig, variables } from '../../server/config.js';
import { readmeFile, withConfigTable } from '../../scripts/config-docs.js';

test('README.md holds the table generated from the variable definitions', () => {
  const readme = fs.readFileSync(readmeFile, 'utf8');
  expect(readme, 'run `npm run docs:config`').toBe(withConfigTable(readme));
  for (const v of variables) expect(readme).toContain(`| \`${v.name}\` |`);
});

test('every variable is defined once and read by loadConfig', () => {
  const names = variables.map((v) => v.name);
  expect(new Set(names).size).toBe(names.length);
  const keys = variables.map((v) => v.key);
  expect(new Set(keys).size).toBe(keys.length);
  expect(Object.keys(loadConfig({}, '/tmp')).sort()).toEqual([...keys].sort());
});

test.each([
  ['PORT', '65536', 'PORT must be a whole number from 0 to 65535, got "65536"'],
  ['PORT', '8080.5', 'PORT must be a whole number from 0 to 65535, got "8080.5"'],
  [
    'POMELO_LOG_LEVEL',
    'loud',
    'POMELO_LOG_LEVEL must be one of debug, info, warn, error, silent, got "loud"',
  ],
  [
    'POMELO_PUBLIC_URL',
    'https://x.test/path',
    'POMELO_PUBLIC_URL must be an origin such as https://stats.example.com, got "https://x.test/path"',
  ],
  [
    'POMELO_TRUSTED_PROXIES',
    '10.0.0.1,proxy',
    'POMELO_TRUSTED_PROXIES must be IP addresses or CIDR ranges separated by commas, such as 127.0.0.1,::1,10.0.0.0/8,fd00::/8 ("proxy" is not one), got "10.0.0.1,proxy"',
  ],
  [
    'POMELO_DATABASE_URL',
    'mysql://u:secret@h/db',
    'POMELO_DATABASE_URL must be postgres://user@host:port/db, or unset for SQLite, got (redacted)',
  ],
])('%s=%s is refused naming it, the value and what is expected', (name, value, message) => {
  expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
  expect(() => loadConfig({ [name]: value })).toThrow(message);
});

test('cross-variable rule: the request timeout is not shorter than the headers timeout', () => {
  expect(() =>
    loadConfig({ POMELO_HEADERS_TIMEOUT_MS: '20000', POMELO_REQUEST_TIMEOUT_MS: '10000' }),
  ).toThrow(/POMELO_REQUEST_TIMEOUT_MS must not be shorter than POMELO_HEADERS_TIMEOUT_MS/);
});
