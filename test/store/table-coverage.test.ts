// `migrate-data` copies every table or leaves it out on purpose: each table of the schema, and each
// table a migrated database really holds (SQLite and PostgreSQL), is in exactly one of the copied
// lists or the excluded list (with its reason). A new table that is in none fails here, before an
// install loses it on the way to PostgreSQL.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { getTableName, is } from 'drizzle-orm';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { PgTable } from 'drizzle-orm/pg-core';
import postgres from 'postgres';
import { afterAll, describe, expect, test } from 'vitest';
import * as sqliteSchema from '../../drizzle/schema/sqlite.js';
import * as pgSchema from '../../drizzle/schema/pg.js';
import { openPgStore } from '../../server/store/pg.js';
import { openSqliteStore } from '../../server/store/sqlite.js';
import { copiedApart, copiedTables, excludedTables } from '../../server/store/table-copy.js';
import { createPgDatabase, testBackends, type PgDatabase } from '../support/db.js';
import { freshDataDir } from '../support/server.js';

const covered = [...copiedApart, ...copiedTables, ...Object.keys(excludedTables)];

function schemaTables(schema: Record<string, unknown>, kind: typeof SQLiteTable | typeof PgTable) {
  return Object.values(schema)
    .filter((v) => is(v, kind))
    .map((t) => getTableName(t as SQLiteTable))
    .sort();
}

test('every table is copied or excluded, and only once', () => {
  expect(new Set(covered).size).toBe(covered.length);
  const tables = schemaTables(sqliteSchema, SQLiteTable);
  expect(tables.length).toBeGreaterThan(30);
  expect(schemaTables(pgSchema, PgTable)).toEqual(tables);
  // Named so that a failure says which table is neither copied nor excluded.
  expect(tables.filter((t) => !covered.includes(t))).toEqual([]);
  expect(covered.filter((t) => !tables.includes(t))).toEqual([]);
  for (const reason of Object.values(excludedTables)) expect(reason.length).toBeGreaterThan(20);
});

describe.each(testBackends())('the tables of a migrated %s database', (backend) => {
  const dir = freshDataDir('pomelo-tables-');
  let pg: PgDatabase | undefined;
  afterAll(async () => {
    await pg?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('are all copied or excluded (hand-written migrations included)', async () => {
    let names: string[];
    if (backend === 'sqlite') {
      const file = path.join(dir, 'pomelo.db');
      const store = openSqliteStore(file);
      await store.migrate();
      await store.close();
      const db = new Database(file, { readonly: true });
      names = (
        db
          .prepare(
            "select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\'",
          )
          .all() as { name: string }[]
      ).map((r) => r.name);
      db.close();
    } else {
      pg = await createPgDatabase();
      const store = openPgStore(pg.url, { poolSize: 1 });
      await store.migrate();
      await store.close();
      const sql = postgres(pg.url, { max: 1, onnotice: () => {} });
      names = (
        await sql<{ name: string }[]>`select table_name as name from information_schema.tables
          where table_schema = 'public'`
      ).map((r) => r.name);
      await sql.end();
    }
    names = names.filter((n) => n !== '__drizzle_migrations').sort();
    expect(names.length).toBeGreaterThan(30);
    expect(names.filter((t) => !covered.includes(t))).toEqual([]);
    expect(covered.filter((t) => !names.includes(t))).toEqual([]);
  }, 60_000);
});
