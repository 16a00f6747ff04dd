import { describe, expect, test } from 'vitest';
import type { Role } from '../store/accounts.js';
import { authorize, minimumRole, type Action } from './authorize.js';
import type { Principal } from './principal.js';

const user = (role: Role, orgId = 1): Principal => ({
  kind: 'user',
  userId: 1,
  email: 'a@example.test',
  sessionHash: 'x',
  memberships: new Map([[orgId, role]]),
  instanceAdmin: false,
});
const siteOfA = { orgId: 1, siteId: 10 };
const otherSiteOfA = { orgId: 1, siteId: 11 };

describe('authorize', () => {
  test('anonymous is always unauthenticated', () => {
    expect(authorize({ kind: 'anonymous' }, 'site.report', siteOfA)).toBe('unauthenticated');
    expect(authorize({ kind: 'anonymous' }, 'account')).toBe('unauthenticated');
  });

  test.each(Object.entries(minimumRole))('%s needs %s', (action, needed) => {
    const outcome = (role: Role) => authorize(user(role), action as Action, siteOfA);
    expect(outcome('owner')).toBe('allow');
    expect(outcome('admin')).toBe(needed === 'owner' ? 'forbidden' : 'allow');
    expect(outcome('viewer')).toBe(needed === 'viewer' ? 'allow' : 'forbidden');
  });

  test('another org, or an orphan site, is hidden', () => {
    expect(authorize(user('owner', 2), 'site.report', siteOfA)).toBe('hidden');
    expect(authorize(user('owner'), 'site.report', { orgId: null, siteId: 1 })).toBe('hidden');
  });

  test('a shared link reads reports of its own site only', () => {
    const link: Principal = { kind: 'shared_link', linkId: 'l', siteId: 10 };
    expect(authorize(link, 'site.report', siteOfA)).toBe('allow');
    expect(authorize(link, 'site.view', siteOfA)).toBe('forbidden');
    expect(authorize(link, 'site.report', otherSiteOfA)).toBe('hidden');
    expect(authorize(link, 'org.view', { orgId: 1 })).toBe('hidden');
    expect(authorize(link, 'account')).toBe('forbidden');
  });

  test('creating an organisation: instance administrators, or anyone signed in if the install says so', () => {
    const admin: Principal = { ...(user('viewer') as object), instanceAdmin: true } as Principal;
    const anyone = { orgCreation: 'anyone' } as const;
    expect(authorize(user('owner'), 'instance.create_org')).toBe('forbidden');
    expect(authorize(admin, 'instance.create_org')).toBe('allow');
    expect(authorize(user('viewer'), 'instance.create_org', undefined, anyone)).toBe('allow');
    expect(authorize({ kind: 'anonymous' }, 'instance.create_org')).toBe('unauthenticated');
    const link: Principal = { kind: 'shared_link', linkId: 'l', siteId: 10 };
    expect(authorize(link, 'instance.create_org', undefined, anyone)).toBe('forbidden');
  });

  test('an API key reads reports of its scoped sites while its owner keeps a role', () => {
    const key = (role?: Role): Principal => ({
      kind: 'api_key',
      keyId: 'k',
      userId: 1,
      siteIds: new Set([10]),
      memberships: new Map(role ? [[1, role]] : []),
    });
    expect(authorize(key('viewer'), 'site.report', siteOfA)).toBe('allow');
    expect(authorize(key('owner'), 'site.manage', siteOfA)).toBe('forbidden');
    expect(authorize(key('owner'), 'site.report', otherSiteOfA)).toBe('hidden');
    expect(authorize(key(), 'site.report', siteOfA)).toBe('hidden');
    expect(authorize(key('owner'), 'account')).toBe('forbidden');
  });

  test('an org awaiting the second factor refuses everything in it, nothing elsewhere', () => {
    const p: Principal = {
      kind: 'user',
      userId: 1,
      email: 'a@example.test',
      sessionHash: 'x',
      memberships: new Map<number, Role>([
        [1, 'owner'],
        [2, 'viewer'],
      ]),
      instanceAdmin: false,
      awaitingSecondFactor: new Set([1]),
    };
    expect(authorize(p, 'site.report', siteOfA)).toBe('second_factor_required');
    expect(authorize(p, 'org.view', { orgId: 1 })).toBe('second_factor_required');
    expect(authorize(p, 'org.view', { orgId: 2 })).toBe('allow');
    expect(authorize(p, 'org.view', { orgId: 3 })).toBe('hidden');
    expect(authorize(p, 'account')).toBe('allow');
  });
});
