// Every API route × every kind of principal → the exact status. The route list comes from the real
// app, so a route added without a row here fails the first test.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { randomBytes } from 'node:crypto';
import { newId, newToken, sha256Hex } from '../../server/accounts/tokens.js';
import { windowFixture } from '../contract/replay-contract.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { addUser, Client, sessionCookie, setupOwner, testEnv } from './support.js';

const principals = [
  'anonymous',
  'viewerA',
  'adminA',
  'ownerA',
  'ownerB',
  'shareA',
  'keyA',
] as const;
type Who = (typeof principals)[number];
type Req = { path: string; body?: unknown };
/** Expected statuses in the order of `principals`. */
type Row = { expect: readonly number[]; req: (who: Who) => Req | Promise<Req> };

const password = 'matrix pomelo password 1';
const period = '?period=30d';

interface World {
  server: TestServer;
  users: Record<'viewerA' | 'adminA' | 'ownerA' | 'ownerB', number>;
  orgA: number;
  orgB: number;
  siteA1: number;
  shareToken: string;
  apiKey: string;
  /** A replay window on a1.test: owner adminA, named viewer viewerA only; one recording in it. */
  replayWindow: string;
  replayRecording: string;
}

let n = 0;
const uniq = () => `${Date.now().toString(36)}${++n}`;

function matrix(w: () => World): Record<string, Row> {
  const acc = () => w().server.pomelo.store.accounts;
  const now = () => new Date();
  const users = () => w().users;
  // An org with A's people in A's roles: for actions that destroy it.
  const freshOrgA = async () => {
    const org = await acc().createOrg(`Org ${uniq()}`, now());
    await acc().putMembership(org.id, users().ownerA, 'owner', now());
    await acc().putMembership(org.id, users().adminA, 'admin', now());
    await acc().putMembership(org.id, users().viewerA, 'viewer', now());
    return org.id;
  };
  const freshSiteA = async () =>
    (await acc().createSite({ domain: `s${uniq()}.test`, timezone: 'UTC' }, w().orgA, now())).id;
  const freshMemberA = async () => {
    const u = await acc().createUser(`spare-${uniq()}@example.test`, 'x', now());
    await acc().putMembership(w().orgA, u.id, 'viewer', now());
    return u.id;
  };
  const freshInvitation = async (orgId: number) => {
    const token = newToken('inv');
    const id = newId();
    await acc().createInvitation({
      id,
      orgId,
      tokenHash: sha256Hex(token),
      role: 'viewer',
      email: null,
      createdBy: users().ownerA,
      createdAt: now().toISOString(),
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      acceptedAt: null,
    });
    return { id, token };
  };
  const freshLinkA1 = async () => {
    const id = newId();
    await acc().createSharedLink({
      siteId: w().siteA1,
      id,
      tokenHash: sha256Hex(newToken('shr')),
      passwordHash: null,
      label: '',
      createdBy: users().ownerA,
      createdAt: now().toISOString(),
      expiresAt: null,
      revokedAt: null,
    });
    return id;
  };
  const freshKeyOf = async (who: Who) => {
    const id = newId();
    const userId = who in users() ? users()[who as keyof World['users']] : users().ownerA;
    const secret = newToken('pml');
    await acc().createApiKey({
      id,
      userId,
      name: 'k',
      prefix: secret.slice(0, 10),
      keyHash: sha256Hex(secret),
      siteIds: [w().siteA1],
      createdAt: now().toISOString(),
      lastUsedAt: null,
      revokedAt: null,
    });
    return id;
  };
  const freshAnnotationA = async (siteId: number | null) =>
    (
      await w().server.store.annotations.create({
        orgId: w().orgA,
        siteId,
        day: '2026-01-15',
        text: 'release',
        createdBy: users().ownerA,
        createdAt: now().toISOString(),
      })
    ).id;
  const pendingTotpOf = async (who: Who) => {
    if (!(who in users())) return;
    const userId = users()[who as keyof World['users']];
    await w().server.store.secondFactor.putPendingTotp(userId, 'v1.x.y.z', now().toISOString());
  };
  const freshGoalA1 = async () => {
    const name = `goal ${uniq()}`;
    await w().server.store.goals.addGoal(
      w().siteA1,
      {
        name,
        kind: 'event',
        pagePattern: null,
        eventName: 'Signup',
        propKey: null,
        propValue: null,
        currency: null,
      },
      now().toISOString(),
    );
    return name;
  };
  const freshReplayWindowA1 = () => replayWindowIn(w());
  const freshRecordingA1 = () => recordingIn(w(), w().replayWindow);
  const RW = () => `/api/replay/windows/${w().replayWindow}`;
  const RR = () => `/api/replay/recordings/${w().replayRecording}`;
  const A = () => `/api/orgs/${w().orgA}`;
  const A1 = () => `/api/sites/${w().siteA1}`;
  const report = (suffix: string): Row => ({
    expect: [401, 200, 200, 200, 404, 200, 200],
    req: () => ({ path: `/api/sites/a1.test${suffix}` }),
  });
  //                 anon viewA admA ownA ownB shr  key
  return {
    'POST /api/event': {
      expect: [202, 202, 202, 202, 202, 202, 202],
      req: () => ({
        path: '/api/event',
        body: { n: 'pageview', u: 'https://a1.test/', d: 'a1.test', r: null },
      }),
    },
    'OPTIONS /api/event': {
      expect: [204, 204, 204, 204, 204, 204, 204],
      req: () => ({ path: '/api/event' }),
    },
    // The tracker's data-debug: public like /api/event, credentials ignored, nothing written.
    'POST /api/event/explain': {
      expect: [200, 200, 200, 200, 200, 200, 200],
      req: () => ({
        path: '/api/event/explain',
        body: { n: 'pageview', u: 'https://a1.test/', d: 'a1.test', r: null },
      }),
    },
    'OPTIONS /api/event/explain': {
      expect: [204, 204, 204, 204, 204, 204, 204],
      req: () => ({ path: '/api/event/explain' }),
    },
    'GET /api/setup': {
      expect: [200, 200, 200, 200, 200, 200, 200],
      req: () => ({ path: '/api/setup' }),
    },
    'POST /api/setup': {
      expect: [409, 409, 409, 409, 409, 409, 409],
      req: () => ({
        path: '/api/setup',
        body: { token: 'setup_x', email: `x${uniq()}@example.test`, password, orgName: 'X' },
      }),
    },
    'POST /api/auth/login': {
      expect: [401, 401, 401, 401, 401, 401, 401],
      req: () => ({ path: '/api/auth/login', body: { email: 'nobody@example.test', password } }),
    },
    'POST /api/auth/logout': {
      expect: [204, 204, 204, 204, 204, 204, 204],
      req: () => ({ path: '/api/auth/logout', body: {} }),
    },
    'GET /api/auth/me': {
      expect: [401, 200, 200, 200, 200, 403, 403],
      req: () => ({ path: '/api/auth/me' }),
    },
    'PUT /api/auth/locale': {
      expect: [401, 204, 204, 204, 204, 403, 403],
      req: () => ({ path: '/api/auth/locale', body: { locale: 'fr' } }),
    },
    'POST /api/auth/password': {
      expect: [401, 204, 204, 204, 204, 403, 403],
      req: () => ({ path: '/api/auth/password', body: { current: password, password } }),
    },
    // Second factor: the user's own factors ('account'), the second step of a sign-in (the
    // pending-login token is the only credential), and an org's requirement.
    'GET /api/auth/second-factor': {
      expect: [401, 200, 200, 200, 200, 403, 403],
      req: () => ({ path: '/api/auth/second-factor' }),
    },
    'POST /api/auth/second-factor/totp': {
      expect: [401, 201, 201, 201, 201, 403, 403],
      req: () => ({ path: '/api/auth/second-factor/totp', body: {} }),
    },
    'POST /api/auth/second-factor/totp/confirm': {
      // A pending enrolment exists for every user; the code is wrong for it.
      expect: [401, 400, 400, 400, 400, 403, 403],
      req: async (who) => {
        await pendingTotpOf(who);
        return { path: '/api/auth/second-factor/totp/confirm', body: { code: '000000' } };
      },
    },
    'POST /api/auth/second-factor/totp/remove': {
      // Removes (here: cancels) the enrolment after the password.
      expect: [401, 204, 204, 204, 204, 403, 403],
      req: async (who) => {
        await pendingTotpOf(who);
        return { path: '/api/auth/second-factor/totp/remove', body: { password } };
      },
    },
    'POST /api/auth/second-factor/passkeys/options': {
      expect: [401, 200, 200, 200, 200, 403, 403],
      req: () => ({ path: '/api/auth/second-factor/passkeys/options', body: {} }),
    },
    'POST /api/auth/second-factor/passkeys': {
      expect: [401, 400, 400, 400, 400, 403, 403],
      req: () => ({
        path: '/api/auth/second-factor/passkeys',
        body: {
          name: 'key',
          response: {
            id: 'a',
            rawId: 'a',
            type: 'public-key',
            response: { clientDataJSON: 'e30' },
          },
        },
      }),
    },
    'POST /api/auth/second-factor/passkeys/:passkeyId/remove': {
      expect: [401, 404, 404, 404, 404, 403, 403],
      req: () => ({ path: '/api/auth/second-factor/passkeys/nope/remove', body: { password } }),
    },
    'POST /api/auth/second-factor/recovery-codes': {
      expect: [401, 409, 409, 409, 409, 403, 403],
      req: () => ({ path: '/api/auth/second-factor/recovery-codes', body: { password } }),
    },
    'POST /api/auth/login/passkey-options': {
      expect: [401, 401, 401, 401, 401, 401, 401],
      req: () => ({ path: '/api/auth/login/passkey-options', body: { token: 'pnd_unknown' } }),
    },
    'POST /api/auth/login/second-factor': {
      expect: [401, 401, 401, 401, 401, 401, 401],
      req: () => ({
        path: '/api/auth/login/second-factor',
        body: { token: 'pnd_unknown', code: '123456' },
      }),
    },
    'GET /api/orgs/:orgId/second-factor': {
      expect: [401, 200, 200, 200, 404, 404, 403],
      req: () => ({ path: `${A()}/second-factor` }),
    },
    'PUT /api/orgs/:orgId/second-factor': {
      expect: [401, 403, 403, 200, 404, 404, 403],
      req: () => ({ path: `${A()}/second-factor`, body: { required: false } }),
    },
    'GET /api/orgs': {
      expect: [401, 200, 200, 200, 200, 403, 403],
      req: () => ({ path: '/api/orgs' }),
    },
    // POMELO_ORG_CREATION=admins (default): only ownerA, who ran setup, is an instance admin.
    'POST /api/orgs': {
      expect: [401, 403, 403, 201, 403, 403, 403],
      req: () => ({ path: '/api/orgs', body: { name: `Org ${uniq()}` } }),
    },
    'GET /api/orgs/:orgId': {
      expect: [401, 200, 200, 200, 404, 404, 403],
      req: () => ({ path: A() }),
    },
    'DELETE /api/orgs/:orgId': {
      expect: [401, 403, 403, 204, 404, 404, 403],
      req: async () => ({ path: `/api/orgs/${await freshOrgA()}` }),
    },
    'GET /api/orgs/:orgId/sites': {
      expect: [401, 200, 200, 200, 404, 404, 403],
      req: () => ({ path: `${A()}/sites` }),
    },
    'POST /api/orgs/:orgId/sites': {
      expect: [401, 403, 201, 201, 404, 404, 403],
      req: () => ({ path: `${A()}/sites`, body: { domain: `n${uniq()}.test`, timezone: 'UTC' } }),
    },
    'GET /api/orgs/:orgId/members': {
      expect: [401, 403, 200, 200, 404, 404, 403],
      req: () => ({ path: `${A()}/members` }),
    },
    'PATCH /api/orgs/:orgId/members/:userId': {
      expect: [401, 403, 403, 200, 404, 404, 403],
      req: async () => ({
        path: `${A()}/members/${await freshMemberA()}`,
        body: { role: 'admin' },
      }),
    },
    'DELETE /api/orgs/:orgId/members/:userId': {
      expect: [401, 403, 403, 204, 404, 404, 403],
      req: async () => ({ path: `${A()}/members/${await freshMemberA()}` }),
    },
    'GET /api/orgs/:orgId/invitations': {
      expect: [401, 403, 403, 200, 404, 404, 403],
      req: () => ({ path: `${A()}/invitations` }),
    },
    'POST /api/orgs/:orgId/invitations': {
      expect: [401, 403, 403, 201, 404, 404, 403],
      req: () => ({ path: `${A()}/invitations`, body: { role: 'viewer' } }),
    },
    'DELETE /api/orgs/:orgId/invitations/:invitationId': {
      expect: [401, 403, 403, 204, 404, 404, 403],
      req: async () => ({ path: `${A()}/invitations/${(await freshInvitation(w().orgA)).id}` }),
    },
    'GET /api/orgs/:orgId/audit': {
      expect: [401, 403, 403, 200, 404, 404, 403],
      req: () => ({ path: `${A()}/audit` }),
    },
    'GET /api/orgs/:orgId/audit/verify': {
      expect: [401, 403, 403, 200, 404, 404, 403],
      req: () => ({ path: `${A()}/audit/verify` }),
    },
    'POST /api/invitations/accept': {
      expect: [401, 200, 200, 200, 200, 403, 403],
      req: async () => ({
        path: '/api/invitations/accept',
        body: { token: (await freshInvitation(await freshOrgA())).token },
      }),
    },
    'GET /api/sites/:siteId': {
      expect: [401, 200, 200, 200, 404, 403, 403],
      req: () => ({ path: A1() }),
    },
    'GET /api/sites/:siteId/info': {
      expect: [401, 200, 200, 200, 404, 200, 200],
      req: () => ({ path: `${A1()}/info` }),
    },
    'GET /api/sites/:siteId/privacy-report': {
      expect: [401, 200, 200, 200, 404, 200, 200],
      req: () => ({ path: `${A1()}/privacy-report` }),
    },
    'PATCH /api/sites/:siteId': {
      expect: [401, 403, 200, 200, 404, 403, 403],
      req: () => ({ path: A1(), body: { name: 'Site A1' } }),
    },
    'DELETE /api/sites/:siteId': {
      expect: [401, 403, 403, 204, 404, 404, 404],
      req: async () => ({ path: `/api/sites/${await freshSiteA()}` }),
    },
    'GET /api/sites/:siteId/shared-links': {
      expect: [401, 403, 200, 200, 404, 403, 403],
      req: () => ({ path: `${A1()}/shared-links` }),
    },
    'POST /api/sites/:siteId/shared-links': {
      expect: [401, 403, 201, 201, 404, 403, 403],
      req: () => ({ path: `${A1()}/shared-links`, body: { label: 'client' } }),
    },
    'PATCH /api/sites/:siteId/shared-links/:linkId': {
      expect: [401, 403, 200, 200, 404, 403, 403],
      req: async () => ({
        path: `${A1()}/shared-links/${await freshLinkA1()}`,
        body: { accent: '#aa3300' },
      }),
    },
    'DELETE /api/sites/:siteId/shared-links/:linkId': {
      expect: [401, 403, 204, 204, 404, 403, 403],
      req: async () => ({ path: `${A1()}/shared-links/${await freshLinkA1()}` }),
    },
    'GET /api/sites/:siteId/goals': {
      expect: [401, 200, 200, 200, 404, 200, 200],
      req: () => ({ path: `${A1()}/goals` }),
    },
    'POST /api/sites/:siteId/goals': {
      expect: [401, 403, 201, 201, 404, 403, 403],
      req: () => ({ path: `${A1()}/goals`, body: { name: `g${uniq()}`, page: '/thanks*' } }),
    },
    'DELETE /api/sites/:siteId/goals/:name': {
      expect: [401, 403, 204, 204, 404, 403, 403],
      req: async () => ({
        path: `${A1()}/goals/${encodeURIComponent(await freshGoalA1())}`,
      }),
    },
    // Mail (issue 14): a site's schedule, recipients, send log, preview and test sends: admins.
    'GET /api/sites/:siteId/mail': {
      expect: [401, 403, 200, 200, 404, 403, 403],
      req: () => ({ path: `${A1()}/mail` }),
    },
    'PUT /api/sites/:siteId/mail': {
      expect: [401, 403, 200, 200, 404, 403, 403],
      req: () => ({
        path: `${A1()}/mail`,
        body: {
          weekly: true,
          monthly: false,
          hour: 8,
          spikePercent: 0,
          quietHours: 0,
          cooldownHours: 24,
          recipients: [],
        },
      }),
    },
    'GET /api/sites/:siteId/mail/preview': {
      expect: [401, 403, 200, 200, 404, 403, 403],
      req: () => ({ path: `${A1()}/mail/preview` }),
    },
    // No POMELO_SMTP_URL here: an admin hears that mail is not configured (409).
    'POST /api/sites/:siteId/mail/test': {
      expect: [401, 403, 409, 409, 404, 403, 403],
      req: () => ({ path: `${A1()}/mail/test`, body: { to: 'someone@example.test' } }),
    },
    // Imports and exports (issue 15): site admins only.
    'GET /api/sites/:siteId/imports': {
      expect: [401, 403, 200, 200, 404, 403, 403],
      req: () => ({ path: `${A1()}/imports` }),
    },
    'POST /api/sites/:siteId/imports': {
      // An admin reaches the importer, which refuses this body as a GoatCounter export (400).
      expect: [401, 403, 400, 400, 404, 403, 403],
      req: () => ({ path: `${A1()}/imports?kind=goatcounter&name=x.csv`, body: 'not,a,file' }),
    },
    'DELETE /api/sites/:siteId/imports/:id': {
      expect: [401, 403, 404, 404, 404, 403, 403],
      req: () => ({ path: `${A1()}/imports/999999` }),
    },
    'GET /api/sites/:siteId/export': {
      expect: [401, 403, 200, 200, 404, 403, 403],
      req: () => ({ path: `${A1()}/export?format=plausible` }),
    },
    'GET /api/api-keys': {
      expect: [401, 200, 200, 200, 200, 403, 403],
      req: () => ({ path: '/api/api-keys' }),
    },
    'POST /api/api-keys': {
      expect: [401, 201, 201, 201, 404, 403, 403],
      req: () => ({ path: '/api/api-keys', body: { name: 'stats', siteIds: [w().siteA1] } }),
    },
    'PATCH /api/api-keys/:keyId': {
      expect: [401, 200, 200, 200, 200, 403, 403],
      req: async (who) => ({
        path: `/api/api-keys/${await freshKeyOf(who)}`,
        body: { plausibleCompat: true },
      }),
    },
    'DELETE /api/api-keys/:keyId': {
      expect: [401, 204, 204, 204, 204, 403, 403],
      req: async (who) => ({ path: `/api/api-keys/${await freshKeyOf(who)}` }),
    },
    'GET /api/sites/:domain/report': report(`/report${period}`),
    'GET /api/sites/:domain/timeseries': report(`/timeseries${period}`),
    'GET /api/sites/:domain/breakdown/:dimension': report(`/breakdown/page${period}`),
    'GET /api/sites/:domain/realtime': report('/realtime'),
    'GET /api/sites/:domain/goals/report': report(`/goals/report${period}`),
    'GET /api/sites/:domain/export/goals.csv': report(`/export/goals.csv${period}`),
    'GET /api/sites/:domain/install-status': report('/install-status'),
    'GET /api/sites/:domain/export/timeseries.csv': report(`/export/timeseries.csv${period}`),
    'GET /api/sites/:domain/export/breakdown/:file': report(`/export/breakdown/page.csv${period}`),
    'GET /api/sites/:domain/flows': report(`/flows${period}&page=/`),
    'GET /api/sites/:domain/funnel': report(`/funnel${period}&steps=/,/pricing`),
    'GET /api/sites/:domain/not-found': report(`/not-found${period}`),
    'GET /api/sites/:domain/annotations': report(`/annotations${period}`),
    // Annotations: site admins on a site, org admins org-wide; readers see them in the reports.
    'POST /api/sites/:siteId/annotations': {
      expect: [401, 403, 201, 201, 404, 403, 403],
      req: () => ({ path: `${A1()}/annotations`, body: { day: '2026-01-15', text: 'release' } }),
    },
    'DELETE /api/sites/:siteId/annotations/:annotationId': {
      expect: [401, 403, 204, 204, 404, 403, 403],
      req: async () => ({ path: `${A1()}/annotations/${await freshAnnotationA(w().siteA1)}` }),
    },
    'GET /api/orgs/:orgId/annotations': {
      expect: [401, 200, 200, 200, 404, 404, 403],
      req: () => ({ path: `${A()}/annotations` }),
    },
    'POST /api/orgs/:orgId/annotations': {
      expect: [401, 403, 201, 201, 404, 404, 403],
      req: () => ({ path: `${A()}/annotations`, body: { day: '2026-01-15', text: 'campaign' } }),
    },
    'DELETE /api/orgs/:orgId/annotations/:annotationId': {
      expect: [401, 403, 204, 204, 404, 404, 403],
      req: async () => ({ path: `${A()}/annotations/${await freshAnnotationA(null)}` }),
    },
    // The rollup reads only sites the principal may read: B's owner gets 404 for a1.test.
    'GET /api/rollup/report': {
      expect: [401, 200, 200, 200, 404, 200, 200],
      req: () => ({ path: `/api/rollup/report${period}&sites=a1.test` }),
    },
    'GET /api/rollup/breakdown/:dimension': {
      expect: [401, 200, 200, 200, 404, 200, 200],
      req: () => ({ path: `/api/rollup/breakdown/page${period}&org=Org%20A` }),
    },
    'GET /api/rollup/export/timeseries.csv': {
      expect: [401, 200, 200, 200, 404, 200, 200],
      req: () => ({ path: `/api/rollup/export/timeseries.csv${period}&sites=a1.test` }),
    },
    'GET /api/rollup/export/breakdown/:file': {
      expect: [401, 200, 200, 200, 404, 200, 200],
      req: () => ({ path: `/api/rollup/export/breakdown/page.csv${period}&sites=a1.test` }),
    },
    'GET /api/overview': {
      expect: [401, 200, 200, 200, 200, 200, 200],
      req: () => ({ path: `/api/overview${period}` }),
    },
    // Replay: signed-in members only, API keys and shared links 403 everywhere; playback only
    // for the window's named viewers; the module's endpoints ignore credentials altogether.
    'GET /api/sites/:siteId/replay/windows': {
      expect: [401, 200, 200, 200, 404, 403, 403],
      req: () => ({ path: `${A1()}/replay/windows` }),
    },
    'POST /api/sites/:siteId/replay/windows': {
      expect: [401, 403, 201, 201, 404, 403, 403],
      req: () => ({
        path: `${A1()}/replay/windows`,
        body: {
          purpose: 'qa',
          ownerUserId: users().adminA,
          endsAt: new Date(Date.now() + 3_600_000).toISOString(),
          includeRules: ['/matrix/*'],
          viewerUserIds: [users().viewerA],
        },
      }),
    },
    'GET /api/replay/windows/:windowId': {
      expect: [401, 200, 200, 200, 404, 403, 403],
      req: () => ({ path: RW() }),
    },
    'PATCH /api/replay/windows/:windowId': {
      expect: [401, 403, 200, 200, 404, 403, 403],
      req: () => ({ path: RW(), body: { viewerUserIds: [users().viewerA] } }),
    },
    // Any member but the window's owner (adminA), once: each principal gets a fresh window.
    'POST /api/replay/windows/:windowId/sign-off': {
      expect: [401, 200, 403, 200, 404, 403, 403],
      req: async () => ({
        path: `/api/replay/windows/${await freshReplayWindowA1()}/sign-off`,
        body: { note: 'matrix check, no preview' },
      }),
    },
    // draft → open: a manager who did not sign it off (here the viewer signed).
    'POST /api/replay/windows/:windowId/open': {
      expect: [401, 403, 200, 200, 404, 403, 403],
      req: async () => ({
        path: `/api/replay/windows/${await replayWindowIn(w(), { signedOffBy: w().users.viewerA })}/open`,
        body: {},
      }),
    },
    'POST /api/replay/windows/:windowId/preview': {
      expect: [401, 403, 201, 201, 404, 403, 403],
      req: async () => ({
        path: `/api/replay/windows/${await replayWindowIn(w(), { signedOffBy: w().users.viewerA })}/preview`,
        body: {},
      }),
    },
    'POST /api/replay/windows/:windowId/close': {
      expect: [401, 403, 200, 200, 404, 403, 403],
      req: async () => ({
        path: `/api/replay/windows/${await freshReplayWindowA1()}/close`,
        body: { purge: false },
      }),
    },
    'GET /api/replay/windows/:windowId/recordings': {
      expect: [401, 200, 200, 200, 404, 403, 403],
      req: () => ({ path: `${RW()}/recordings` }),
    },
    'GET /api/replay/windows/:windowId/review-queue': {
      expect: [401, 200, 200, 200, 404, 403, 403],
      req: () => ({ path: `${RW()}/review-queue` }),
    },
    'POST /api/replay/windows/:windowId/record.md': {
      expect: [401, 200, 200, 200, 404, 403, 403],
      req: () => ({ path: `${RW()}/record.md`, body: {} }),
    },
    'POST /api/replay/windows/:windowId/record.json': {
      expect: [401, 200, 200, 200, 404, 403, 403],
      req: () => ({ path: `${RW()}/record.json`, body: {} }),
    },
    // Only someone who played the recording reviews it: viewerA plays first.
    'POST /api/replay/recordings/:recordingId/reviewed': {
      expect: [401, 200, 403, 403, 404, 403, 403],
      req: async (who) => {
        if (who === 'viewerA') {
          await w().server.pomelo.store.replay.recordPlay({
            recordingId: w().replayRecording,
            windowId: w().replayWindow,
            userId: users().viewerA,
            at: Date.now(),
          });
        }
        return { path: `${RR()}/reviewed`, body: {} };
      },
    },
    'POST /api/replay/recordings/:recordingId/play': {
      expect: [401, 200, 403, 403, 404, 403, 403],
      req: () => ({ path: `${RR()}/play`, body: { reason: 'matrix check' } }),
    },
    'POST /api/replay/recordings/:recordingId/export': {
      expect: [401, 200, 403, 403, 404, 403, 403],
      req: () => ({ path: `${RR()}/export`, body: { reason: 'matrix check' } }),
    },
    'DELETE /api/replay/recordings/:recordingId': {
      expect: [401, 403, 200, 200, 404, 403, 403],
      req: async () => ({ path: `/api/replay/recordings/${await freshRecordingA1()}` }),
    },
    'POST /api/sites/:siteId/replay/kill': {
      expect: [401, 403, 200, 200, 404, 403, 403],
      req: async () => ({ path: `/api/sites/${await freshSiteA()}/replay/kill`, body: {} }),
    },
    // Clearing the kill switch's latch: org owners only, with a note.
    'POST /api/sites/:siteId/replay/unlatch': {
      expect: [401, 403, 403, 200, 404, 403, 403],
      req: async () => {
        const siteId = await freshSiteA();
        await w().server.pomelo.store.replay.latch({
          scope: `site:${siteId}`,
          latchedAt: Date.now(),
          latchedBy: 'cli',
          detail: 'kill switch',
        });
        return { path: `/api/sites/${siteId}/replay/unlatch`, body: { note: 'matrix check' } };
      },
    },
    'POST /api/replay/start': {
      expect: [400, 400, 400, 400, 400, 400, 400],
      req: () => ({ path: '/api/replay/start', body: { offer: 'x', url: 'https://a1.test/' } }),
    },
    'POST /api/replay/chunk': {
      expect: [410, 410, 410, 410, 410, 410, 410],
      req: () => ({
        path: `/api/replay/chunk?recording=${'A'.repeat(22)}&seq=0&enc=identity`,
        body: [{ type: 4, timestamp: 1, data: {} }],
      }),
    },
    'DELETE /api/replay/chunk': {
      expect: [204, 204, 204, 204, 204, 204, 204],
      req: () => ({ path: `/api/replay/chunk?recording=${'A'.repeat(22)}&purge=1` }),
    },
    'POST /api/v2/query': {
      expect: [401, 200, 200, 200, 404, 200, 200],
      req: () => ({
        path: '/api/v2/query',
        body: { site_id: 'a1.test', metrics: ['pageviews'], date_range: '30d' },
      }),
    },
  };
}

async function replayWindowIn(w: World, draft?: { signedOffBy: number }): Promise<string> {
  const id = `w_${randomBytes(9).toString('base64url')}`;
  const signOff = draft && { by: String(draft.signedOffBy), at: Date.now(), note: 'no preview' };
  const window = windowFixture(
    id,
    w.siteA1,
    {
      ownerId: String(w.users.adminA),
      viewerIds: [String(w.users.viewerA)],
      safeguards: { downloadsAllowed: true, noticeHiddenReason: null, signOff: signOff ?? null },
      ...(draft ? { state: 'draft' as const } : {}),
    },
    Date.now(),
  );
  // The key as the server stores it: wrapped under the KEK and the window's secret (keyring.ts).
  await w.server.pomelo.store.replay.createWindow(
    window,
    await w.server.pomelo.replay.keys.create(id),
  );
  return id;
}

async function recordingIn(w: World, windowId: string): Promise<string> {
  const id = randomBytes(16).toString('base64url');
  const now = Date.now();
  await w.server.pomelo.store.replay.startRecording({ id, windowId, siteId: w.siteA1, now }, 1e6);
  return id;
}

async function credentials(w: World, who: Who): Promise<Record<string, string>> {
  switch (who) {
    case 'anonymous':
      return {};
    case 'shareA':
      return { 'x-pomelo-share': w.shareToken };
    case 'keyA':
      return { authorization: `Bearer ${w.apiKey}` };
    default:
      // A fresh session per request: logout and password change end the one they are given.
      return { cookie: await sessionCookie(w.server, w.users[who]) };
  }
}

describe('authorization matrix', () => {
  let world: World;
  const table = matrix(() => world);

  beforeAll(async () => {
    const server = await startTestServer({ env: testEnv });
    const owner = await setupOwner(server, 'owner-a@example.test', password, 'Org A');
    const site = (domain: string) =>
      owner.client.post(`/api/orgs/${owner.orgId}/sites`, { domain, timezone: 'UTC' });
    const siteA1 = (await site('a1.test')).body.site.id as number;
    await site('a2.test');
    const viewerA = await addUser(server, 'viewer-a@example.test', password, 'Org A', 'viewer');
    const adminA = await addUser(server, 'admin-a@example.test', password, 'Org A', 'admin');
    const ownerB = await addUser(server, 'owner-b@example.test', password, 'Org B', 'owner');
    await server.pomelo.store.accounts.createSite(
      { domain: 'b1.test', timezone: 'UTC' },
      ownerB.orgId,
      new Date(),
    );
    const link = await owner.client.post(`/api/sites/${siteA1}/shared-links`, { label: 'client' });
    const key = await owner.client.post('/api/api-keys', { name: 'stats', siteIds: [siteA1] });
    world = {
      server,
      users: {
        ownerA: owner.userId,
        viewerA: viewerA.userId,
        adminA: adminA.userId,
        ownerB: ownerB.userId,
      },
      orgA: owner.orgId,
      orgB: ownerB.orgId,
      siteA1,
      shareToken: link.body.token,
      apiKey: key.body.secret,
      replayWindow: '',
      replayRecording: '',
    };
    world.replayWindow = await replayWindowIn(world);
    world.replayRecording = await recordingIn(world, world.replayWindow);
  });
  afterAll(() => world?.server.close());

  test('every API route of the app is in the matrix, and nothing else', () => {
    const routes = new Set(
      world.server.pomelo.app.routes
        .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/'))
        .map((r) => `${r.method} ${r.path}`),
    );
    expect([...routes].sort()).toEqual(Object.keys(table).sort());
  });

  // Routes outside /api: public by design (the tracker, the dashboard's static files, which hold
  // no data) or operational (health checks for load balancers, metrics for loopback or a bearer
  // token: test/ops/health.test.ts). None goes through the session middleware. A new one must be
  // listed here, with its rule.
  const outsideApi: Record<string, { anonymous: number; proxied?: number }> = {
    'GET /p.js': { anonymous: 200 },
    'GET /p.files.js': { anonymous: 200 },
    'GET /p.outbound.js': { anonymous: 200 },
    'GET /p-debug.js': { anonymous: 200 },
    'GET /replay.js': { anonymous: 200 },
    // The replay tab loader: continues or withdraws this tab's recording (docs/REPLAY.md).
    'GET /replay-tab': { anonymous: 200 },
    'GET /healthz': { anonymous: 200 },
    'GET /readyz': { anonymous: 200 },
    // Loopback only, or Authorization: Bearer POMELO_METRICS_TOKEN (none is set here: 403).
    'GET /metrics': { anonymous: 200, proxied: 403 },
    'GET /': { anonymous: 200 },
    'GET /setup': { anonymous: 200 },
    'GET /invite': { anonymous: 200 },
    'GET /share/*': { anonymous: 200 },
    'GET /replay/player': { anonymous: 200 },
    'GET /assets/:file': { anonymous: 404 },
    // A site's privacy report, public only once its owner turns it on (docs/PRIVACY.md).
    'GET /privacy/report.css': { anonymous: 200 },
    'GET /privacy/:domain': { anonymous: 404 },
    // One-click unsubscribe: the signed link is the permission; without one, 400 (issue 14).
    'GET /mail/unsubscribe': { anonymous: 400 },
    'POST /mail/unsubscribe': { anonymous: 400 },
  };

  test('every route outside /api is listed with its rule, and answers as listed', async () => {
    const routes = new Set(
      world.server.pomelo.app.routes
        .filter((r) => r.method !== 'ALL' && !r.path.startsWith('/api/'))
        .map((r) => `${r.method} ${r.path}`),
    );
    expect([...routes].sort()).toEqual(Object.keys(outsideApi).sort());
    for (const [route, rule] of Object.entries(outsideApi)) {
      const path = route.split(' ')[1]!.replace('*', 'x').replace(':file', 'none.js');
      const res = await fetch(`${world.server.url}${path}`);
      expect(res.status, route).toBe(rule.anonymous);
      // Not the dashboard's session: a session cookie changes nothing, and none is ever set.
      expect(res.headers.get('set-cookie'), route).toBeNull();
      if (rule.proxied !== undefined) {
        const proxied = await fetch(`${world.server.url}${path}`, {
          headers: { 'x-forwarded-for': '203.0.113.7' },
        });
        expect(proxied.status, route).toBe(rule.proxied);
      }
    }
  });

  test.each(Object.keys(table))('%s', async (route) => {
    const row = table[route]!;
    const method = route.split(' ')[0]!;
    const got: Record<string, number> = {};
    const want: Record<string, number> = {};
    for (const [i, who] of principals.entries()) {
      const { path, body } = await row.req(who);
      const client = new Client(world.server.url, await credentials(world, who));
      const res = await client.request(
        method,
        path,
        method === 'POST' || method === 'PATCH' || method === 'PUT' ? body : undefined,
      );
      got[who] = res.status;
      want[who] = row.expect[i]!;
    }
    expect(got).toEqual(want);
  });
});
