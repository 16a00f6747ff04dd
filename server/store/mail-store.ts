// MailRepo, written once for SQLite and PostgreSQL (db.ts): a site's mail settings and recipients,
// and the send log whose primary key (site, kind, period, recipient) makes every message once: a
// node sends only what it claimed, and claims in the transaction that writes (or takes over) the row.
import { sql } from 'drizzle-orm';
import * as schema from '../../drizzle/schema/sqlite.js';
import { all, exec, get, type Db, type Work } from './db.js';
import { table } from './tables.js';

const settingsT = table(schema.mailSettings);
const recipientsT = table(schema.mailRecipients);
const logT = table(schema.mailLog);

export interface MailSettings {
  weekly: boolean;
  monthly: boolean;
  /** Local hour (0–23) at which reports go out, in the site's timezone. */
  hour: number;
  /** Spike alert: an hour at least this percent of its usual figure; 0 = off. */
  spikePercent: number;
  /** Tracking-stopped alert after this many quiet hours; 0 = off. */
  quietHours: number;
  cooldownHours: number;
}

export const defaultMailSettings: MailSettings = {
  weekly: false,
  monthly: false,
  hour: 8,
  spikePercent: 0,
  quietHours: 0,
  cooldownHours: 24,
};

export interface MailRecipient {
  address: string;
  locale: string;
  reports: boolean;
  alerts: boolean;
  createdAt: string;
}

export type MailStatus = 'sending' | 'retry' | 'sent' | 'failed';

export interface MailKey {
  siteId: number;
  kind: string;
  period: string;
  recipient: string;
}

export interface MailLogRow extends MailKey {
  status: MailStatus;
  attempts: number;
  leaseUntil: number;
  leaseOwner: string | null;
  messageId: string;
  error: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface ClaimOptions {
  owner: string;
  nowMs: number;
  leaseMs: number;
  messageId: string;
  /**
   * Alerts: no other period of this (site, kind) may have been logged at or after this instant
   * (ISO); the claim answers 'cooldown' instead.
   */
  cooldownSince?: string;
}

export type ClaimResult = { claimed: true; attempts: number } | { claimed: false; why: string };

export interface MailRepo {
  settingsOf(siteId: number): Promise<MailSettings>;
  recipientsOf(siteId: number): Promise<MailRecipient[]>;
  /** Replaces the settings and recipient list (known addresses keep their creation time). */
  saveMail(
    siteId: number,
    settings: MailSettings,
    recipients: readonly Omit<MailRecipient, 'createdAt'>[],
    at: string,
  ): Promise<void>;
  /** Sites with mail settings and at least one recipient, with both. */
  mailSites(): Promise<{ siteId: number; settings: MailSettings; recipients: MailRecipient[] }[]>;
  /** Turns reports or alerts off for one address; false when there was no such recipient. */
  unsubscribe(siteId: number, address: string, scope: 'reports' | 'alerts'): Promise<boolean>;
  /**
   * Claims one message: inserts its log row as 'sending' leased to `owner`, or takes over a row
   * whose lease ran out ('sending' on a node that died) or whose retry time came. One transaction.
   */
  claim(key: MailKey, o: ClaimOptions): Promise<ClaimResult>;
  /** The SMTP server accepted the message: 'sent' (only by the lease holder). */
  markSent(key: MailKey, owner: string, at: string): Promise<boolean>;
  /** A failed attempt: 'retry' at `retryAtMs`, or 'failed' (given up) when retryAtMs is null. */
  markFailed(
    key: MailKey,
    owner: string,
    error: string,
    retryAtMs: number | null,
  ): Promise<boolean>;
  /** The status of one message, or undefined when it was never claimed. */
  statusOf(key: MailKey): Promise<MailStatus | undefined>;
  /** The latest period of a kind in a recipient's log (any status); undefined before the first. */
  lastPeriodOf(siteId: number, kind: string, recipient: string): Promise<string | undefined>;
  /** Rows waiting for another attempt (a retry whose time came, a lease that ran out). */
  dueAgain(nowMs: number, limit: number): Promise<MailLogRow[]>;
  /** The latest log rows of a site, newest first (the dashboard's send log). */
  logOf(siteId: number, limit: number): Promise<MailLogRow[]>;
  /** Every log row of a site (tests). */
  logRows(siteId: number): Promise<MailLogRow[]>;
}

type SettingsRow = typeof schema.mailSettings.$inferSelect;
type RecipientRow = typeof schema.mailRecipients.$inferSelect;
type LogRow = typeof schema.mailLog.$inferSelect;

const toSettings = (r: SettingsRow): MailSettings => ({
  weekly: Number(r.weekly) === 1,
  monthly: Number(r.monthly) === 1,
  hour: Number(r.hour),
  spikePercent: Number(r.spikePercent),
  quietHours: Number(r.quietHours),
  cooldownHours: Number(r.cooldownHours),
});

const toRecipient = (r: RecipientRow): MailRecipient => ({
  address: r.address,
  locale: r.locale,
  reports: Number(r.reports) === 1,
  alerts: Number(r.alerts) === 1,
  createdAt: r.createdAt,
});

const toLog = (r: LogRow): MailLogRow => ({
  ...r,
  status: r.status as MailStatus,
  attempts: Number(r.attempts),
  leaseUntil: Number(r.leaseUntil),
});

const keyWhere = (k: MailKey) => sql`site_id = ${k.siteId} and kind = ${k.kind}
  and period = ${k.period} and recipient = ${k.recipient}`;

function* claimWork(key: MailKey, o: ClaimOptions): Work<ClaimResult> {
  if (o.cooldownSince !== undefined) {
    const recent = yield* get<{ n: number }>(sql`select count(*) as n from mail_log
      where site_id = ${key.siteId} and kind = ${key.kind} and period <> ${key.period}
        and recipient = ${key.recipient} and created_at >= ${o.cooldownSince}`);
    if (Number(recent?.n ?? 0) > 0) return { claimed: false, why: 'cooldown' };
  }
  const leaseUntil = o.nowMs + o.leaseMs;
  const inserted = yield* get<{ attempts: number }>(
    sql`${logT.insert([
      {
        ...key,
        status: 'sending',
        attempts: 1,
        leaseUntil,
        leaseOwner: o.owner,
        messageId: o.messageId,
        createdAt: new Date(o.nowMs).toISOString(),
      },
    ])} on conflict do nothing returning attempts`,
  );
  if (inserted) return { claimed: true, attempts: 1 };
  // Taken over only when its holder's lease ran out or its retry time came; the row lock (PG) or
  // the write lock (SQLite) makes one node win.
  const taken = yield* get<{ attempts: number }>(sql`update mail_log
    set status = 'sending', lease_owner = ${o.owner}, lease_until = ${leaseUntil},
      attempts = attempts + 1
    where ${keyWhere(key)} and status in ('sending', 'retry') and lease_until <= ${o.nowMs}
    returning attempts`);
  if (taken) return { claimed: true, attempts: Number(taken.attempts) };
  return { claimed: false, why: 'taken' };
}

export function mailRepo(db: Db): MailRepo {
  return {
    async settingsOf(siteId) {
      const row = await db.get<SettingsRow>(
        sql`select ${settingsT.columns} from mail_settings where site_id = ${siteId}`,
      );
      return row ? toSettings(row) : { ...defaultMailSettings };
    },
    async recipientsOf(siteId) {
      const rows = await db.all<RecipientRow>(sql`select ${recipientsT.columns}
        from mail_recipients where site_id = ${siteId} order by ${db.bytewise('address')}`);
      return rows.map(toRecipient);
    },
    saveMail(siteId, s, recipients, at) {
      return db.writeTx(function* () {
        const values = {
          weekly: s.weekly ? 1 : 0,
          monthly: s.monthly ? 1 : 0,
          hour: s.hour,
          spikePercent: s.spikePercent,
          quietHours: s.quietHours,
          cooldownHours: s.cooldownHours,
          updatedAt: at,
        };
        const changed = yield* exec(
          sql`update mail_settings set ${settingsT.set(values)} where site_id = ${siteId}`,
        );
        if (changed === 0) yield* exec(settingsT.insert([{ siteId, ...values }]));
        const known = yield* all<{ address: string }>(
          sql`select address from mail_recipients where site_id = ${siteId}`,
        );
        const keep = new Set(recipients.map((r) => r.address));
        for (const { address } of known) {
          if (!keep.has(address)) {
            yield* exec(sql`delete from mail_recipients
              where site_id = ${siteId} and address = ${address}`);
          }
        }
        const had = new Set(known.map((k) => k.address));
        for (const r of recipients) {
          const flags = { locale: r.locale, reports: r.reports ? 1 : 0, alerts: r.alerts ? 1 : 0 };
          if (had.has(r.address)) {
            yield* exec(sql`update mail_recipients set ${recipientsT.set(flags)}
              where site_id = ${siteId} and address = ${r.address}`);
          } else {
            yield* exec(
              recipientsT.insert([{ siteId, address: r.address, ...flags, createdAt: at }]),
            );
          }
        }
      });
    },
    async mailSites() {
      const settings = await db.all<SettingsRow>(
        sql`select ${settingsT.columns} from mail_settings order by site_id`,
      );
      const recipients = await db.all<RecipientRow>(sql`select ${recipientsT.columns}
        from mail_recipients order by site_id, ${db.bytewise('address')}`);
      const bySite = new Map<number, MailRecipient[]>();
      for (const r of recipients) {
        const list = bySite.get(Number(r.siteId)) ?? [];
        list.push(toRecipient(r));
        bySite.set(Number(r.siteId), list);
      }
      return settings
        .map((s) => ({
          siteId: Number(s.siteId),
          settings: toSettings(s),
          recipients: bySite.get(Number(s.siteId)) ?? [],
        }))
        .filter((s) => s.recipients.length > 0);
    },
    async unsubscribe(siteId, address, scope) {
      const column = scope === 'reports' ? sql`reports` : sql`alerts`;
      const n = await db.exec(sql`update mail_recipients set ${column} = 0
        where site_id = ${siteId} and address = ${address}`);
      return n > 0;
    },
    claim(key, o) {
      return db.writeTx(() => claimWork(key, o));
    },
    async markSent(key, owner, at) {
      const n = await db.exec(sql`update mail_log
        set status = 'sent', sent_at = ${at}, lease_owner = null, error = null
        where ${keyWhere(key)} and status = 'sending' and lease_owner = ${owner}`);
      return n > 0;
    },
    async markFailed(key, owner, error, retryAtMs) {
      const status = retryAtMs === null ? 'failed' : 'retry';
      const n = await db.exec(sql`update mail_log
        set status = ${status}, lease_until = ${retryAtMs ?? 0}, lease_owner = null,
          error = ${error.slice(0, 200)}
        where ${keyWhere(key)} and status = 'sending' and lease_owner = ${owner}`);
      return n > 0;
    },
    async statusOf(key) {
      const row = await db.get<{ status: string }>(
        sql`select status from mail_log where ${keyWhere(key)}`,
      );
      return row?.status as MailStatus | undefined;
    },
    async lastPeriodOf(siteId, kind, recipient) {
      const row = await db.get<{ period: string | null }>(sql`select max(period) as period
        from mail_log where site_id = ${siteId} and kind = ${kind} and recipient = ${recipient}`);
      return row?.period ?? undefined;
    },
    async dueAgain(nowMs, limit) {
      const rows = await db.all<LogRow>(sql`select ${logT.columns} from mail_log
        where status in ('sending', 'retry') and lease_until <= ${nowMs}
        order by lease_until limit ${limit}`);
      return rows.map(toLog);
    },
    async logOf(siteId, limit) {
      const rows = await db.all<LogRow>(sql`select ${logT.columns} from mail_log
        where site_id = ${siteId} order by created_at desc, ${db.bytewise('recipient')}
        limit ${limit}`);
      return rows.map(toLog);
    },
    async logRows(siteId) {
      const rows = await db.all<LogRow>(sql`select ${logT.columns} from mail_log
        where site_id = ${siteId} order by ${db.bytewise('kind')}, ${db.bytewise('period')},
          ${db.bytewise('recipient')}`);
      return rows.map(toLog);
    },
  };
}

/** Deletes a site's mail settings, recipients and send log (site-deletion.ts). */
export function* deleteSiteMail(siteId: number): Work<void> {
  yield* exec(sql`delete from mail_settings where site_id = ${siteId}`);
  yield* exec(sql`delete from mail_recipients where site_id = ${siteId}`);
  yield* exec(sql`delete from mail_log where site_id = ${siteId}`);
}
