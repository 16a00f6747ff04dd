// /api/api-keys: a user's read-only Stats API keys, scoped to sites; shown once, stored hashed.
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { ApiError } from '../../http/errors.js';
import { valid } from '../../http/validate.js';
import type { ApiKeyRecord } from '../../store/accounts.js';
import { requireUser, siteAccess } from '../access.js';
import { auditRequest, sitesByOrg } from '../audit.js';
import { depsOf, type AccountsDeps } from '../context.js';
import { smallCountKSchema } from '../small-count-input.js';
import { newId, newToken, sha256Hex } from '../tokens.js';

const keyBody = v.strictObject({
  name: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(100)),
  siteIds: v.pipe(
    v.array(v.pipe(v.number(), v.integer(), v.minValue(1))),
    v.minLength(1),
    v.maxLength(1000),
  ),
  /** Optional expiry (ISO 8601); from then on the key gets 401 api_key_expired. */
  expiresAt: v.optional(v.nullable(v.pipe(v.string(), v.isoTimestamp()))),
  /** Small-count protection: Stats API rows counted fewer than k times are hidden. */
  k: v.optional(v.nullable(smallCountKSchema)),
  /** Stats API: answer `visitors` with visits and `visit_duration` with engaged time, flagged. */
  plausibleCompat: v.optional(v.boolean()),
});

const keyPatchBody = v.strictObject({ plausibleCompat: v.boolean() });

/** Longest expiry accepted: a key meant to last longer can be replaced before its end. */
const maxKeyLifetimeMs = 5 * 365 * 86_400_000;

const view = ({ keyHash: _secret, ...k }: ApiKeyRecord) => ({
  ...k,
  expiresAt: k.expiresAt ?? null,
  k: k.k ?? null,
  plausibleCompat: k.plausibleCompat === true,
});

/**
 * One row per organisation the key reaches, naming only that org's sites: a member of two orgs
 * must not show one org the other's site ids (issue 11). A key whose sites are all gone gets one
 * org-less row, which no org sees.
 */
async function auditKey(
  c: Context,
  action: 'api_key.create' | 'api_key.revoke' | 'api_key.update',
  keyId: string,
  owner: number,
  siteIds: readonly number[],
  extra: Record<string, unknown> = {},
): Promise<void> {
  const byOrg = await sitesByOrg(depsOf(c).store, siteIds);
  if (byOrg.size === 0)
    await auditRequest(c, { action, target: `api_key:${keyId}`, details: { owner, ...extra } });
  for (const [orgId, ids] of byOrg)
    await auditRequest(c, {
      action,
      target: `api_key:${keyId}`,
      orgId,
      details: { siteIds: ids, owner, ...extra },
    });
}

export function apiKeyRoutes(deps: AccountsDeps): Hono {
  const app = new Hono();

  app.get('/api/api-keys', async (c) => {
    const p = await requireUser(c);
    return c.json({ keys: (await deps.store.accounts.apiKeysOf(p.userId)).map(view) });
  });

  app.post('/api/api-keys', valid('json', keyBody), async (c) => {
    const p = await requireUser(c);
    const body = c.req.valid('json');
    const siteIds = [...new Set(body.siteIds)];
    const now = deps.now();
    const expiresAt = body.expiresAt ? Date.parse(body.expiresAt) : null;
    if (expiresAt !== null && (expiresAt <= now || expiresAt > now + maxKeyLifetimeMs)) {
      throw new ApiError(
        'bad_request',
        'expiresAt must be in the future and at most 5 years away (or null for no expiry)',
      );
    }
    // The key can only read what its user can read today (404 for a site the user cannot see).
    for (const id of siteIds) await siteAccess(c, id, 'read');
    const secret = newToken('pml');
    const key: ApiKeyRecord = {
      id: newId(),
      userId: p.userId,
      name: body.name,
      // Enough to recognise the key in a list; far too short to guess the rest.
      prefix: secret.slice(0, 10),
      keyHash: sha256Hex(secret),
      siteIds,
      createdAt: new Date(now).toISOString(),
      lastUsedAt: null,
      revokedAt: null,
      expiresAt: expiresAt === null ? null : new Date(expiresAt).toISOString(),
      k: body.k ?? null,
      plausibleCompat: body.plausibleCompat === true,
    };
    await deps.store.accounts.createApiKey(key);
    await auditKey(c, 'api_key.create', key.id, p.userId, siteIds, {
      expiresAt: key.expiresAt ?? null,
      k: key.k ?? null,
      plausibleCompat: key.plausibleCompat === true,
    });
    return c.json({ key: view(key), secret }, 201);
  });

  app.patch('/api/api-keys/:keyId', valid('json', keyPatchBody), async (c) => {
    const p = await requireUser(c);
    const id = c.req.param('keyId');
    const { plausibleCompat } = c.req.valid('json');
    const key = (await deps.store.accounts.apiKeysOf(p.userId)).find((k) => k.id === id);
    if (!key || !(await deps.store.accounts.setApiKeyCompat(p.userId, id, plausibleCompat))) {
      throw new ApiError('not_found', 'no such API key');
    }
    await auditKey(c, 'api_key.update', id, p.userId, key.siteIds, { plausibleCompat });
    return c.json({ key: view({ ...key, plausibleCompat }) });
  });

  app.delete('/api/api-keys/:keyId', async (c) => {
    const p = await requireUser(c);
    const id = c.req.param('keyId');
    const at = new Date(deps.now()).toISOString();
    const key = (await deps.store.accounts.apiKeysOf(p.userId)).find((k) => k.id === id);
    if (!key || !(await deps.store.accounts.revokeApiKey(p.userId, id, at))) {
      throw new ApiError('not_found', 'no such API key');
    }
    await auditKey(c, 'api_key.revoke', id, p.userId, key.siteIds);
    return c.body(null, 204);
  });
  return app;
}
