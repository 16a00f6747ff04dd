// /api/setup and /api/auth/*: first run, login, logout, who am I, password change.
import { Hono } from 'hono';
import * as v from 'valibot';
import { locales } from '../../i18n/locale.js';
import { ApiError } from '../../http/errors.js';
import { rateLimitPerClient } from '../../http/middleware/rate-limit.js';
import { valid } from '../../http/validate.js';
import { requireUser, resolvePrincipal } from '../access.js';
import { recordAudit } from '../audit.js';
import { depsOf, type AccountsDeps } from '../context.js';
import { endCurrentSession, startSession } from '../sessions.js';
import {
  attemptLogin,
  checkPassword,
  createUser,
  grantInstanceAdmin,
  joinOrg,
  normaliseEmail,
  setPassword,
} from '../users.js';
import { startPendingLogin } from '../login-step.js';
import { verifyPassword } from '../passwords.js';
import { loginMethods } from '../second-factor.js';
import { emailAddress, newPassword, orgName } from '../user-input.js';

const email = emailAddress;
const password = newPassword;

export function authRoutes(deps: AccountsDeps): Hono {
  const app = new Hono();
  const limited = rateLimitPerClient(deps.authLimiter, deps.config.trustedProxies);

  app.get('/api/setup', async (c) => {
    return c.json({ needed: (await depsOf(c).store.accounts.countUsers()) === 0 });
  });

  app.post(
    '/api/setup',
    limited,
    valid('json', v.strictObject({ token: v.string(), email, password, orgName })),
    async (c) => {
      const { store, setup, now } = depsOf(c);
      const body = c.req.valid('json');
      if ((await store.accounts.countUsers()) > 0) {
        setup.close();
        throw new ApiError('conflict', 'Pomelo is already set up; sign in');
      }
      checkPassword(body.password, body.email);
      if (setup.expired(now())) {
        throw new ApiError(
          'forbidden',
          'this setup link has expired (it works for one hour); restart Pomelo to print a new one',
        );
      }
      if (!setup.consume(body.token, now()))
        throw new ApiError('forbidden', 'invalid or used setup token');
      const user = await createUser(store, body.email, body.password, now());
      const actor = `user:${user.id}`;
      // The first owner is the instance's administrator: the one who may create organisations.
      await grantInstanceAdmin(store, now(), actor, user, 'setup');
      const orgId = await joinOrg(store, now(), actor, body.orgName, user, 'owner');
      const adopted = await store.accounts.adoptOrphanSites(orgId);
      if (adopted > 0) deps.onSitesChanged();
      await recordAudit(store, now(), {
        actor,
        action: 'setup.complete',
        target: `org:${orgId}`,
        orgId,
        details: { adoptedSites: adopted },
      });
      await startSession(c, user.id);
      return c.json(
        { user: { id: user.id, email: user.email }, org: { id: orgId, name: body.orgName } },
        201,
      );
    },
  );

  app.post(
    '/api/auth/login',
    limited,
    valid('json', v.strictObject({ email, password })),
    async (c) => {
      const { store, now } = depsOf(c);
      if ((await store.accounts.countUsers()) === 0) {
        throw new ApiError(
          'conflict',
          'Pomelo is not set up yet: open the setup link printed at start',
        );
      }
      const body = c.req.valid('json');
      const outcome = await attemptLogin(store, now(), normaliseEmail(body.email), body.password);
      if (!outcome.ok) {
        if (outcome.lockedSeconds) {
          throw new ApiError(
            'rate_limited',
            'too many failed attempts; this account is locked for a while',
            outcome.lockedSeconds,
          );
        }
        throw new ApiError('unauthorized', 'wrong email or password');
      }
      if (outcome.secondStep) {
        // No session yet: the second factor is asked for with this token (login-step.ts).
        const pending = await startPendingLogin(depsOf(c), outcome.user);
        return c.json({ secondFactor: await loginMethods(store, outcome.user.id, pending) });
      }
      await startSession(c, outcome.user.id);
      return c.json({ user: { id: outcome.user.id, email: outcome.user.email } });
    },
  );

  app.post('/api/auth/logout', async (c) => {
    const p = await resolvePrincipal(c);
    if (p.kind === 'user') {
      await endCurrentSession(c);
      await recordAudit(depsOf(c).store, depsOf(c).now(), {
        actor: `user:${p.userId}`,
        action: 'logout',
        target: `user:${p.userId}`,
      });
    }
    return c.body(null, 204);
  });

  app.get('/api/auth/me', async (c) => {
    const p = await requireUser(c);
    const { store } = depsOf(c);
    const orgs = await store.accounts.membershipsOf(p.userId);
    const locale = (await store.accounts.userById(p.userId))?.locale ?? null;
    const awaiting = p.awaitingSecondFactor ?? new Set<number>();
    return c.json({
      user: { id: p.userId, email: p.email, instanceAdmin: p.instanceAdmin, locale },
      orgs: orgs.map((o) => ({ id: o.orgId, name: o.orgName, role: o.role })),
      // Orgs that refuse this user until a second factor is set up (the dashboard sends them to enrol).
      secondFactorRequiredBy: [...awaiting],
    });
  });

  /** The dashboard language, remembered per user across sign-outs and browsers; null forgets it. */
  app.put(
    '/api/auth/locale',
    valid(
      'json',
      v.strictObject({
        locale: v.nullable(v.picklist(locales, `one of ${locales.join(', ')}, or null`)),
      }),
    ),
    async (c) => {
      const p = await requireUser(c);
      await depsOf(c).store.accounts.setLocale(p.userId, c.req.valid('json').locale);
      return c.body(null, 204);
    },
  );

  app.post(
    '/api/auth/password',
    limited,
    valid('json', v.strictObject({ current: password, password })),
    async (c) => {
      const p = await requireUser(c);
      const { store, now } = depsOf(c);
      const body = c.req.valid('json');
      const user = await store.accounts.userById(p.userId);
      if (!user || !(await verifyPassword(user.passwordHash, body.current))) {
        throw new ApiError('forbidden', 'the current password is wrong');
      }
      await setPassword(store, now(), `user:${user.id}`, user, body.password, 'password.change');
      // Privilege change: every other session ends and this one gets a new id.
      await startSession(c, user.id);
      return c.body(null, 204);
    },
  );
  return app;
}
