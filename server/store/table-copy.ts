// Whole-table export and import of every table besides sites and counters, for `migrate-data`: rows
// exactly as stored, ids kept. Written once for both databases (db.ts); names come from the schema
// (tables.ts). Every table of the schema is either copied (here or as sites/counters) or excluded
// below with its reason; server/store/table-copy.test.ts fails on a table that is neither.
import { sql } from 'drizzle-orm';
import * as sq from '../../drizzle/schema/sqlite.js';
import { exec, type Db } from './db.js';
import { table, type Table } from './tables.js';

/** Every table besides sites and counters, in an order that keeps references pointing backwards. */
export const copiedTables = [
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
  // The imports and their ledgers: what each import added, so that it can be left out of reports
  // and removed on the target as on the source (the counters copied already include it).
  'imports',
  'import_daily',
  'import_hourly',
  'import_revenue',
] as const;
export type CopiedTable = (typeof copiedTables)[number];

/** Copied by migrate-data's own code: sites with their ids, counters in chunks with a progress bar. */
export const copiedApart = ['sites', 'daily_counters', 'hourly_counters'] as const;

/** Tables migrate-data leaves behind on purpose, each with its reason. */
export const excludedTables: Readonly<Record<string, string>> = {
  pending_logins: 'a password waiting minutes for its second factor: signing in again is expected',
  webauthn_challenges: 'single-use WebAuthn challenges that expire within minutes',
  replay_windows:
    'replay is short-lived research, encrypted under keys that would have to travel too (docs/ARCHITECTURE.md)',
  replay_window_keys: 'replay encryption keys: never copied out of the install that made them',
  replay_recordings: 'replay recordings: left with their keys (see replay_windows)',
  replay_chunks: 'encrypted replay chunks: unreadable without replay_window_keys',
  replay_plays: 'who played a replay recording: goes with the recordings',
  replay_latches: 'replay kill-switch latches: set again on the new install if still wanted',
  replay_secrets: 'the HMAC key of replay offers: a new install makes its own',
  replay_offer_nonces: 'used replay offers, valid minutes: meaningless under a new offer key',
  counter_journal:
    'counter writes not yet merged (SQLite): the source merges them into the counters as it opens, so they travel with the counters',
  minute_counters:
    'realtime figures of the last 30 minutes (PostgreSQL nodes): rebuilt by traffic on the new install',
  rollup_blocks:
    'rollups of closed days are derived from the counters: the target’s job builds them',
  rollup_counters:
    'rollups of closed days are derived from the counters: the target’s job builds them',
};
export type TableRow = Record<string, unknown>;

export interface TableCopy {
  /** Every row in primary-key order, `chunkSize` rows at a time. */
  scan(table: CopiedTable, chunkSize: number): AsyncIterable<TableRow[]>;
  /** Inserts rows as given (ids kept); later inserts still get fresh ids past them. */
  insert(table: CopiedTable, rows: TableRow[]): Promise<void>;
  count(table: CopiedTable): Promise<number>;
  /** Deletes every row (migrate-data --force). */
  clear(table: CopiedTable): Promise<void>;
}

const tables: Record<CopiedTable, Table<TableRow, TableRow>> = {
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
  imports: table(sq.imports),
  import_daily: table(sq.importDaily),
  import_hourly: table(sq.importHourly),
  import_revenue: table(sq.importRevenue),
} as Record<CopiedTable, Table<TableRow, TableRow>>;

const maxParameters = 30_000;

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
      // Batches stay under both databases' bind-parameter limits (SQLite 32,766, PostgreSQL 65,535)
      // whatever --chunk is: the ledgers have 13 columns.
      const perBatch = Math.max(1, Math.floor(maxParameters / Object.keys(rows[0]!).length));
      await db.tx(function* () {
        for (let i = 0; i < rows.length; i += perBatch) {
          yield* exec(t.insert(rows.slice(i, i + perBatch)));
        }
        // SQLite: AUTOINCREMENT keeps sqlite_sequence at the largest id inserted.
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
