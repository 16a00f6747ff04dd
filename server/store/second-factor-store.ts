// SecondFactorRepo, written once for SQLite and PostgreSQL (db.ts). Every "use" is one conditional
// statement, so that of two racing requests with the same code only one changes a row.
import { sql } from 'drizzle-orm';
import * as schema from '../../drizzle/schema/sqlite.js';
import { exec, inList, type Db } from './db.js';
import type {
  PasskeyRecord,
  PendingLoginRecord,
  SecondFactorRepo,
  TotpRecord,
} from './second-factor.js';
import { table } from './tables.js';

const totpT = table(schema.userTotp);
const codesT = table(schema.recoveryCodes);
const passkeysT = table(schema.passkeys);
const pendingT = table(schema.pendingLogins);
const challengesT = table(schema.webauthnChallenges);

export function secondFactorRepo(db: Db): SecondFactorRepo {
  return {
    totp(userId) {
      return db.get<TotpRecord>(
        sql`select ${totpT.columns} from user_totp where user_id = ${userId}`,
      );
    },
    async putPendingTotp(userId, secret, at) {
      const changed = await db.exec(sql`${totpT.insert([{ userId, secret, createdAt: at }])}
        on conflict (user_id) do update set secret = excluded.secret,
          created_at = excluded.created_at, confirmed_at = null, last_used_step = null
        where user_totp.confirmed_at is null`);
      return changed > 0;
    },
    async confirmTotp(userId, at, step) {
      const changed = await db.exec(sql`update user_totp
        set confirmed_at = ${at}, last_used_step = ${step}
        where user_id = ${userId} and confirmed_at is null`);
      return changed > 0;
    },
    async useTotpStep(userId, step) {
      const changed = await db.exec(sql`update user_totp set last_used_step = ${step}
        where user_id = ${userId} and confirmed_at is not null
          and (last_used_step is null or last_used_step < ${step})`);
      return changed > 0;
    },
    async deleteTotp(userId) {
      return (await db.exec(sql`delete from user_totp where user_id = ${userId}`)) > 0;
    },

    async replaceRecoveryCodes(userId, codeHashes, at) {
      await db.tx(function* () {
        yield* exec(sql`delete from recovery_codes where user_id = ${userId}`);
        if (codeHashes.length === 0) return;
        yield* exec(
          codesT.insert(codeHashes.map((codeHash) => ({ userId, codeHash, createdAt: at }))),
        );
      });
    },
    async useRecoveryCode(userId, codeHash, at) {
      const changed = await db.exec(sql`update recovery_codes set used_at = ${at}
        where user_id = ${userId} and code_hash = ${codeHash} and used_at is null`);
      return changed > 0;
    },
    async recoveryCodesLeft(userId) {
      const row = await db.get<{ n: number }>(sql`select count(*) as n from recovery_codes
        where user_id = ${userId} and used_at is null`);
      return row?.n ?? 0;
    },
    async deleteRecoveryCodes(userId) {
      await db.exec(sql`delete from recovery_codes where user_id = ${userId}`);
    },

    passkeysOf(userId) {
      return db.all<PasskeyRecord>(sql`select ${passkeysT.columns} from passkeys
        where user_id = ${userId} order by created_at, id`);
    },
    passkey(id) {
      return db.get<PasskeyRecord>(sql`select ${passkeysT.columns} from passkeys where id = ${id}`);
    },
    async addPasskey(passkey) {
      await db.exec(passkeysT.insert([passkey]));
    },
    async touchPasskey(id, counter, at) {
      await db.exec(
        sql`update passkeys set counter = ${counter}, last_used_at = ${at} where id = ${id}`,
      );
    },
    async deletePasskey(userId, id) {
      const changed = await db.exec(
        sql`delete from passkeys where user_id = ${userId} and id = ${id}`,
      );
      return changed > 0;
    },

    async createPendingLogin(pending) {
      await db.exec(pendingT.insert([pending]));
    },
    pendingLogin(idHash) {
      return db.get<PendingLoginRecord>(
        sql`select ${pendingT.columns} from pending_logins where id_hash = ${idHash}`,
      );
    },
    async deletePendingLogin(idHash) {
      await db.exec(sql`delete from pending_logins where id_hash = ${idHash}`);
    },
    purgeExpired(now) {
      return db.tx(function* () {
        const logins = yield* exec(sql`delete from pending_logins where expires_at <= ${now}`);
        const challenges = yield* exec(
          sql`delete from webauthn_challenges where expires_at <= ${now}`,
        );
        return logins + challenges;
      });
    },

    async putChallenge(subject, challenge, expiresAt) {
      await db.exec(sql`${challengesT.insert([{ subject, challenge, expiresAt }])}
        on conflict (subject) do update set challenge = excluded.challenge,
          expires_at = excluded.expires_at`);
    },
    async takeChallenge(subject, now) {
      const row = await db.get<{
        challenge: string;
        expiresAt: string;
      }>(sql`delete from webauthn_challenges
        where subject = ${subject} returning challenge, expires_at as "expiresAt"`);
      return row && row.expiresAt > now ? row.challenge : undefined;
    },

    async usersWithSecondFactor(userIds) {
      if (userIds.length === 0) return [];
      const rows = await db.all<{ id: number }>(sql`
        select user_id as id from user_totp
          where ${inList(sql`user_id`, userIds)} and confirmed_at is not null
        union
        select user_id as id from passkeys where ${inList(sql`user_id`, userIds)}
        order by id`);
      return rows.map((r) => r.id);
    },

    async setOrgRequirement(orgId, required) {
      await db.exec(
        sql`update orgs set require_second_factor = ${required ? 1 : 0} where id = ${orgId}`,
      );
    },
    async orgRequirement(orgId) {
      const row = await db.get<{ r: number }>(
        sql`select require_second_factor as r from orgs where id = ${orgId}`,
      );
      return row?.r === 1;
    },
    async requiringOrgsOf(userId) {
      const rows = await db.all<{ id: number }>(sql`select id from orgs
        where require_second_factor = 1
          and id in (select org_id from memberships where user_id = ${userId})
        order by id`);
      return rows.map((r) => r.id);
    },
  };
}
