// AccountsRepo over PostgreSQL (postgres.js + drizzle): mirrors accounts-sqlite.ts method by method;
// the audit chain is serialised across nodes by a transaction-scoped advisory lock.
import { and, asc, count, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import * as t from '../../drizzle/schema/pg.js';
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
import { loginFailureUpdate } from './login-failure.js';
import { deleteSiteReplayPg } from './site-deletion-bridge.js';
import type { SiteRecord, SiteSettings } from './types.js';

type Db = PostgresJsDatabase<typeof t>;

/** pg_advisory_xact_lock key for audit appends ("audit" in ASCII). */
const auditLockKey = 0x6175646974;

function toSiteRecord(row: typeof t.sites.$inferSelect): SiteRecord {
  return { ...row, settings: JSON.parse(row.settings) as SiteSettings };
}

const toKey = (row: typeof t.apiKeys.$inferSelect): ApiKeyRecord => ({
  ...row,
  siteIds: parseSiteIds(row.siteIds),
});

export function createPgAccountsRepo(db: Db): AccountsRepo {
  type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
  const deleteSiteData = async (tx: Tx | Db, siteId: number) => {
    await tx.delete(t.dailyCounters).where(eq(t.dailyCounters.siteId, siteId));
    await tx.delete(t.hourlyCounters).where(eq(t.hourlyCounters.siteId, siteId));
    await tx.delete(t.sharedLinks).where(eq(t.sharedLinks.siteId, siteId));
    await deleteSiteReplayPg(tx, siteId);
    const gone = await tx
      .delete(t.sites)
      .where(eq(t.sites.id, siteId))
      .returning({ id: t.sites.id });
    return gone.length > 0;
  };
  const first = <T>(rows: T[]): T | undefined => rows[0];
  const one = <T>(rows: T[]): T => {
    if (rows[0] === undefined) throw new Error('expected one row');
    return rows[0];
  };

  return {
    async countUsers() {
      return first(await db.select({ n: sql<number>`count(*)::int` }).from(t.users))?.n ?? 0;
    },
    async createUser(email, passwordHash, now) {
      return toUserRecord(
        one(
          await db
            .insert(t.users)
            .values({ email, passwordHash, createdAt: now.toISOString() })
            .returning(),
        ),
      )!;
    },
    async userByEmail(email) {
      return toUserRecord(first(await db.select().from(t.users).where(eq(t.users.email, email))));
    },
    async userById(id) {
      return toUserRecord(first(await db.select().from(t.users).where(eq(t.users.id, id))));
    },
    async firstUser() {
      return toUserRecord(first(await db.select().from(t.users).orderBy(asc(t.users.id)).limit(1)));
    },
    async instanceAdmins() {
      const rows = await db
        .select({ id: t.users.id })
        .from(t.users)
        .where(eq(t.users.instanceAdmin, 1))
        .orderBy(asc(t.users.id));
      return rows.map((r) => r.id);
    },
    async setInstanceAdmin(userId, instanceAdmin) {
      await db
        .update(t.users)
        .set({ instanceAdmin: instanceAdmin ? 1 : 0 })
        .where(eq(t.users.id, userId));
    },
    async setPasswordHash(userId, passwordHash) {
      await db.update(t.users).set({ passwordHash }).where(eq(t.users.id, userId));
    },
    async setLoginFailures(userId, failedLogins, lockedUntil) {
      await db.update(t.users).set({ failedLogins, lockedUntil }).where(eq(t.users.id, userId));
    },
    async forgiveLoginAttempt(userId, lockedUntil) {
      const u = t.users;
      await db
        .update(u)
        .set({
          failedLogins: sql`CASE WHEN ${u.failedLogins} > 0 THEN ${u.failedLogins} - 1 ELSE 0 END`,
          lockedUntil:
            lockedUntil === null
              ? sql`${u.lockedUntil}`
              : sql`CASE WHEN ${u.lockedUntil} = ${lockedUntil} THEN NULL ELSE ${u.lockedUntil} END`,
        })
        .where(eq(u.id, userId));
    },
    async countLoginFailure(userId, now, rungs) {
      const rows = await db.execute<Record<string, unknown>>(
        loginFailureUpdate(userId, now, rungs),
      );
      const row = rows[0];
      return (
        row && {
          failedLogins: Number(row.failedLogins),
          lockedUntil: row.lockedUntil as string | null,
        }
      );
    },

    async createOrg(name, now) {
      return one(
        await db.insert(t.orgs).values({ name, createdAt: now.toISOString() }).returning(),
      );
    },
    async orgById(id) {
      return first(await db.select().from(t.orgs).where(eq(t.orgs.id, id)));
    },
    async orgByName(name) {
      return first(await db.select().from(t.orgs).where(eq(t.orgs.name, name)));
    },
    async deleteOrg(id) {
      await db.transaction(async (tx) => {
        const sites = await tx
          .select({ id: t.sites.id })
          .from(t.sites)
          .where(eq(t.sites.orgId, id));
        for (const s of sites) await deleteSiteData(tx, s.id);
        await tx.delete(t.memberships).where(eq(t.memberships.orgId, id));
        await tx.delete(t.invitations).where(eq(t.invitations.orgId, id));
        await tx.delete(t.orgs).where(eq(t.orgs.id, id));
      });
    },
    async membershipsOf(userId) {
      const rows = await db
        .select({ orgId: t.memberships.orgId, orgName: t.orgs.name, role: t.memberships.role })
        .from(t.memberships)
        .innerJoin(t.orgs, eq(t.orgs.id, t.memberships.orgId))
        .where(eq(t.memberships.userId, userId))
        .orderBy(asc(t.orgs.name));
      return rows.map((r) => ({ ...r, role: r.role as Role }));
    },
    async members(orgId) {
      const rows = await db
        .select({
          userId: t.memberships.userId,
          email: t.users.email,
          role: t.memberships.role,
          createdAt: t.memberships.createdAt,
        })
        .from(t.memberships)
        .innerJoin(t.users, eq(t.users.id, t.memberships.userId))
        .where(eq(t.memberships.orgId, orgId))
        .orderBy(asc(t.users.email));
      return rows.map((r) => ({ ...r, role: r.role as Role }));
    },
    async putMembership(orgId, userId, role, now) {
      await db
        .insert(t.memberships)
        .values({ orgId, userId, role, createdAt: now.toISOString() })
        .onConflictDoUpdate({ target: [t.memberships.orgId, t.memberships.userId], set: { role } });
    },
    async removeMembership(orgId, userId) {
      const where = and(eq(t.memberships.orgId, orgId), eq(t.memberships.userId, userId));
      const gone = await db
        .delete(t.memberships)
        .where(where)
        .returning({ id: t.memberships.userId });
      return gone.length > 0;
    },

    async createSession(session) {
      await db.insert(t.sessions).values(session);
    },
    async session(idHash) {
      return first(await db.select().from(t.sessions).where(eq(t.sessions.idHash, idHash)));
    },
    async touchSession(idHash, lastSeenAt) {
      await db.update(t.sessions).set({ lastSeenAt }).where(eq(t.sessions.idHash, idHash));
    },
    async deleteSession(idHash) {
      await db.delete(t.sessions).where(eq(t.sessions.idHash, idHash));
    },
    async deleteSessionsOf(userId) {
      await db.delete(t.sessions).where(eq(t.sessions.userId, userId));
    },

    async createInvitation(invitation) {
      await db.insert(t.invitations).values(invitation);
    },
    async invitationByHash(tokenHash) {
      const rows = await db
        .select()
        .from(t.invitations)
        .where(eq(t.invitations.tokenHash, tokenHash));
      return first(rows) as InvitationRecord | undefined;
    },
    async invitations(orgId) {
      return (await db
        .select()
        .from(t.invitations)
        .where(eq(t.invitations.orgId, orgId))
        .orderBy(asc(t.invitations.createdAt))) as InvitationRecord[];
    },
    async deleteInvitation(orgId, id) {
      const where = and(eq(t.invitations.orgId, orgId), eq(t.invitations.id, id));
      return (
        (await db.delete(t.invitations).where(where).returning({ id: t.invitations.id })).length > 0
      );
    },
    async markInvitationAccepted(id, at) {
      const where = and(eq(t.invitations.id, id), isNull(t.invitations.acceptedAt));
      const rows = await db
        .update(t.invitations)
        .set({ acceptedAt: at })
        .where(where)
        .returning({ id: t.invitations.id });
      return rows.length > 0;
    },

    async createApiKey(key) {
      await db.insert(t.apiKeys).values({ ...key, siteIds: JSON.stringify(key.siteIds) });
    },
    async apiKeyByHash(keyHash) {
      const row = first(await db.select().from(t.apiKeys).where(eq(t.apiKeys.keyHash, keyHash)));
      return row ? toKey(row) : undefined;
    },
    async apiKeysOf(userId) {
      const rows = await db
        .select()
        .from(t.apiKeys)
        .where(eq(t.apiKeys.userId, userId))
        .orderBy(asc(t.apiKeys.createdAt));
      return rows.map(toKey);
    },
    async revokeApiKey(userId, id, at) {
      const where = and(
        eq(t.apiKeys.userId, userId),
        eq(t.apiKeys.id, id),
        isNull(t.apiKeys.revokedAt),
      );
      const rows = await db
        .update(t.apiKeys)
        .set({ revokedAt: at })
        .where(where)
        .returning({ id: t.apiKeys.id });
      return rows.length > 0;
    },
    async touchApiKey(id, at) {
      await db.update(t.apiKeys).set({ lastUsedAt: at }).where(eq(t.apiKeys.id, id));
    },

    async createSharedLink(link) {
      await db.insert(t.sharedLinks).values(link);
    },
    async sharedLinkByHash(tokenHash) {
      return first(
        await db.select().from(t.sharedLinks).where(eq(t.sharedLinks.tokenHash, tokenHash)),
      ) as SharedLinkRecord | undefined;
    },
    async sharedLinks(siteId) {
      return db
        .select()
        .from(t.sharedLinks)
        .where(eq(t.sharedLinks.siteId, siteId))
        .orderBy(asc(t.sharedLinks.createdAt));
    },
    async revokeSharedLink(siteId, id, at) {
      const where = and(
        eq(t.sharedLinks.siteId, siteId),
        eq(t.sharedLinks.id, id),
        isNull(t.sharedLinks.revokedAt),
      );
      const rows = await db
        .update(t.sharedLinks)
        .set({ revokedAt: at })
        .where(where)
        .returning({ id: t.sharedLinks.id });
      return rows.length > 0;
    },

    async appendAudit(entry, hash) {
      return db.transaction(async (tx): Promise<AuditRow> => {
        // Every node appending takes this lock first, so the last row read below stays the last.
        await tx.execute(sql`select pg_advisory_xact_lock(${auditLockKey})`);
        const last = first(
          await tx
            .select({ hash: t.auditLog.hash })
            .from(t.auditLog)
            .orderBy(desc(t.auditLog.id))
            .limit(1),
        );
        const prevHash = last?.hash ?? auditGenesis;
        return one(
          await tx
            .insert(t.auditLog)
            .values({ ...entry, prevHash, hash: hash(prevHash, entry) })
            .returning(),
        );
      });
    },
    async auditHead(atId) {
      // Under the append lock, so the count and the rows describe the same chain.
      return db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(${auditLockKey})`);
        const rows = Number(first(await tx.select({ n: count() }).from(t.auditLog))?.n ?? 0);
        const last = first(
          await tx.select().from(t.auditLog).orderBy(desc(t.auditLog.id)).limit(1),
        );
        const at =
          atId === undefined
            ? undefined
            : first(await tx.select().from(t.auditLog).where(eq(t.auditLog.id, atId)));
        return { rows, last, at };
      });
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
      return (where ? q.where(where) : q).orderBy(asc(t.auditLog.id));
    },

    async siteById(id) {
      const row = first(await db.select().from(t.sites).where(eq(t.sites.id, id)));
      return row ? toSiteRecord(row) : undefined;
    },
    async sitesOfOrg(orgId) {
      const rows = await db
        .select()
        .from(t.sites)
        .where(eq(t.sites.orgId, orgId))
        .orderBy(asc(t.sites.domain));
      return rows.map(toSiteRecord);
    },
    async createSite(site, orgId, now) {
      const row = one(
        await db
          .insert(t.sites)
          .values({
            domain: site.domain,
            name: site.name ?? site.domain,
            timezone: site.timezone,
            settings: JSON.stringify(site.settings ?? {}),
            createdAt: now.toISOString(),
            orgId,
          })
          .returning(),
      );
      return toSiteRecord(row);
    },
    async updateSite(id, patch) {
      const set = {
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.timezone !== undefined && { timezone: patch.timezone }),
        ...(patch.settings !== undefined && { settings: JSON.stringify(patch.settings) }),
      };
      if (Object.keys(set).length > 0) await db.update(t.sites).set(set).where(eq(t.sites.id, id));
      const row = first(await db.select().from(t.sites).where(eq(t.sites.id, id)));
      return row ? toSiteRecord(row) : undefined;
    },
    async deleteSite(id) {
      return db.transaction((tx) => deleteSiteData(tx, id));
    },
    async adoptOrphanSites(orgId) {
      const rows = await db
        .update(t.sites)
        .set({ orgId })
        .where(isNull(t.sites.orgId))
        .returning({ id: t.sites.id });
      return rows.length;
    },
    async purgeCounters(siteId, beforeDay, beforeHour) {
      return db.transaction(async (tx) => {
        const daily = await tx
          .delete(t.dailyCounters)
          .where(and(eq(t.dailyCounters.siteId, siteId), lt(t.dailyCounters.day, beforeDay)))
          .returning({ day: t.dailyCounters.day });
        const hourly = await tx
          .delete(t.hourlyCounters)
          .where(and(eq(t.hourlyCounters.siteId, siteId), lt(t.hourlyCounters.hour, beforeHour)))
          .returning({ hour: t.hourlyCounters.hour });
        return daily.length + hourly.length;
      });
    },
  };
}
