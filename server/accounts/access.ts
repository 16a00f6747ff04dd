// The access helpers every route uses: who is asking (resolvePrincipal) and may they reach this
// site (siteAccess) or org (orgAccess). Failures are ApiErrors: 401, 403, or 404 that hides
// existence across organisations.
import type { Context } from 'hono';
import { ApiError } from '../http/errors.js';
import { clientKey } from '../http/middleware/rate-limit.js';
import type { OrgRecord } from '../store/accounts.js';
import type { SiteRecord } from '../store/types.js';
import { authorize, type Action, type InstancePolicy, type Resource } from './authorize.js';
import { depsOf } from './context.js';
import { verifyPassword } from './passwords.js';
import { anonymous, type Principal } from './principal.js';
import { orgsAwaitingSecondFactor } from './second-factor.js';
import { memberships, sessionPrincipal } from './sessions.js';
import { sha256Hex } from './tokens.js';

/** Header (or `?share=` query parameter) carrying a shared-link token. */
export const shareHeader = 'x-pomelo-share';
/** Header carrying the password of a password-protected shared link. */
export const sharePasswordHeader = 'x-pomelo-share-password';

/** Passwords already verified for a link (keyed by a digest, never the password), for 10 min. */
const verifiedShares = new Map<string, number>();

/**
 * Who is asking, resolved once per request: `Authorization: Bearer <API key>`, else a shared-link
 * token, else the session cookie, else anonymous. A presented but invalid key or link is a 401,
 * not a silent fallback to anonymous.
 */
export async function resolvePrincipal(c: Context): Promise<Principal> {
  const cached = c.get('principal');
  if (cached) return cached;
  const principal = await resolve(c);
  c.set('principal', principal);
  return principal;
}

async function resolve(c: Context): Promise<Principal> {
  const auth = c.req.header('authorization');
  if (auth !== undefined) return apiKeyPrincipal(c, auth);
  const share = c.req.header(shareHeader) ?? c.req.query('share');
  if (share !== undefined) return sharedLinkPrincipal(c, share);
  return (await sessionPrincipal(c)) ?? anonymous;
}

async function apiKeyPrincipal(c: Context, header: string): Promise<Principal> {
  const deps = depsOf(c);
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  const key = match ? await deps.store.accounts.apiKeyByHash(sha256Hex(match[1]!)) : undefined;
  if (!key || key.revokedAt) throw new ApiError('unauthorized', 'invalid or revoked API key');
  const now = deps.now();
  if (key.expiresAt && Date.parse(key.expiresAt) <= now) {
    throw new ApiError(
      'api_key_expired',
      `this API key expired at ${key.expiresAt}; create a new one in the dashboard (API keys)`,
    );
  }
  // Last use, written at most once a minute: a busy key would otherwise write on every request.
  if (!key.lastUsedAt || now - Date.parse(key.lastUsedAt) > 60_000) {
    await deps.store.accounts.touchApiKey(key.id, new Date(now).toISOString());
  }
  return {
    kind: 'api_key',
    keyId: key.id,
    userId: key.userId,
    siteIds: new Set(key.siteIds),
    memberships: await memberships(deps, key.userId),
    awaitingSecondFactor: await orgsAwaitingSecondFactor(deps.store, key.userId),
    ...(key.k ? { k: key.k } : {}),
    plausibleCompat: key.plausibleCompat === true,
  };
}

async function sharedLinkPrincipal(c: Context, token: string): Promise<Principal> {
  const deps = depsOf(c);
  const link = await deps.store.accounts.sharedLinkByHash(sha256Hex(token));
  const now = deps.now();
  if (!link || link.revokedAt || (link.expiresAt && Date.parse(link.expiresAt) <= now)) {
    throw new ApiError('unauthorized', 'this shared link is invalid, expired or revoked');
  }
  if (link.passwordHash) {
    const password = c.req.header(sharePasswordHeader) ?? '';
    const key = sha256Hex(`${link.id}\0${link.passwordHash}\0${password}`);
    if ((verifiedShares.get(key) ?? 0) <= now) {
      if (!deps.authLimiter.take(clientKey(c, deps.config.trustedProxies)).ok) {
        throw new ApiError('rate_limited', 'too many attempts; retry later', 60);
      }
      if (!password || !(await verifyPassword(link.passwordHash, password))) {
        throw new ApiError('unauthorized', 'this shared link needs its password');
      }
      if (verifiedShares.size > 10_000) verifiedShares.clear();
      verifiedShares.set(key, now + 10 * 60_000);
    }
  }
  return {
    kind: 'shared_link',
    linkId: link.id,
    siteId: link.siteId,
    ...(link.k ? { k: link.k } : {}),
  };
}

/** Throws the ApiError for a refused decision (401 / 403 / 404). */
export function enforce(
  principal: Principal,
  action: Action,
  resource?: Resource,
  policy?: InstancePolicy,
): void {
  switch (authorize(principal, action, resource, policy)) {
    case 'allow':
      return;
    case 'unauthenticated':
      throw new ApiError('unauthorized', 'sign in first');
    case 'forbidden':
      throw new ApiError('forbidden', 'your role does not allow this');
    case 'hidden':
      throw notFound();
    case 'second_factor_required':
      throw new ApiError(
        'second_factor_required',
        'this organisation requires a second factor: set one up in your account first',
      );
  }
}

const notFound = () => new ApiError('not_found', 'no such resource');

/** The 401 of a site route without credentials, in the terms of the API it belongs to. */
function noCredentials(c: Context): string {
  return c.req.path.startsWith('/api/v2/')
    ? 'this API needs an API key: send Authorization: Bearer <API key> (create one in the dashboard, API keys)'
    : 'sign in, or send an API key as Authorization: Bearer <API key>';
}

/** The signed-in user allowed to create an organisation by the install's policy, or 401/403. */
export async function requireOrgCreator(c: Context) {
  const p = await resolvePrincipal(c);
  enforce(p, 'instance.create_org', undefined, { orgCreation: depsOf(c).config.orgCreation });
  return p as Extract<Principal, { kind: 'user' }>;
}

/** The signed-in user (session) or a 401/403. */
export async function requireUser(c: Context) {
  const p = await resolvePrincipal(c);
  enforce(p, 'account');
  return p as Extract<Principal, { kind: 'user' }>;
}

/**
 * The site (by id or domain) if the request may reach it: `read` = its reports (members of its org,
 * API keys scoped to it, its shared links), `admin` = its settings (admins and owners).
 * Throws 401 (no credentials), 404 (not found or not visible) or 403 (visible, not allowed).
 */
export async function siteAccess(
  c: Context,
  site: number | string,
  need: 'read' | 'admin',
): Promise<SiteRecord> {
  return siteFor(c, site, need === 'read' ? 'site.report' : 'site.manage');
}

/** Like siteAccess, for any site-level action. */
export async function siteFor(
  c: Context,
  site: number | string,
  action: Action,
): Promise<SiteRecord> {
  const principal = await resolvePrincipal(c);
  // Authentication first: an anonymous caller learns nothing about which sites exist. Site routes
  // are the ones API keys reach, so the 401 says how to send one (issue 19 §12).
  if (principal.kind === 'anonymous') throw new ApiError('unauthorized', noCredentials(c));
  const { store } = depsOf(c);
  const record =
    typeof site === 'number' ? await store.accounts.siteById(site) : await store.siteByDomain(site);
  if (!record) throw notFound();
  enforce(principal, action, { orgId: record.orgId, siteId: record.id });
  return record;
}

export async function orgFor(c: Context, orgId: number, action: Action): Promise<OrgRecord> {
  const principal = await resolvePrincipal(c);
  if (principal.kind === 'anonymous') enforce(principal, action);
  const org = Number.isSafeInteger(orgId)
    ? await depsOf(c).store.accounts.orgById(orgId)
    : undefined;
  if (!org) throw notFound();
  enforce(principal, action, { orgId: org.id });
  return org;
}

/** A numeric path parameter; a malformed one becomes -1, an id that names nothing (404). */
export function idParam(c: Context, name: string): number {
  const raw = c.req.param(name) ?? '';
  return /^\d{1,15}$/.test(raw) ? Number(raw) : -1;
}

/** A site path parameter: its numeric id, or its domain (as the report routes use). */
export function siteParam(c: Context, name = 'siteId'): number | string {
  const raw = c.req.param(name) ?? '';
  return /^\d{1,15}$/.test(raw) ? Number(raw) : raw.toLowerCase();
}
