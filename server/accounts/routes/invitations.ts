// POST /api/invitations/accept: joins an org by invitation link, signed in or creating an account.
import { Hono } from 'hono';
import * as v from 'valibot';
import { ApiError } from '../../http/errors.js';
import { rateLimitPerClient } from '../../http/middleware/rate-limit.js';
import { valid } from '../../http/validate.js';
import { resolvePrincipal } from '../access.js';
import { recordAudit } from '../audit.js';
import type { AccountsDeps } from '../context.js';
import { startSession } from '../sessions.js';
import { sha256Hex } from '../tokens.js';
import { createUser } from '../users.js';
import { emailAddress, newPassword } from '../user-input.js';

const acceptBody = v.strictObject({
  token: v.pipe(v.string(), v.maxLength(200)),
  email: v.optional(emailAddress),
  password: v.optional(newPassword),
});

export function invitationRoutes(deps: AccountsDeps): Hono {
  const app = new Hono();

  app.post(
    '/api/invitations/accept',
    rateLimitPerClient(deps.authLimiter, deps.config.trustedProxies),
    valid('json', acceptBody),
    async (c) => {
      const body = c.req.valid('json');
      const now = deps.now();
      const invitation = await deps.store.accounts.invitationByHash(sha256Hex(body.token));
      if (!invitation || invitation.acceptedAt || Date.parse(invitation.expiresAt) <= now) {
        throw new ApiError('not_found', 'this invitation is invalid, used or expired');
      }
      const p = await resolvePrincipal(c);
      let userId: number;
      let email: string;
      if (p.kind === 'user') {
        ({ userId, email } = p);
      } else if (p.kind === 'anonymous' && body.email && body.password) {
        email = body.email;
        if (invitation.email && invitation.email !== email) {
          throw new ApiError('forbidden', 'this invitation is for another email address');
        }
        userId = (await createUser(deps.store, email, body.password, now)).id;
      } else if (p.kind === 'anonymous') {
        throw new ApiError('unauthorized', 'sign in, or give an email and a password to join');
      } else {
        throw new ApiError('forbidden', 'only a person can accept an invitation');
      }
      if (invitation.email && invitation.email !== email) {
        throw new ApiError('forbidden', 'this invitation is for another email address');
      }
      // The conditional update is the single-use guarantee: of two racing accepts, one wins.
      if (
        !(await deps.store.accounts.markInvitationAccepted(
          invitation.id,
          new Date(now).toISOString(),
        ))
      ) {
        throw new ApiError('not_found', 'this invitation is invalid, used or expired');
      }
      await deps.store.accounts.putMembership(
        invitation.orgId,
        userId,
        invitation.role,
        new Date(now),
      );
      await recordAudit(deps.store, now, {
        actor: `user:${userId}`,
        action: 'member.add',
        target: `user:${userId}`,
        orgId: invitation.orgId,
        details: { role: invitation.role, invitation: invitation.id },
      });
      // A new role is a privilege change: the session gets a new id.
      await startSession(c, userId);
      return c.json({ orgId: invitation.orgId, role: invitation.role });
    },
  );
  return app;
}
