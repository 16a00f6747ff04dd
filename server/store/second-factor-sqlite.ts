// SecondFactorRepo over SQLite (better-sqlite3 + drizzle); mirrors second-factor-pg.ts.
import { and, asc, count, eq, inArray, isNotNull, isNull, lt, lte, or } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import * as t from '../../drizzle/schema/sqlite.js';
import type { SecondFactorRepo } from './second-factor.js';

type Db = BetterSQLite3Database<typeof t>;

export function createSqliteSecondFactorRepo(db: Db): SecondFactorRepo {
  return {
    async totp(userId) {
      return db.select().from(t.userTotp).where(eq(t.userTotp.userId, userId)).get();
    },
    async putPendingTotp(userId, secret, at) {
      const fresh = { secret, createdAt: at, confirmedAt: null, lastUsedStep: null };
      return (
        db
          .insert(t.userTotp)
          .values({ userId, ...fresh })
          .onConflictDoUpdate({
            target: t.userTotp.userId,
            set: fresh,
            setWhere: isNull(t.userTotp.confirmedAt),
          })
          .run().changes > 0
      );
    },
    async confirmTotp(userId, at, step) {
      return (
        db
          .update(t.userTotp)
          .set({ confirmedAt: at, lastUsedStep: step })
          .where(and(eq(t.userTotp.userId, userId), isNull(t.userTotp.confirmedAt)))
          .run().changes > 0
      );
    },
    async useTotpStep(userId, step) {
      const fresh = or(isNull(t.userTotp.lastUsedStep), lt(t.userTotp.lastUsedStep, step));
      return (
        db
          .update(t.userTotp)
          .set({ lastUsedStep: step })
          .where(and(eq(t.userTotp.userId, userId), isNotNull(t.userTotp.confirmedAt), fresh))
          .run().changes > 0
      );
    },
    async deleteTotp(userId) {
      return db.delete(t.userTotp).where(eq(t.userTotp.userId, userId)).run().changes > 0;
    },

    async replaceRecoveryCodes(userId, codeHashes, at) {
      db.transaction((tx) => {
        tx.delete(t.recoveryCodes).where(eq(t.recoveryCodes.userId, userId)).run();
        if (codeHashes.length === 0) return;
        tx.insert(t.recoveryCodes)
          .values(codeHashes.map((codeHash) => ({ userId, codeHash, createdAt: at })))
          .run();
      });
    },
    async useRecoveryCode(userId, codeHash, at) {
      const where = and(
        eq(t.recoveryCodes.userId, userId),
        eq(t.recoveryCodes.codeHash, codeHash),
        isNull(t.recoveryCodes.usedAt),
      );
      return db.update(t.recoveryCodes).set({ usedAt: at }).where(where).run().changes > 0;
    },
    async recoveryCodesLeft(userId) {
      const where = and(eq(t.recoveryCodes.userId, userId), isNull(t.recoveryCodes.usedAt));
      return db.select({ n: count() }).from(t.recoveryCodes).where(where).get()?.n ?? 0;
    },
    async deleteRecoveryCodes(userId) {
      db.delete(t.recoveryCodes).where(eq(t.recoveryCodes.userId, userId)).run();
    },

    async passkeysOf(userId) {
      return db
        .select()
        .from(t.passkeys)
        .where(eq(t.passkeys.userId, userId))
        .orderBy(asc(t.passkeys.createdAt), asc(t.passkeys.id))
        .all();
    },
    async passkey(id) {
      return db.select().from(t.passkeys).where(eq(t.passkeys.id, id)).get();
    },
    async addPasskey(passkey) {
      db.insert(t.passkeys).values(passkey).run();
    },
    async touchPasskey(id, counter, at) {
      db.update(t.passkeys).set({ counter, lastUsedAt: at }).where(eq(t.passkeys.id, id)).run();
    },
    async deletePasskey(userId, id) {
      const where = and(eq(t.passkeys.userId, userId), eq(t.passkeys.id, id));
      return db.delete(t.passkeys).where(where).run().changes > 0;
    },

    async createPendingLogin(pending) {
      db.insert(t.pendingLogins).values(pending).run();
    },
    async pendingLogin(idHash) {
      return db.select().from(t.pendingLogins).where(eq(t.pendingLogins.idHash, idHash)).get();
    },
    async deletePendingLogin(idHash) {
      db.delete(t.pendingLogins).where(eq(t.pendingLogins.idHash, idHash)).run();
    },
    async purgeExpired(now) {
      const a = db.delete(t.pendingLogins).where(lte(t.pendingLogins.expiresAt, now)).run();
      const b = db
        .delete(t.webauthnChallenges)
        .where(lte(t.webauthnChallenges.expiresAt, now))
        .run();
      return a.changes + b.changes;
    },

    async putChallenge(subject, challenge, expiresAt) {
      db.insert(t.webauthnChallenges)
        .values({ subject, challenge, expiresAt })
        .onConflictDoUpdate({ target: t.webauthnChallenges.subject, set: { challenge, expiresAt } })
        .run();
    },
    async takeChallenge(subject, now) {
      const row = db
        .delete(t.webauthnChallenges)
        .where(eq(t.webauthnChallenges.subject, subject))
        .returning()
        .get();
      return row && row.expiresAt > now ? row.challenge : undefined;
    },

    async usersWithSecondFactor(userIds) {
      if (userIds.length === 0) return [];
      const totp = db
        .select({ id: t.userTotp.userId })
        .from(t.userTotp)
        .where(and(inArray(t.userTotp.userId, userIds), isNotNull(t.userTotp.confirmedAt)))
        .all();
      const keys = db
        .selectDistinct({ id: t.passkeys.userId })
        .from(t.passkeys)
        .where(inArray(t.passkeys.userId, userIds))
        .all();
      return [...new Set([...totp, ...keys].map((r) => r.id))].sort((a, b) => a - b);
    },

    async setOrgRequirement(orgId, required) {
      db.update(t.orgs)
        .set({ requireSecondFactor: required ? 1 : 0 })
        .where(eq(t.orgs.id, orgId))
        .run();
    },
    async orgRequirement(orgId) {
      const row = db
        .select({ r: t.orgs.requireSecondFactor })
        .from(t.orgs)
        .where(eq(t.orgs.id, orgId))
        .get();
      return row?.r === 1;
    },
    async requiringOrgsOf(userId) {
      const mine = db
        .select({ orgId: t.memberships.orgId })
        .from(t.memberships)
        .where(eq(t.memberships.userId, userId));
      const rows = db
        .select({ id: t.orgs.id })
        .from(t.orgs)
        .where(and(eq(t.orgs.requireSecondFactor, 1), inArray(t.orgs.id, mine)))
        .orderBy(asc(t.orgs.id))
        .all();
      return rows.map((r) => r.id);
    },
  };
}
