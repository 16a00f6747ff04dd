// AccountsRepo, written once for SQLite and PostgreSQL (db.ts). Multi-statement writes are units of
// work in one transaction; the audit chain is serialised across PostgreSQL nodes by an advisory lock
// (a SQLite transaction already holds the only write lock).
import { sql, type SQL } from 'drizzle-orm';
import * as schema from '../../drizzle/schema/sqlite.js';
import {
  auditGenesis,
  parseSiteIds,
  toUserRecord,
  type AccountsRepo,
  type ApiKeyRecord,
  type AuditRow,
  type InvitationRecord,
  type MemberRecord,
  type MembershipRecord,
  type OrgRecord,
  type SessionRecord,
  type SharedLinkRecord,
} from './accounts.js';
import { all, exec, get, inList, type Db } from './db.js';
import { loginFailureUpdate, type LoginFailureCount } from './login-failure.js';
import { dayBefore } from './rollup-blocks.js';
import { invalidateRollups, siteLock } from './rollups-store.js';
import { deleteSiteData } from './site-deletion.js';
import { table } from './tables.js';
import type { SiteRecord, SiteSettings } from './types.js';

const usersT = table(schema.users);
const orgsT = table(schema.orgs);
const membershipsT = table(schema.memberships);
const sessionsT = table(schema.sessions);
const invitationsT = table(schema.invitations);
const apiKeysT = table(schema.apiKeys);
const sharedLinksT = table(schema.sharedLinks);
const auditT = table(schema.auditLog);
const sitesT = table(schema.sites);

type UserRow = typeof schema.users.$inferSelect;
type KeyRow = typeof schema.apiKeys.$inferSelect;
type SiteRow = typeof schema.sites.$inferSelect;

/** pg_advisory_xact_lock key for audit appends ("audit" in ASCII). */
const auditLockKey = 0x6175646974;
const auditLock = sql`select pg_advisory_xact_lock(${auditLockKey})`;

export function toSiteRecord(row: SiteRow): SiteRecord {
  return { ...row, settings: JSON.parse(row.settings) as SiteSettings };
}

const toKey = (row: KeyRow): ApiKeyRecord => ({
  ...row,
  siteIds: parseSiteIds(row.siteIds),
  plausibleCompat: row.plausibleCompat === 1,
});

export function accountsRepo(db: Db): AccountsRepo {
  const user = async (where: SQL) =>
    toUserRecord(await db.get<UserRow>(sql`select ${usersT.columns} from users ${where}`));
  const site = async (id: number) => {
    const row = await db.get<SiteRow>(sql`select ${sitesT.columns} from sites where id = ${id}`);
    return row && toSiteRecord(row);
  };

  return {
    async countUsers() {
      return (await db.get<{ n: number }>(sql`select count(*) as n from users`))?.n ?? 0;
    },
    async createUser(email, passwordHash, now) {
      const row = await db.get<UserRow>(
        sql`${usersT.insert([
          { email, passwordHash, createdAt: now.toISOString() },
        ])} returning ${usersT.columns}`,
      );
      return toUserRecord(row)!;
    },
    userByEmail: (email) => user(sql`where email = ${email}`),
    userById: (id) => user(sql`where id = ${id}`),
    firstUser: () => user(sql`order by id limit 1`),
    async instanceAdmins() {
      const rows = await db.all<{ id: number }>(
        sql`select id from users where instance_admin = 1 order by id`,
      );
      return rows.map((r) => r.id);
    },
    async setInstanceAdmin(userId, instanceAdmin) {
      await db.exec(
        sql`update users set instance_admin = ${instanceAdmin ? 1 : 0} where id = ${userId}`,
      );
    },
    async setLocale(userId, locale) {
      await db.exec(sql`update users set locale = ${locale} where id = ${userId}`);
    },
    async setPasswordHash(userId, passwordHash) {
      await db.exec(sql`update users set password_hash = ${passwordHash} where id = ${userId}`);
    },
    async setLoginFailures(userId, failedLogins, lockedUntil) {
      await db.exec(sql`update users set ${usersT.set({ failedLogins, lockedUntil })}
        where id = ${userId}`);
    },
    async forgiveLoginAttempt(userId, lockedUntil) {
      const lock =
        lockedUntil === null
          ? sql`locked_until`
          : sql`case when locked_until = ${lockedUntil} then null else locked_until end`;
      await db.exec(sql`update users
        set failed_logins = case when failed_logins > 0 then failed_logins - 1 else 0 end,
          locked_until = ${lock}
        where id = ${userId}`);
    },
    countLoginFailure(userId, now, rungs) {
      return db.get<LoginFailureCount>(loginFailureUpdate(userId, now, rungs));
    },

    async createOrg(name, now) {
      const row = await db.get<OrgRecord>(
        sql`${orgsT.insert([{ name, createdAt: now.toISOString() }])} returning ${orgsT.columns}`,
      );
      return row!;
    },
    orgById(id) {
      return db.get<OrgRecord>(sql`select ${orgsT.columns} from orgs where id = ${id}`);
    },
    orgByName(name) {
      return db.get<OrgRecord>(sql`select ${orgsT.columns} from orgs where name = ${name}`);
    },
    listOrgs() {
      return db.all<OrgRecord>(sql`select ${orgsT.columns} from orgs order by id`);
    },
    async deleteOrg(id) {
      await db.tx(function* () {
        const sites = yield* all<{ id: number }>(sql`select id from sites where org_id = ${id}`);
        for (const s of sites) yield* deleteSiteData(s.id);
        yield* exec(sql`delete from memberships where org_id = ${id}`);
        yield* exec(sql`delete from invitations where org_id = ${id}`);
        yield* exec(sql`delete from annotations where org_id = ${id}`);
        yield* exec(sql`delete from orgs where id = ${id}`);
      });
    },
    membershipsOf(userId) {
      return db.all<MembershipRecord>(sql`select m.org_id as "orgId", o.name as "orgName", m.role
        from memberships m inner join orgs o on o.id = m.org_id
        where m.user_id = ${userId} order by o.name`);
    },
    members(orgId) {
      return db.all<MemberRecord>(sql`select m.user_id as "userId", u.email, m.role,
          m.created_at as "createdAt"
        from memberships m inner join users u on u.id = m.user_id
        where m.org_id = ${orgId} order by u.email`);
    },
    async putMembership(orgId, userId, role, now) {
      await db.exec(
        sql`${membershipsT.insert([
          { orgId, userId, role, createdAt: now.toISOString() },
        ])} on conflict (org_id, user_id) do update set role = excluded.role`,
      );
    },
    async removeMembership(orgId, userId) {
      const changed = await db.exec(
        sql`delete from memberships where org_id = ${orgId} and user_id = ${userId}`,
      );
      return changed > 0;
    },

    async createSession(session) {
      await db.exec(sessionsT.insert([session]));
    },
    session(idHash) {
      return db.get<SessionRecord>(
        sql`select ${sessionsT.columns} from sessions where id_hash = ${idHash}`,
      );
    },
    async touchSession(idHash, lastSeenAt) {
      await db.exec(
        sql`update sessions set last_seen_at = ${lastSeenAt} where id_hash = ${idHash}`,
      );
    },
    async deleteSession(idHash) {
      await db.exec(sql`delete from sessions where id_hash = ${idHash}`);
    },
    async deleteSessionsOf(userId) {
      await db.exec(sql`delete from sessions where user_id = ${userId}`);
    },

    async createInvitation(invitation) {
      await db.exec(invitationsT.insert([invitation]));
    },
    invitationByHash(tokenHash) {
      return db.get<InvitationRecord>(
        sql`select ${invitationsT.columns} from invitations where token_hash = ${tokenHash}`,
      );
    },
    invitations(orgId) {
      return db.all<InvitationRecord>(sql`select ${invitationsT.columns} from invitations
        where org_id = ${orgId} order by created_at`);
    },
    async deleteInvitation(orgId, id) {
      const changed = await db.exec(
        sql`delete from invitations where org_id = ${orgId} and id = ${id}`,
      );
      return changed > 0;
    },
    async markInvitationAccepted(id, at) {
      const changed = await db.exec(sql`update invitations set accepted_at = ${at}
        where id = ${id} and accepted_at is null`);
      return changed > 0;
    },

    async createApiKey(key) {
      await db.exec(
        apiKeysT.insert([
          {
            ...key,
            siteIds: JSON.stringify(key.siteIds),
            plausibleCompat: key.plausibleCompat ? 1 : 0,
          },
        ]),
      );
    },
    async apiKeyByHash(keyHash) {
      const row = await db.get<KeyRow>(
        sql`select ${apiKeysT.columns} from api_keys where key_hash = ${keyHash}`,
      );
      return row && toKey(row);
    },
    async apiKeysOf(userId) {
      const rows = await db.all<KeyRow>(sql`select ${apiKeysT.columns} from api_keys
        where user_id = ${userId} order by created_at`);
      return rows.map(toKey);
    },
    async revokeApiKey(userId, id, at) {
      const changed = await db.exec(sql`update api_keys set revoked_at = ${at}
        where user_id = ${userId} and id = ${id} and revoked_at is null`);
      return changed > 0;
    },
    async setApiKeyCompat(userId, id, on) {
      const changed = await db.exec(sql`update api_keys set plausible_compat = ${on ? 1 : 0}
        where user_id = ${userId} and id = ${id} and revoked_at is null`);
      return changed > 0;
    },
    async touchApiKey(id, at) {
      await db.exec(sql`update api_keys set last_used_at = ${at} where id = ${id}`);
    },

    async createSharedLink(link) {
      await db.exec(sharedLinksT.insert([link]));
    },
    sharedLinkByHash(tokenHash) {
      return db.get<SharedLinkRecord>(
        sql`select ${sharedLinksT.columns} from shared_links where token_hash = ${tokenHash}`,
      );
    },
    sharedLinks(siteId) {
      return db.all<SharedLinkRecord>(sql`select ${sharedLinksT.columns} from shared_links
        where site_id = ${siteId} order by created_at`);
    },
    sharedLinkById(siteId, id) {
      return db.get<SharedLinkRecord>(sql`select ${sharedLinksT.columns} from shared_links
        where site_id = ${siteId} and id = ${id}`);
    },
    async updateSharedLinkBranding(siteId, id, branding) {
      const changed = await db.exec(
        sql`update shared_links set ${sharedLinksT.set({
          logoUrl: branding.logoUrl ?? null,
          accent: branding.accent ?? null,
          frameAncestors: branding.frameAncestors ?? null,
        })} where site_id = ${siteId} and id = ${id} and revoked_at is null`,
      );
      return changed > 0;
    },
    async revokeSharedLink(siteId, id, at) {
      const changed = await db.exec(sql`update shared_links set revoked_at = ${at}
        where site_id = ${siteId} and id = ${id} and revoked_at is null`);
      return changed > 0;
    },

    appendAudit(entry, hash) {
      return db.writeTx(function* () {
        // Every node appending takes this lock first, so the last row read below stays the last.
        yield* db.pgOnly(auditLock);
        const last = yield* get<{ hash: string }>(
          sql`select hash from audit_log order by id desc limit 1`,
        );
        const prevHash = last?.hash ?? auditGenesis;
        const row = yield* get<AuditRow>(
          sql`${auditT.insert([
            { ...entry, prevHash, hash: hash(prevHash, entry) },
          ])} returning ${auditT.columns}`,
        );
        return row!;
      });
    },
    auditHead(atId) {
      // One transaction (under the append lock on PostgreSQL), so the count and the rows describe
      // the same chain.
      return db.tx(function* () {
        yield* db.pgOnly(auditLock);
        const count = yield* get<{ n: number }>(sql`select count(*) as n from audit_log`);
        const last = yield* get<AuditRow>(
          sql`select ${auditT.columns} from audit_log order by id desc limit 1`,
        );
        const at =
          atId === undefined
            ? undefined
            : yield* get<AuditRow>(sql`select ${auditT.columns} from audit_log where id = ${atId}`);
        return { rows: count?.n ?? 0, last, at };
      });
    },
    auditRows(filter) {
      const where = filter
        ? sql`where org_id = ${filter.orgId} or (org_id is null
            and ${inList(sql`target`, filter.userTargets)}
            and ${inList(sql`action`, filter.personalActions)})`
        : sql``;
      return db.all<AuditRow>(sql`select ${auditT.columns} from audit_log ${where} order by id`);
    },

    siteById: site,
    async sitesOfOrg(orgId) {
      const rows = await db.all<SiteRow>(sql`select ${sitesT.columns} from sites
        where org_id = ${orgId} order by domain`);
      return rows.map(toSiteRecord);
    },
    async createSite(newSite, orgId, now) {
      const row = await db.get<SiteRow>(
        sql`${sitesT.insert([
          {
            domain: newSite.domain,
            name: newSite.name ?? newSite.domain,
            timezone: newSite.timezone,
            settings: JSON.stringify(newSite.settings ?? {}),
            createdAt: now.toISOString(),
            orgId,
          },
        ])} returning ${sitesT.columns}`,
      );
      return toSiteRecord(row!);
    },
    async updateSite(id, patch) {
      const { name, timezone, settings } = patch;
      if (name === undefined && timezone === undefined && settings === undefined) return site(id);
      const set = sitesT.set({
        name,
        timezone,
        settings: settings === undefined ? undefined : JSON.stringify(settings),
      });
      const row = await db.get<SiteRow>(
        sql`update sites set ${set} where id = ${id} returning ${sitesT.columns}`,
      );
      return row && toSiteRecord(row);
    },
    deleteSite(id) {
      return db.tx(() => deleteSiteData(id));
    },
    adoptOrphanSites(orgId) {
      return db.exec(sql`update sites set org_id = ${orgId} where org_id is null`);
    },
    purgeCounters(siteId, beforeDay, beforeHour) {
      return db.tx(function* () {
        yield* siteLock(db, siteId);
        const daily = yield* exec(
          sql`delete from daily_counters where site_id = ${siteId} and day < ${beforeDay}`,
        );
        // Every block reaching before the cutoff (the job rebuilds those that straddle it).
        yield* invalidateRollups(siteId, '0000-01-01', dayBefore(beforeDay));
        const hourly = yield* exec(
          sql`delete from hourly_counters where site_id = ${siteId} and hour < ${beforeHour}`,
        );
        const revenue = yield* exec(
          sql`delete from revenue_counters where site_id = ${siteId} and day < ${beforeDay}`,
        );
        // What imports added there went with the counters: their ledgers follow (so that removing
        // an import, or leaving imports out of a report, never subtracts what is no longer there).
        yield* exec(sql`delete from import_daily where site_id = ${siteId} and day < ${beforeDay}`);
        yield* exec(
          sql`delete from import_hourly where site_id = ${siteId} and hour < ${beforeHour}`,
        );
        yield* exec(
          sql`delete from import_revenue where site_id = ${siteId} and day < ${beforeDay}`,
        );
        return daily + hourly + revenue;
      });
    },
  };
}
