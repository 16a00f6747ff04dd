// /api/auth/second-factor/* (the signed-in user's own factors), /api/auth/login/* (the second step
// of a sign-in) and /api/orgs/:orgId/second-factor (an owner requires one for every member).
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { Hono } from 'hono';
import * as v from 'valibot';
import { ApiError } from '../../http/errors.js';
import { rateLimitPerClient } from '../../http/middleware/rate-limit.js';
import { valid } from '../../http/validate.js';
import { idParam, orgFor, requireUser } from '../access.js';
import { auditRequest } from '../audit.js';
import type { AccountsDeps } from '../context.js';
import {
  pendingLogin,
  countSecondStepAttempt,
  secondStepFailed,
  secondStepSucceeded,
  type SecondStepMethod,
} from '../login-step.js';
import {
  authenticationOptions,
  registerPasskey,
  registrationOptions,
  verifyPasskey,
} from '../passkeys.js';
import {
  beginTotp,
  checkTotp,
  confirmTotp,
  dropRecoveryCodesIfNoFactor,
  hasSecondFactor,
  issueRecoveryCodes,
  keepRequiredFactor,
  reauthenticate,
  recoveryCodesIfNone,
  secondFactorStatus,
  useRecoveryCode,
} from '../second-factor.js';

const code = v.pipe(v.string(), v.maxLength(64));
const token = v.pipe(v.string(), v.maxLength(200));
/** Re-authentication before a removal: the password or a current TOTP code. */
const proof = v.strictObject({
  password: v.optional(v.pipe(v.string(), v.maxLength(1024))),
  code: v.optional(code),
});
/** A PublicKeyCredential as JSON (the library checks the rest); the body limit bounds its size. */
const credential = v.looseObject({
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(1024)),
  rawId: v.pipe(v.string(), v.maxLength(1024)),
  type: v.literal('public-key'),
  response: v.looseObject({ clientDataJSON: v.pipe(v.string(), v.maxLength(16_384)) }),
});
const secondStep = v.strictObject({
  token,
  code: v.optional(code),
  recoveryCode: v.optional(code),
  passkey: v.optional(credential),
});

export function secondFactorRoutes(deps: AccountsDeps): Hono {
  const app = new Hono();
  const limited = rateLimitPerClient(deps.authLimiter, deps.config.trustedProxies);
  const userOf = async (id: number) => {
    const user = await deps.store.accounts.userById(id);
    if (!user) throw new ApiError('unauthorized', 'sign in first');
    return user;
  };

  app.get('/api/auth/second-factor', async (c) => {
    const p = await requireUser(c);
    return c.json(await secondFactorStatus(deps.store, p.userId));
  });

  app.post('/api/auth/second-factor/totp', async (c) => {
    const p = await requireUser(c);
    return c.json(await beginTotp(deps, await userOf(p.userId)), 201);
  });

  app.post(
    '/api/auth/second-factor/totp/confirm',
    limited,
    valid('json', v.strictObject({ code })),
    async (c) => {
      const p = await requireUser(c);
      if (!(await confirmTotp(deps, p.userId, c.req.valid('json').code))) {
        throw new ApiError('bad_request', 'this code is not right; check the time on your device');
      }
      await auditRequest(c, { action: 'second_factor.totp_enrol', target: `user:${p.userId}` });
      return c.json({ recoveryCodes: (await newCodesIfNone(c, p.userId)) ?? null });
    },
  );

  app.post('/api/auth/second-factor/totp/remove', limited, valid('json', proof), async (c) => {
    const p = await requireUser(c);
    await reauthenticate(deps, await userOf(p.userId), c.req.valid('json'));
    await keepRequiredFactor(deps.store, p.userId, 'totp');
    if (!(await deps.store.secondFactor.deleteTotp(p.userId))) {
      throw new ApiError('not_found', 'no authenticator app is set up');
    }
    await dropRecoveryCodesIfNoFactor(deps, p.userId);
    await auditRequest(c, { action: 'second_factor.totp_remove', target: `user:${p.userId}` });
    return c.body(null, 204);
  });

  app.post('/api/auth/second-factor/passkeys/options', async (c) => {
    const p = await requireUser(c);
    return c.json(await registrationOptions(c, await userOf(p.userId)));
  });

  app.post(
    '/api/auth/second-factor/passkeys',
    limited,
    valid(
      'json',
      v.strictObject({
        name: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(100)),
        response: credential,
      }),
    ),
    async (c) => {
      const p = await requireUser(c);
      const body = c.req.valid('json');
      const user = await userOf(p.userId);
      const passkey = await registerPasskey(
        c,
        user,
        body.response as unknown as RegistrationResponseJSON,
        body.name,
      );
      if (!passkey)
        throw new ApiError('bad_request', 'this passkey could not be verified; try again');
      await auditRequest(c, {
        action: 'second_factor.passkey_add',
        target: `user:${p.userId}`,
        details: { passkey: passkey.name },
      });
      return c.json(
        {
          passkey: { id: passkey.id, name: passkey.name, createdAt: passkey.createdAt },
          recoveryCodes: (await newCodesIfNone(c, p.userId)) ?? null,
        },
        201,
      );
    },
  );

  app.post(
    '/api/auth/second-factor/passkeys/:passkeyId/remove',
    limited,
    valid('json', proof),
    async (c) => {
      const p = await requireUser(c);
      await reauthenticate(deps, await userOf(p.userId), c.req.valid('json'));
      await keepRequiredFactor(deps.store, p.userId, c.req.param('passkeyId'));
      if (!(await deps.store.secondFactor.deletePasskey(p.userId, c.req.param('passkeyId')))) {
        throw new ApiError('not_found', 'no such passkey');
      }
      await dropRecoveryCodesIfNoFactor(deps, p.userId);
      await auditRequest(c, {
        action: 'second_factor.passkey_remove',
        target: `user:${p.userId}`,
      });
      return c.body(null, 204);
    },
  );

  app.post('/api/auth/second-factor/recovery-codes', limited, valid('json', proof), async (c) => {
    const p = await requireUser(c);
    await reauthenticate(deps, await userOf(p.userId), c.req.valid('json'));
    if (!(await hasSecondFactor(deps.store, p.userId))) {
      throw new ApiError('conflict', 'set up an authenticator app or a passkey first');
    }
    return c.json({ recoveryCodes: await newCodes(c, p.userId) });
  });

  // The second step of a sign-in: the pending-login token of POST /api/auth/login and one factor.
  app.post(
    '/api/auth/login/passkey-options',
    limited,
    valid('json', v.strictObject({ token })),
    async (c) => {
      const pending = await pendingLogin(deps, c.req.valid('json').token);
      const { options, count } = await authenticationOptions(c, pending.idHash, pending.user.id);
      if (count === 0) throw new ApiError('not_found', 'this account has no passkey');
      return c.json(options);
    },
  );

  app.post('/api/auth/login/second-factor', limited, valid('json', secondStep), async (c) => {
    const body = c.req.valid('json');
    const given = [body.code, body.recoveryCode, body.passkey].filter((x) => x !== undefined);
    if (given.length !== 1) {
      throw new ApiError('bad_request', 'give one of code, recoveryCode or passkey');
    }
    const pending = await pendingLogin(deps, body.token);
    const counted = await countSecondStepAttempt(deps, pending.user);
    const userId = pending.user.id;
    let method: SecondStepMethod;
    let ok: boolean;
    if (body.code !== undefined) {
      method = 'totp';
      ok = await checkTotp(deps, userId, body.code);
    } else if (body.recoveryCode !== undefined) {
      method = 'recovery_code';
      ok = await useRecoveryCode(deps, userId, body.recoveryCode);
    } else {
      method = 'passkey';
      const response = body.passkey as unknown as AuthenticationResponseJSON;
      ok = await verifyPasskey(c, pending.idHash, userId, response);
    }
    if (!ok) await secondStepFailed(deps, pending.user, method, counted);
    await secondStepSucceeded(c, deps, pending, method);
    return c.json({ user: { id: userId, email: pending.user.email } });
  });

  app.get('/api/orgs/:orgId/second-factor', async (c) => {
    const org = await orgFor(c, idParam(c, 'orgId'), 'org.view');
    return c.json({ required: await deps.store.secondFactor.orgRequirement(org.id) });
  });

  app.put(
    '/api/orgs/:orgId/second-factor',
    valid('json', v.strictObject({ required: v.boolean() })),
    async (c) => {
      const org = await orgFor(c, idParam(c, 'orgId'), 'org.manage_members');
      const p = await requireUser(c);
      const { required } = c.req.valid('json');
      // An owner without a second factor would shut themselves out at once.
      if (required && !(await hasSecondFactor(deps.store, p.userId))) {
        throw new ApiError('conflict', 'set up your own second factor before requiring one');
      }
      await deps.store.secondFactor.setOrgRequirement(org.id, required);
      await auditRequest(c, {
        action: 'org.second_factor_requirement',
        target: `org:${org.id}`,
        orgId: org.id,
        details: { required },
      });
      return c.json({ required });
    },
  );

  /** New recovery codes (the old ones stop), audited; shown once in the answer. */
  async function newCodes(c: Parameters<typeof auditRequest>[0], userId: number) {
    const codes = await issueRecoveryCodes(deps, userId);
    await auditRequest(c, { action: 'second_factor.recovery_codes', target: `user:${userId}` });
    return codes;
  }
  async function newCodesIfNone(c: Parameters<typeof auditRequest>[0], userId: number) {
    const codes = await recoveryCodesIfNone(deps, userId);
    if (codes) {
      await auditRequest(c, { action: 'second_factor.recovery_codes', target: `user:${userId}` });
    }
    return codes;
  }
  return app;
}
