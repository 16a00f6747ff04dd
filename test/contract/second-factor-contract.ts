// One behavioural contract for the SecondFactorRepo, run on a real SQLite file and a real
// PostgreSQL database (second-factor.sqlite.test.ts, second-factor.pg.test.ts).
import { afterEach, describe, expect, test } from 'vitest';
import type { Store } from '../../server/store/types.js';
import type { OpenedStore } from './store-contract.js';

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();

export function secondFactorContract(name: string, open: () => Promise<OpenedStore>): void {
  describe(`SecondFactorRepo contract: ${name}`, () => {
    let opened: OpenedStore | undefined;
    afterEach(async () => {
      await opened?.cleanup();
      opened = undefined;
    });
    const fresh = async (): Promise<{ store: Store; userId: number }> => {
      opened = await open();
      await opened.store.migrate();
      const user = await opened.store.accounts.createUser('a@example.test', 'x', new Date());
      return { store: opened.store, userId: user.id };
    };

    test('TOTP: pending, confirmed, steps only move forward, restart refused once confirmed', async () => {
      const { store, userId } = await fresh();
      const sf = store.secondFactor;
      expect(await sf.totp(userId)).toBeUndefined();
      expect(await sf.putPendingTotp(userId, 'sealed-1', at(1))).toBe(true);
      expect(await sf.putPendingTotp(userId, 'sealed-2', at(2))).toBe(true);
      expect(await sf.totp(userId)).toMatchObject({ secret: 'sealed-2', confirmedAt: null });
      expect(await sf.useTotpStep(userId, 5)).toBe(false); // not confirmed yet
      expect(await sf.confirmTotp(userId, at(3), 100)).toBe(true);
      expect(await sf.confirmTotp(userId, at(4), 101)).toBe(false);
      expect(await sf.putPendingTotp(userId, 'sealed-3', at(5))).toBe(false);
      expect(await sf.totp(userId)).toMatchObject({
        secret: 'sealed-2',
        confirmedAt: at(3),
        lastUsedStep: 100,
      });
      expect(await sf.useTotpStep(userId, 100)).toBe(false);
      expect(await sf.useTotpStep(userId, 99)).toBe(false);
      expect(await sf.useTotpStep(userId, 101)).toBe(true);
      const racing = await Promise.all([sf.useTotpStep(userId, 102), sf.useTotpStep(userId, 102)]);
      expect(racing.filter(Boolean)).toHaveLength(1);
      expect(await sf.deleteTotp(userId)).toBe(true);
      expect(await sf.deleteTotp(userId)).toBe(false);
      expect(await sf.totp(userId)).toBeUndefined();
    });

    test('recovery codes: each usable once, replaced as a set', async () => {
      const { store, userId } = await fresh();
      const sf = store.secondFactor;
      await sf.replaceRecoveryCodes(userId, ['h1', 'h2', 'h3'], at(1));
      expect(await sf.recoveryCodesLeft(userId)).toBe(3);
      expect(await sf.useRecoveryCode(userId, 'h2', at(2))).toBe(true);
      expect(await sf.useRecoveryCode(userId, 'h2', at(3))).toBe(false);
      expect(await sf.useRecoveryCode(userId, 'nope', at(3))).toBe(false);
      expect(await sf.useRecoveryCode(userId + 1, 'h1', at(3))).toBe(false);
      expect(await sf.recoveryCodesLeft(userId)).toBe(2);
      await sf.replaceRecoveryCodes(userId, ['h4'], at(4));
      expect(await sf.useRecoveryCode(userId, 'h1', at(5))).toBe(false);
      expect(await sf.recoveryCodesLeft(userId)).toBe(1);
      await sf.deleteRecoveryCodes(userId);
      expect(await sf.recoveryCodesLeft(userId)).toBe(0);
    });

    test('passkeys: add, list by owner, touch, delete only by owner', async () => {
      const { store, userId } = await fresh();
      const sf = store.secondFactor;
      const key = {
        id: 'cred-1',
        userId,
        name: 'laptop',
        publicKey: 'pk',
        counter: 0,
        transports: '["internal"]',
        createdAt: at(1),
        lastUsedAt: null,
      };
      await sf.addPasskey(key);
      await sf.addPasskey({ ...key, id: 'cred-2', createdAt: at(2) });
      expect((await sf.passkeysOf(userId)).map((k) => k.id)).toEqual(['cred-1', 'cred-2']);
      await sf.touchPasskey('cred-1', 7, at(3));
      expect(await sf.passkey('cred-1')).toEqual({ ...key, counter: 7, lastUsedAt: at(3) });
      expect(await sf.deletePasskey(userId + 1, 'cred-1')).toBe(false);
      expect(await sf.deletePasskey(userId, 'cred-1')).toBe(true);
      expect(await sf.passkey('cred-1')).toBeUndefined();
    });

    test('pending logins and challenges expire; a challenge is taken once', async () => {
      const { store, userId } = await fresh();
      const sf = store.secondFactor;
      await sf.createPendingLogin({ idHash: 'p1', userId, createdAt: at(0), expiresAt: at(10) });
      await sf.createPendingLogin({ idHash: 'p2', userId, createdAt: at(0), expiresAt: at(30) });
      expect(await sf.pendingLogin('p1')).toMatchObject({ userId, expiresAt: at(10) });
      await sf.putChallenge('login:p2', 'c1', at(10));
      await sf.putChallenge('login:p2', 'c2', at(40));
      await sf.putChallenge('reg:1', 'c3', at(10));
      expect(await sf.purgeExpired(at(20))).toBe(2);
      expect(await sf.pendingLogin('p1')).toBeUndefined();
      expect(await sf.takeChallenge('login:p2', at(20))).toBe('c2');
      expect(await sf.takeChallenge('login:p2', at(20))).toBeUndefined();
      await sf.putChallenge('reg:2', 'c4', at(10));
      expect(await sf.takeChallenge('reg:2', at(11))).toBeUndefined(); // expired
      await sf.deletePendingLogin('p2');
      expect(await sf.pendingLogin('p2')).toBeUndefined();
    });

    test('users with a second factor: a confirmed TOTP or a passkey', async () => {
      const { store, userId: a } = await fresh();
      const mk = async (e: string) => (await store.accounts.createUser(e, 'x', new Date())).id;
      const [b, c, d] = [await mk('b@x.test'), await mk('c@x.test'), await mk('d@x.test')];
      const sf = store.secondFactor;
      await sf.putPendingTotp(a, 's', at(1));
      await sf.confirmTotp(a, at(2), 1);
      await sf.putPendingTotp(b, 's', at(1)); // not confirmed
      for (const id of ['k1', 'k2']) {
        await sf.addPasskey({
          id,
          userId: c,
          name: id,
          publicKey: 'pk',
          counter: 0,
          transports: '[]',
          createdAt: at(3),
          lastUsedAt: null,
        });
      }
      expect(await sf.usersWithSecondFactor([a, b, c, d])).toEqual([a, c]);
      expect(await sf.usersWithSecondFactor([b, d])).toEqual([]);
      expect(await sf.usersWithSecondFactor([])).toEqual([]);
    });

    test('org requirement: set, read, and listed for the members of the org only', async () => {
      const { store, userId } = await fresh();
      const a = await store.accounts.createOrg('A', new Date());
      const b = await store.accounts.createOrg('B', new Date());
      const c = await store.accounts.createOrg('C', new Date());
      await store.accounts.putMembership(a.id, userId, 'viewer', new Date());
      await store.accounts.putMembership(b.id, userId, 'owner', new Date());
      expect(await store.secondFactor.orgRequirement(a.id)).toBe(false);
      await store.secondFactor.setOrgRequirement(a.id, true);
      await store.secondFactor.setOrgRequirement(c.id, true);
      expect(await store.secondFactor.orgRequirement(a.id)).toBe(true);
      expect(await store.secondFactor.requiringOrgsOf(userId)).toEqual([a.id]);
      await store.secondFactor.setOrgRequirement(a.id, false);
      expect(await store.secondFactor.requiringOrgsOf(userId)).toEqual([]);
    });
  });
}
