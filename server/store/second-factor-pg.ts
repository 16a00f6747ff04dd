// SecondFactorRepo over PostgreSQL (postgres.js + drizzle); mirrors second-factor-sqlite.ts.
import { and, asc, count, eq, inArray, isNotNull, isNull, lt, lte, or } from 'drizzle-orm';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import * as t from '../../drizzle/schema/pg.js';
import type { SecondFactorRepo } from './second-factor.js';

type Db = PostgresJsDatabase<typeof t>;

export function createPgSecondFactorRepo(db: Db): SecondFactorRepo {
  return {
    async totp(userId) {
      const [row] = await db.select().from(t.userTotp).where(eq(t.userTotp.userId, userId));
      return row;
    },
    async putPendingTotp(userId, secret, at) {
      const fresh = { secret, createdAt: at, confirmedAt: null, lastUsedStep: null };
      const rows = await db
        .insert(t.userTotp)
        .values({ userId, ...fresh })
        .onConflictDoUpdate({
          target: t.userTotp.userId,
          set: fresh,
          setWhere: isNull(t.userTotp.confirmedAt),
        })
        .returning({ userId: t.userTotp.userId });
      return rows.length > 0;
    },
    async confirmTotp(userId, at, step) {
      const rows = await db
        .update(t.userTotp)
        .set({ confirmedAt: at, lastUsedStep: step })
        .where(and(eq(t.userTotp.userId, userId), isNull(t.userTotp.confirmedAt)))
        .returning({ userId: t.userTotp.userId });
      return rows.length > 0;
    },
    async useTotpStep(userId, step) {
      const fresh = or(isNull(t.userTotp.lastUsedStep), lt(t.userTotp.lastUsedStep, step));
      const rows = await db
        .update(t.userTotp)
        .set({ lastUsedStep: step })
        .where(and(eq(t.userTotp.userId, userId), isNotNull(t.userTotp.confirmedAt), fresh))
        .returning({ userId: t.userTotp.userId });
      return rows.length > 0;
    },
    async deleteTotp(userId) {
      const rows = await db
        .delete(t.userTotp)
        .where(eq(t.userTotp.userId, userId))
        .returning({ userId: t.userTotp.userId });
      return rows.length > 0;
    },

    async replaceRecoveryCodes(userId, codeHashes, at) {
      await db.transaction(async (tx) => {
        await tx.delete(t.recoveryCodes).where(eq(t.recoveryCodes.userId, userId));
        if (codeHashes.length === 0) return;
        await tx
          .insert(t.recoveryCodes)
          .values(codeHashes.map((codeHash) => ({ userId, codeHash, createdAt: at })));
      });
    },
    async useRecoveryCode(userId, codeHash, at) {
      const where = and(
        eq(t.recoveryCodes.userId, userId),
        eq(t.recoveryCodes.codeHash, codeHash),
        isNull(t.recoveryCodes.usedAt),
      );
      const rows = await db
        .update(t.recoveryCodes)
        .set({ usedAt: at })
        .where(where)
        .returning({ userId: t.recoveryCodes.userId });
      return rows.length > 0;
    },
    async recoveryCodesLeft(userId) {
      const where = and(eq(t.recoveryCodes.userId, userId), isNull(t.recoveryCodes.usedAt));
      const [row] = await db.select({ n: count() }).from(t.recoveryCodes).where(where);
      return Number(row?.n ?? 0);
    },
    async deleteRecoveryCodes(userId) {
      await db.delete(t.recoveryCodes).where(eq(t.recoveryCodes.userId, userId));
    },

    async passkeysOf(userId) {
      return db
        .select()
        .from(t.passkeys)
        .where(eq(t.passkeys.userId, userId))
        .orderBy(asc(t.passkeys.createdAt), asc(t.passkeys.id));
    },
    async passkey(id) {
      const [row] = await db.select().from(t.passkeys).where(eq(t.passkeys.id, id));
      return row;
    },
    async addPasskey(passkey) {
      await db.insert(t.passkeys).values(passkey);
    },
    async touchPasskey(id, counter, at) {
      await db.update(t.passkeys).set({ counter, lastUsedAt: at }).where(eq(t.passkeys.id, id));
    },
    async deletePasskey(userId, id) {
      const rows = await db
        .delete(t.passkeys)
        .where(and(eq(t.passkeys.userId, userId), eq(t.passkeys.id, id)))
        .returning({ id: t.passkeys.id });
      return rows.length > 0;
    },

    async createPendingLogin(pending) {
      await db.insert(t.pendingLogins).values(pending);
    },
    async pendingLogin(idHash) {
      const [row] = await db
        .select()
        .from(t.pendingLogins)
        .where(eq(t.pendingLogins.idHash, idHash));
      return row;
    },
    async deletePendingLogin(idHash) {
      await db.delete(t.pendingLogins).where(eq(t.pendingLogins.idHash, idHash));
    },
    async purgeExpired(now) {
      const a = await db
        .delete(t.pendingLogins)
        .where(lte(t.pendingLogins.expiresAt, now))
        .returning({ id: t.pendingLogins.idHash });
      const b = await db
        .delete(t.webauthnChallenges)
        .where(lte(t.webauthnChallenges.expiresAt, now))
        .returning({ id: t.webauthnChallenges.subject });
      return a.length + b.length;
    },

    async putChallenge(subject, challenge, expiresAt) {
      await db
        .insert(t.webauthnChallenges)
        .values({ subject, challenge, expiresAt })
        .onConflictDoUpdate({
          target: t.webauthnChallenges.subject,
          set: { challenge, expiresAt },
        });
    },
    async takeChallenge(subject, now) {
      const [row] = await db
        .delete(t.webauthnChallenges)
        .where(eq(t.webauthnChallenges.subject, subject))
        .returning();
      return row && row.expiresAt > now ? row.challenge : undefined;
    },

    async usersWithSecondFactor(userIds) {
      if (userIds.length === 0) return [];
      const totp = await db
        .select({ id: t.userTotp.userId })
        .from(t.userTotp)
        .where(and(inArray(t.userTotp.userId, userIds), isNotNull(t.userTotp.confirmedAt)));
      const keys = await db
        .selectDistinct({ id: t.passkeys.userId })
        .from(t.passkeys)
        .where(inArray(t.passkeys.userId, userIds));
      return [...new Set([...totp, ...keys].map((r) => r.id))].sort((a, b) => a - b);
    },

    async setOrgRequirement(orgId, required) {
      await db
        .update(t.orgs)
        .set({ requireSecondFactor: required ? 1 : 0 })
        .where(eq(t.orgs.id, orgId));
    },
    async orgRequirement(orgId) {
      const [row] = await db
        .select({ r: t.orgs.requireSecondFactor })
        .from(t.orgs)
        .where(eq(t.orgs.id, orgId));
      return row?.r === 1;
    },
    async requiringOrgsOf(userId) {
      const mine = db
        .select({ orgId: t.memberships.orgId })
        .from(t.memberships)
        .where(eq(t.memberships.userId, userId));
      const rows = await db
        .select({ id: t.orgs.id })
        .from(t.orgs)
        .where(and(eq(t.orgs.requireSecondFactor, 1), inArray(t.orgs.id, mine)))
        .orderBy(asc(t.orgs.id));
      return rows.map((r) => r.id);
    },
  };
}
