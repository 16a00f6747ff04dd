// Whole-table export and import of the account tables, for `migrate-data`: rows exactly as stored,
// ids kept. SQLite and PostgreSQL side by side; the tables come from the dialect schemas.
import { asc, count, type AnyColumn } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { getTableConfig as pgTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { getTableConfig as sqliteTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as pg from '../../drizzle/schema/pg.js';
import * as sq from '../../drizzle/schema/sqlite.js';

/** Every table besides sites and counters, in an order that keeps references pointing backwards. */
export const accountTables = [
  'orgs',
  'users',
  'memberships',
  'sessions',
  'invitations',
  'api_keys',
  'shared_links',
  'audit_log',
  'user_totp',
  'recovery_codes',
  'passkeys',
] as const;
export type AccountTable = (typeof accountTables)[number];
export type TableRow = Record<string, unknown>;

export interface TableCopy {
  /** Every row in primary-key order, `chunkSize` rows at a time. */
  scan(table: AccountTable, chunkSize: number): AsyncIterable<TableRow[]>;
  /** Inserts rows as given (ids kept); later inserts still get fresh ids past them. */
  insert(table: AccountTable, rows: TableRow[]): Promise<void>;
  count(table: AccountTable): Promise<number>;
  /** Deletes every row (migrate-data --force). */
  clear(table: AccountTable): Promise<void>;
}

const sqliteTables: Record<AccountTable, SQLiteTable> = {
  orgs: sq.orgs,
  users: sq.users,
  memberships: sq.memberships,
  sessions: sq.sessions,
  invitations: sq.invitations,
  api_keys: sq.apiKeys,
  shared_links: sq.sharedLinks,
  audit_log: sq.auditLog,
  user_totp: sq.userTotp,
  recovery_codes: sq.recoveryCodes,
  passkeys: sq.passkeys,
};

const pgTables: Record<AccountTable, PgTable> = {
  orgs: pg.orgs,
  users: pg.users,
  memberships: pg.memberships,
  sessions: pg.sessions,
  invitations: pg.invitations,
  api_keys: pg.apiKeys,
  shared_links: pg.sharedLinks,
  audit_log: pg.auditLog,
  user_totp: pg.userTotp,
  recovery_codes: pg.recoveryCodes,
  passkeys: pg.passkeys,
};

function keyColumns(config: { primaryKeys: { columns: AnyColumn[] }[]; columns: AnyColumn[] }) {
  return config.primaryKeys[0]?.columns ?? config.columns.filter((c) => c.primary);
}

export function sqliteTableCopy(db: BetterSQLite3Database<typeof sq>): TableCopy {
  return {
    async *scan(name, chunkSize) {
      const table = sqliteTables[name];
      const order = keyColumns(sqliteTableConfig(table)).map((c) => asc(c));
      for (let offset = 0; ; offset += chunkSize) {
        const rows = db
          .select()
          .from(table)
          .orderBy(...order)
          .limit(chunkSize)
          .offset(offset)
          .all() as TableRow[];
        if (rows.length > 0) yield rows;
        if (rows.length < chunkSize) return;
      }
    },
    async insert(name, rows) {
      // AUTOINCREMENT keeps sqlite_sequence at the largest id inserted, so new ids come after.
      if (rows.length > 0) db.insert(sqliteTables[name]).values(rows).run();
    },
    async count(name) {
      return db.select({ n: count() }).from(sqliteTables[name]).get()?.n ?? 0;
    },
    async clear(name) {
      db.delete(sqliteTables[name]).run();
    },
  };
}

export function pgTableCopy(db: PostgresJsDatabase<typeof pg>): TableCopy {
  return {
    async *scan(name, chunkSize) {
      const table = pgTables[name];
      const order = keyColumns(pgTableConfig(table)).map((c) => asc(c));
      for (let offset = 0; ; offset += chunkSize) {
        const rows = (await db
          .select()
          .from(table)
          .orderBy(...order)
          .limit(chunkSize)
          .offset(offset)) as TableRow[];
        if (rows.length > 0) yield rows;
        if (rows.length < chunkSize) return;
      }
    },
    async insert(name, rows) {
      if (rows.length === 0) return;
      await db.insert(pgTables[name]).values(rows);
      const serial = pgTableConfig(pgTables[name]).columns.find(
        (c) => c.name === 'id' && c.columnType === 'PgSerial',
      );
      // Explicit ids do not advance a serial sequence: move it past the largest id.
      if (serial) {
        await db.execute(
          `SELECT setval(pg_get_serial_sequence('${name}', 'id'), coalesce(max(id), 0) + 1, false) FROM ${name}`,
        );
      }
    },
    async count(name) {
      const [row] = await db.select({ n: count() }).from(pgTables[name]);
      return Number(row?.n ?? 0);
    },
    async clear(name) {
      await db.delete(pgTables[name]);
    },
  };
}
