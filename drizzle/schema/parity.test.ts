// Keeps sqlite.ts and pg.ts equal to model.ts (STYLE.md principle 9), and the committed migrations
// equal to the schema: a table, column, key or migration missing on one side fails here.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { is } from 'drizzle-orm';
import { PgTable, getTableConfig as pgTableConfig } from 'drizzle-orm/pg-core';
import { SQLiteTable, getTableConfig as sqliteTableConfig } from 'drizzle-orm/sqlite-core';
import { describe, expect, test } from 'vitest';
import { logicalModel, type ColumnKind, type LogicalTable } from './model.js';
import * as pgSchema from './pg.js';
import * as sqliteSchema from './sqlite.js';

/** Drizzle column classes that implement each logical kind, per dialect. */
const kinds: Record<'sqlite' | 'pg', Record<ColumnKind, string[]>> = {
  // SQLite INTEGER is a 64-bit integer whatever the declared size, so int and bigint share it.
  sqlite: {
    id: ['SQLiteInteger'],
    int: ['SQLiteInteger'],
    bigint: ['SQLiteInteger'],
    text: ['SQLiteText'],
    blob: ['SQLiteBlobBuffer'],
  },
  pg: {
    id: ['PgSerial'],
    int: ['PgInteger'],
    bigint: ['PgBigInt53', 'PgBigInt64'],
    text: ['PgText'],
    // bytea is a customType in drizzle 0.45 (drizzle/schema/pg.ts).
    blob: ['PgCustomColumn'],
  },
};

interface ColumnShape {
  name: string;
  columnType: string;
  notNull: boolean;
  primary: boolean;
  isUnique: boolean;
  autoIncrement?: boolean;
}

interface TableShape {
  columns: ColumnShape[];
  primaryKeys: { columns: { name: string }[] }[];
  uniqueConstraints: { columns: { name: string }[] }[];
  indexes: { config: { unique: boolean; columns: unknown[] } }[];
}

/** What a dialect table declares, in the vocabulary of model.ts. */
function describeTable(dialect: 'sqlite' | 'pg', table: TableShape) {
  const kindOf = (c: ColumnShape): ColumnKind | string => {
    const isId = dialect === 'sqlite' ? c.primary && c.autoIncrement === true : true;
    const found = (Object.keys(kinds[dialect]) as ColumnKind[]).filter(
      (k) => kinds[dialect][k].includes(c.columnType) && (k !== 'id' || isId),
    );
    // SQLite: an auto-increment primary key is an id, any other INTEGER is int (or bigint).
    if (dialect === 'sqlite' && found.includes('id')) return 'id';
    return found.length > 0 ? found.join('|') : `unmapped ${c.columnType}`;
  };
  const primaryKey = [
    ...table.columns.filter((c) => c.primary).map((c) => c.name),
    ...table.primaryKeys.flatMap((k) => k.columns.map((c) => c.name)),
  ];
  const unique = [
    ...table.columns.filter((c) => c.isUnique).map((c) => [c.name]),
    ...table.uniqueConstraints.map((u) => u.columns.map((c) => c.name)),
    ...table.indexes
      .filter((i) => i.config.unique)
      .map((i) => i.config.columns.map((c) => (c as { name: string }).name)),
  ];
  return {
    columns: Object.fromEntries(
      table.columns.map((c) => [c.name, { kind: kindOf(c), notNull: c.notNull }]),
    ),
    primaryKey,
    unique,
  };
}

/** The logical table as describeTable would report it, with int/bigint merged where SQLite merges them. */
function expected(dialect: 'sqlite' | 'pg', table: LogicalTable) {
  return {
    columns: Object.fromEntries(
      Object.entries(table.columns).map(([name, c]) => [
        name,
        {
          kind:
            dialect === 'sqlite' && (c.kind === 'int' || c.kind === 'bigint')
              ? 'int|bigint'
              : c.kind,
          notNull: c.notNull,
        },
      ]),
    ),
    primaryKey: table.primaryKey,
    unique: table.unique ?? [],
  };
}

const sqliteTables = Object.fromEntries(
  Object.values(sqliteSchema)
    .filter((t) => is(t, SQLiteTable))
    .map((t) => {
      const config = sqliteTableConfig(t);
      return [config.name, config as unknown as TableShape];
    }),
);
const pgTables = Object.fromEntries(
  Object.values(pgSchema)
    .filter((t) => is(t, PgTable))
    .map((t) => {
      const config = pgTableConfig(t);
      return [config.name, config as unknown as TableShape];
    }),
);

describe('schema parity', () => {
  test('both dialects declare exactly the tables of the logical model', () => {
    const names = Object.keys(logicalModel).sort();
    expect(Object.keys(sqliteTables).sort()).toEqual(names);
    expect(Object.keys(pgTables).sort()).toEqual(names);
  });

  test.each(Object.keys(logicalModel))('sqlite %s matches the logical model', (name) => {
    const table = sqliteTables[name];
    expect(table, `drizzle/schema/sqlite.ts has no table ${name}`).toBeDefined();
    expect(describeTable('sqlite', table!)).toEqual(expected('sqlite', logicalModel[name]!));
  });

  test.each(Object.keys(logicalModel))('pg %s matches the logical model', (name) => {
    const table = pgTables[name];
    expect(table, `drizzle/schema/pg.ts has no table ${name}`).toBeDefined();
    expect(describeTable('pg', table!)).toEqual(expected('pg', logicalModel[name]!));
  });

  test('site_id leads the key of every counter table (distributable by site)', () => {
    for (const [name, table] of Object.entries(logicalModel)) {
      if (name.endsWith('_counters')) expect(table.primaryKey[0]).toBe('site_id');
    }
  });
});

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');

// drizzle-kit generate into a copy of the committed migrations: "no changes" means they are current.
// (drizzle-kit exits 0 even when it fails, so the test reads its output.)
describe('committed migrations', () => {
  test.each([
    ['sqlite', 'sqlite'],
    ['pg', 'postgresql'],
  ])(
    'drizzle/%s is up to date with the schema',
    async (folder, dialect) => {
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pomelo-migrations-'));
      try {
        const out = path.join(tmp, folder);
        fs.cpSync(path.join(root, 'drizzle', folder), out, { recursive: true });
        const { stdout, stderr } = await run(
          'npx',
          [
            'drizzle-kit',
            'generate',
            `--dialect=${dialect}`,
            `--schema=./drizzle/schema/${folder}.ts`,
            // drizzle-kit prefixes "./" to the path, so it must be relative to the project.
            `--out=${path.relative(root, out)}`,
          ],
          { cwd: root, timeout: 60_000 },
        );
        expect(
          stdout + stderr,
          'schema changed without a migration: run `npm run db:generate` and commit drizzle/',
        ).toMatch(/No schema changes, nothing to migrate/);
        const list = (dir: string) => fs.readdirSync(dir, { recursive: true }).sort();
        expect(list(out)).toEqual(list(path.join(root, 'drizzle', folder)));
      } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    },
    60_000,
  );
});
