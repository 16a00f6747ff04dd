import { expect, test } from 'vitest';
import { databaseLabel } from './database-label.js';

const file = (dir: string) => `${dir}/pomelo.db`;

test('SQLite names the file', () => {
  expect(databaseLabel({ databaseUrl: undefined, dataDir: '/srv/data' }, file)).toEqual({
    engine: 'SQLite',
    file: '/srv/data/pomelo.db',
  });
});

test.each([
  ['postgres://pomelo:s3cret@db.example:5433/analytics', 'db.example:5433', 'analytics'],
  ['postgresql://u:p%40ss@127.0.0.1/test?sslmode=require', '127.0.0.1', 'test'],
  ['postgres:///pomelo?host=/run/postgresql', '/run/postgresql', 'pomelo'],
  ['postgres://alice@db.example', 'db.example', 'alice'],
])('PostgreSQL %s → host and database, no credentials', (databaseUrl, host, name) => {
  const label = databaseLabel({ databaseUrl, dataDir: '/x' }, file);
  expect(label).toEqual({ engine: 'PostgreSQL', host, name });
  expect(JSON.stringify(label)).not.toMatch(/s3cret|p%40ss|p@ss/);
});
