// Whole-table export and import of the account tables, for `migrate-data`: rows exactly as stored,
// ids kept. Written once for both databases (db.ts); names come from the schema (tables.ts).
import { sql } from 'drizzle-orm';
import * as sq from '../../drizzle/schema/sqlite.js';
import { exec, type Db } from './db.js';
import { table, type Table } from './tables.js';

/** Every table besides sites and counters, in an order that keeps references pointing backwards. */
export const accountTables = [
  'orgs',
  'users',
  'memberships',
  'sessions',
  'invitations',
  'api_keys',
  'shared_links',
  'annotations',
  'audit_log',
  'user_totp',
  'recovery_codes',
  'passkeys',
  'goals',
  'revenue_counters',
  'mail_settings',
  'mail_recipients',
  'mail_log',
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

const tables: Record<AccountTable, Table<TableRow, TableRow>> = {
  orgs: table(sq.orgs),
  users: table(sq.users),
  memberships: table(sq.memberships),
  sessions: table(sq.sessions),
  invitations: table(sq.invitations),
  api_keys: table(sq.apiKeys),
  shared_links: table(sq.sharedLinks),
  annotations: table(sq.annotations),
  audit_log: table(sq.auditLog),
  user_totp: table(sq.userTotp),
  recovery_codes: table(sq.recoveryCodes),
  passkeys: table(sq.passkeys),
  goals: table(sq.goals),
  revenue_counters: table(sq.revenueCounters),
  mail_settings: table(sq.mailSettings),
  mail_recipients: table(sq.mailRecipients),
  mail_log: table(sq.mailLog),
} as Record<AccountTable, Table<TableRow, TableRow>>;

export function tableCopy(db: Db): TableCopy {
  return {
    async *scan(name, chunkSize) {
      const t = tables[name];
      for (let offset = 0; ; offset += chunkSize) {
        const rows = await db.all<TableRow>(
          sql`select ${t.columns} from ${t.name} order by ${t.keyOrder}
            limit ${chunkSize} offset ${offset}`,
        );
        if (rows.length > 0) yield rows;
        if (rows.length < chunkSize) return;
      }
    },
    async insert(name, rows) {
      if (rows.length === 0) return;
      const t = tables[name];
      // SQLite: AUTOINCREMENT keeps sqlite_sequence at the largest id inserted.
      await db.tx(function* () {
        yield* exec(t.insert(rows));
        if (t.serialId) {
          yield* db.pgOnly(sql`select setval(pg_get_serial_sequence(${t.tableName}, 'id'),
            coalesce(max(id), 0) + 1, false) from ${t.name}`);
        }
      });
    },
    async count(name) {
      const row = await db.get<{ n: number }>(sql`select count(*) as n from ${tables[name].name}`);
      return row?.n ?? 0;
    },
    async clear(name) {
      await db.exec(sql`delete from ${tables[name].name}`);
    },
  };
}
