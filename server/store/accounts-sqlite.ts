// AccountsRepo over SQLite (better-sqlite3 + drizzle): synchronous calls, multi-step writes in one
// synchronous transaction so nothing else on the connection can interleave.
import type Database from 'better-sqlite3';
import { and, asc, count, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import * as t from '../../drizzle/schema/sqlite.js';
import {
  auditGenesis,
  toUserRecord,
  parseSiteIds,
  type AccountsRepo,
  type ApiKeyRecord,
  type AuditRow,
  type InvitationRecord,
  type Role,
  type SharedLinkRecord,
} from './accounts.js';
import { loginFailureUpdate, type LoginFailureCount } from './login-failure.js';
import { deleteSiteReplaySqlite } from './site-deletion-bridge.js';
import type { SiteRecord, SiteSettings } from './types.js';

type Db = BetterSQLite3Database<typeof t>;

export function toSiteRecord(row: typeof t.sites.$inferSelect): SiteRecord {
  return { ...row, settings: JSON.parse(row.settings) as SiteSettings };
}

const toKey = (row: typeof t.apiKeys.$inferSelect): ApiKeyRecord => ({
  ...row,
  siteIds: parseSiteIds(row.siteIds),
});

export function createSqliteAccountsRepo(sqlite: Database.Database, db: Db): AccountsRepo {
  const deleteSiteData = (siteId: number) => {
    db.delete(t.dailyCounters).where(eq(t.dailyCounters.siteId, siteId)).run();
    db.delete(t.hourlyCounters).where(eq(t.hourlyCounters.siteId, siteId)).run();
    db.delete(t.sharedLinks).where(eq(t.sharedLinks.siteId, siteId)).run();
    deleteSiteReplaySqlite(db, siteId);
    return db.delete(t.sites).where(eq(t.sites.id, siteId)).run().changes > 0;
  };

  return {
    async countUsers() {
      return (
        db
          .select({ n: sql<number>`count(*)` })
          .from(t.users)
          .get()?.n ?? 0
      );
    },
    async createUser(email, passwordHash, now) {
      return toUserRecord(
        db
          .insert(t.users)
          .values({ email, passwordHash, createdAt: now.toISOString() })
          .returning()
          .get(),
      )!;
    },
    async userByEmail(email) {
      return toUserRecord(db.select().from(t.users).where(eq(t.users.email, email)).get());
    },
    async userById(id) {
      return toUserRecord(db.select().from(t.users).where(eq(t.users.id, id)).get());
    },
    async firstUser() {
      return toUserRecord(db.select().from(t.users).orderBy(asc(t.users.id)).limit(1).get());
    },
    async instanceAdmins() {
      return db
        .select({ id: t.users.id })
        .from(t.users)
        .where(eq(t.users.instanceAdmin, 1))
        .orderBy(asc(t.users.id))
        .all()
        .map((r) => r.id);
    },
    async setInstanceAdmin(userId, instanceAdmin) {
      db.update(t.users)
        .set({ instanceAdmin: instanceAdmin ? 1 : 0 })
        .where(eq(t.users.id, userId))
        .run();
    },
    async setPasswordHash(userId, passwordHash) {
      db.update(t.users).set({ passwordHash }).where(eq(t.users.id, userId)).run();
    },
    async setLoginFailures(userId, failedLogins, lockedUntil) {
      db.update(t.users).set({ failedLogins, lockedUntil }).where(eq(t.users.id, userId)).run();
    },
    async forgiveLoginAttempt(userId, lockedUntil) {
      const u = t.users;
      db.update(u)
        .set({
          failedLogins: sql`CASE WHEN ${u.failedLogins} > 0 THEN ${u.failedLogins} - 1 ELSE 0 END`,
          lockedUntil:
            lockedUntil === null
              ? sql`${u.lockedUntil}`
              : sql`CASE WHEN ${u.lockedUntil} = ${lockedUntil} THEN NULL ELSE ${u.lockedUntil} END`,
        })
        .where(eq(u.id, userId))
        .run();
    },
    async countLoginFailure(userId, now, rungs) {
      return db.get<LoginFailureCount | undefined>(loginFailureUpdate(userId, now, rungs));
    },

    async createOrg(name, now) {
      return db.insert(t.orgs).values({ name, createdAt: now.toISOString() }).returning().get();
    },
    async orgById(id) {
      return db.select().from(t.orgs).where(eq(t.orgs.id, id)).get();
    },
    async orgByName(name) {
      return db.select().from(t.orgs).where(eq(t.orgs.name, name)).get();
    },
    async deleteOrg(id) {
      sqlite.transaction(() => {
        const sites = db
          .select({ id: t.sites.id })
          .from(t.sites)
          .where(eq(t.sites.orgId, id))
          .all();
        for (const s of sites) deleteSiteData(s.id);
        db.delete(t.memberships).where(eq(t.memberships.orgId, id)).run();
        db.delete(t.invitations).where(eq(t.invitations.orgId, id)).run();
        db.delete(t.orgs).where(eq(t.orgs.id, id)).run();
      })();
    },
    async membershipsOf(userId) {
      const rows = db
        .select({ orgId: t.memberships.orgId, orgName: t.orgs.name, role: t.memberships.role })
        .from(t.memberships)
        .innerJoin(t.orgs, eq(t.orgs.id, t.memberships.orgId))
        .where(eq(t.memberships.userId, userId))
        .orderBy(asc(t.orgs.name))
        .all();
      return rows.map((r) => ({ ...r, role: r.role as Role }));
    },
    async members(orgId) {
      const rows = db
        .select({
          userId: t.memberships.userId,
          email: t.users.email,
          role: t.memberships.role,
          createdAt: t.memberships.createdAt,
        })
        .from(t.memberships)
        .innerJoin(t.users, eq(t.users.id, t.memberships.userId))
        .where(eq(t.memberships.orgId, orgId))
        .orderBy(asc(t.users.email))
        .all();
      return rows.map((r) => ({ ...r, role: r.role as Role }));
    },
    async putMembership(orgId, userId, role, now) {
      db.insert(t.memberships)
        .values({ orgId, userId, role, createdAt: now.toISOString() })
        .onConflictDoUpdate({ target: [t.memberships.orgId, t.memberships.userId], set: { role } })
        .run();
    },
    async removeMembership(orgId, userId) {
      const where = and(eq(t.memberships.orgId, orgId), eq(t.memberships.userId, userId));
      return db.delete(t.memberships).where(where).run().changes > 0;
    },

    async createSession(session) {
      db.insert(t.sessions).values(session).run();
    },
    async session(idHash) {
      return db.select().from(t.sessions).where(eq(t.sessions.idHash, idHash)).get();
    },
    async touchSession(idHash, lastSeenAt) {
      db.update(t.sessions).set({ lastSeenAt }).where(eq(t.sessions.idHash, idHash)).run();
    },
    async deleteSession(idHash) {
      db.delete(t.sessions).where(eq(t.sessions.idHash, idHash)).run();
    },
    async deleteSessionsOf(userId) {
      db.delete(t.sessions).where(eq(t.sessions.userId, userId)).run();
    },

    async createInvitation(invitation) {
      db.insert(t.invitations).values(invitation).run();
    },
    async invitationByHash(tokenHash) {
      const row = db
        .select()
        .from(t.invitations)
        .where(eq(t.invitations.tokenHash, tokenHash))
        .get();
      return row as InvitationRecord | undefined;
    },
    async invitations(orgId) {
      return db
        .select()
        .from(t.invitations)
        .where(eq(t.invitations.orgId, orgId))
        .orderBy(asc(t.invitations.createdAt))
        .all() as InvitationRecord[];
    },
    async deleteInvitation(orgId, id) {
      const where = and(eq(t.invitations.orgId, orgId), eq(t.invitations.id, id));
      return db.delete(t.invitations).where(where).run().changes > 0;
    },
    async markInvitationAccepted(id, at) {
      const where = and(eq(t.invitations.id, id), isNull(t.invitations.acceptedAt));
      return db.update(t.invitations).set({ acceptedAt: at }).where(where).run().changes > 0;
    },

    async createApiKey(key) {
      db.insert(t.apiKeys)
        .values({ ...key, siteIds: JSON.stringify(key.siteIds) })
        .run();
    },
    async apiKeyByHash(keyHash) {
      const row = db.select().from(t.apiKeys).where(eq(t.apiKeys.keyHash, keyHash)).get();
      return row ? toKey(row) : undefined;
    },
    async apiKeysOf(userId) {
      return db
        .select()
        .from(t.apiKeys)
        .where(eq(t.apiKeys.userId, userId))
        .orderBy(asc(t.apiKeys.createdAt))
        .all()
        .map(toKey);
    },
    async revokeApiKey(userId, id, at) {
      const where = and(
        eq(t.apiKeys.userId, userId),
        eq(t.apiKeys.id, id),
        isNull(t.apiKeys.revokedAt),
      );
      return db.update(t.apiKeys).set({ revokedAt: at }).where(where).run().changes > 0;
    },
    async touchApiKey(id, at) {
      db.update(t.apiKeys).set({ lastUsedAt: at }).where(eq(t.apiKeys.id, id)).run();
    },

    async createSharedLink(link) {
      db.insert(t.sharedLinks).values(link).run();
    },
    async sharedLinkByHash(tokenHash) {
      return db.select().from(t.sharedLinks).where(eq(t.sharedLinks.tokenHash, tokenHash)).get() as
        SharedLinkRecord | undefined;
    },
    async sharedLinks(siteId) {
      return db
        .select()
        .from(t.sharedLinks)
        .where(eq(t.sharedLinks.siteId, siteId))
        .orderBy(asc(t.sharedLinks.createdAt))
        .all();
    },
    async revokeSharedLink(siteId, id, at) {
      const where = and(
        eq(t.sharedLinks.siteId, siteId),
        eq(t.sharedLinks.id, id),
        isNull(t.sharedLinks.revokedAt),
      );
      return db.update(t.sharedLinks).set({ revokedAt: at }).where(where).run().changes > 0;
    },

    async appendAudit(entry, hash) {
      // IMMEDIATE takes the write lock before reading the last hash: other processes (the CLI) wait.
      return sqlite
        .transaction((): AuditRow => {
          const last = db
            .select({ hash: t.auditLog.hash })
            .from(t.auditLog)
            .orderBy(desc(t.auditLog.id))
            .limit(1)
            .get();
          const prevHash = last?.hash ?? auditGenesis;
          return db
            .insert(t.auditLog)
            .values({ ...entry, prevHash, hash: hash(prevHash, entry) })
            .returning()
            .get();
        })
        .immediate();
    },
    async auditHead(atId) {
      // One read transaction, so the count and the rows describe the same chain.
      return sqlite.transaction(() => {
        const rows = db.select({ n: count() }).from(t.auditLog).get()?.n ?? 0;
        const last = db.select().from(t.auditLog).orderBy(desc(t.auditLog.id)).limit(1).get();
        const at =
          atId === undefined
            ? undefined
            : db.select().from(t.auditLog).where(eq(t.auditLog.id, atId)).get();
        return { rows, last, at };
      })();
    },
    async auditRows(filter) {
      const q = db.select().from(t.auditLog);
      const where =
        filter &&
        or(
          eq(t.auditLog.orgId, filter.orgId),
          and(
            isNull(t.auditLog.orgId),
            inArray(t.auditLog.target, filter.userTargets),
            inArray(t.auditLog.action, [...filter.personalActions]),
          ),
        );
      return (where ? q.where(where) : q).orderBy(asc(t.auditLog.id)).all();
    },

    async siteById(id) {
      const row = db.select().from(t.sites).where(eq(t.sites.id, id)).get();
      return row ? toSiteRecord(row) : undefined;
    },
    async sitesOfOrg(orgId) {
      return db
        .select()
        .from(t.sites)
        .where(eq(t.sites.orgId, orgId))
        .orderBy(asc(t.sites.domain))
        .all()
        .map(toSiteRecord);
    },
    async createSite(site, orgId, now) {
      const row = db
        .insert(t.sites)
        .values({
          domain: site.domain,
          name: site.name ?? site.domain,
          timezone: site.timezone,
          settings: JSON.stringify(site.settings ?? {}),
          createdAt: now.toISOString(),
          orgId,
        })
        .returning()
        .get();
      return toSiteRecord(row);
    },
    async updateSite(id, patch) {
      const set = {
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.timezone !== undefined && { timezone: patch.timezone }),
        ...(patch.settings !== undefined && { settings: JSON.stringify(patch.settings) }),
      };
      if (Object.keys(set).length > 0) db.update(t.sites).set(set).where(eq(t.sites.id, id)).run();
      const row = db.select().from(t.sites).where(eq(t.sites.id, id)).get();
      return row ? toSiteRecord(row) : undefined;
    },
    async deleteSite(id) {
      return sqlite.transaction(() => deleteSiteData(id))();
    },
    async adoptOrphanSites(orgId) {
      return db.update(t.sites).set({ orgId }).where(isNull(t.sites.orgId)).run().changes;
    },
    async purgeCounters(siteId, beforeDay, beforeHour) {
      return sqlite.transaction(() => {
        const daily = db
          .delete(t.dailyCounters)
          .where(and(eq(t.dailyCounters.siteId, siteId), lt(t.dailyCounters.day, beforeDay)))
          .run().changes;
        const hourly = db
          .delete(t.hourlyCounters)
          .where(and(eq(t.hourlyCounters.siteId, siteId), lt(t.hourlyCounters.hour, beforeHour)))
          .run().changes;
        return daily + hourly;
      })();
    },
  };
}
