// Dashboard sessions: a random token in an HttpOnly SameSite=Lax cookie, only its SHA-256 stored;
// a new token at every login and privilege change (fixation-proof); idle and absolute expiry
// enforced on the server.
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { isHttpsRequest } from '../http/request-security.js';
import type { Role } from '../store/accounts.js';
import { depsOf, type AccountsDeps } from './context.js';
import type { Principal } from './principal.js';
import { orgsAwaitingSecondFactor } from './second-factor.js';
import { newToken, sha256Hex } from './tokens.js';

/** Writes to last_seen_at at most this often: a dashboard makes many requests a minute. */
const touchEveryMs = 60_000;

/** HTTPS per request: an https:// public URL, or a trusted proxy's X-Forwarded-Proto: https. */
const isHttps = (c: Context) => isHttpsRequest(c, depsOf(c).config);

export const sessionCookieNames = ['__Host-pomelo_session', 'pomelo_session'] as const;

/** `__Host-` (Secure, Path=/, no Domain: cannot be set by a sibling subdomain) when over HTTPS. */
export function sessionCookieName(c: Context): string {
  return isHttps(c) ? sessionCookieNames[0] : sessionCookieNames[1];
}

/** Issues a fresh session for the user, ending the one this request came with (rotation). */
export async function startSession(c: Context, userId: number): Promise<void> {
  const { store, config, now } = depsOf(c);
  const previous = getCookie(c, sessionCookieName(c));
  if (previous) await store.accounts.deleteSession(sha256Hex(previous));
  const token = newToken('ses');
  const at = now();
  await store.accounts.createSession({
    idHash: sha256Hex(token),
    userId,
    createdAt: new Date(at).toISOString(),
    lastSeenAt: new Date(at).toISOString(),
    expiresAt: new Date(at + config.sessionMaxHours * 3_600_000).toISOString(),
  });
  setCookie(c, sessionCookieName(c), token, {
    httpOnly: true,
    secure: isHttps(c),
    sameSite: 'Lax',
    path: '/',
    maxAge: config.sessionMaxHours * 3_600,
  });
}

/** Deletes the session the request carries (server side) and clears the cookie. */
export async function endCurrentSession(c: Context): Promise<void> {
  const { store, config } = depsOf(c);
  const token = getCookie(c, sessionCookieName(c));
  if (token) await store.accounts.deleteSession(sha256Hex(token));
  deleteCookie(c, sessionCookieName(c), { path: '/', secure: isHttps(c) });
}

/** Ends every session of a user (password change or reset), e.g. before issuing a new one. */
export async function endAllSessions(deps: AccountsDeps, userId: number): Promise<void> {
  await deps.store.accounts.deleteSessionsOf(userId);
}

export async function memberships(deps: AccountsDeps, userId: number): Promise<Map<number, Role>> {
  const list = await deps.store.accounts.membershipsOf(userId);
  return new Map(list.map((m) => [m.orgId, m.role]));
}

/** The signed-in user of the session cookie, or undefined when absent, unknown or expired. */
export async function sessionPrincipal(c: Context): Promise<Principal | undefined> {
  const deps = depsOf(c);
  const token = getCookie(c, sessionCookieName(c));
  if (!token) return undefined;
  const idHash = sha256Hex(token);
  const session = await deps.store.accounts.session(idHash);
  if (!session) return undefined;
  const now = deps.now();
  const idleUntil = Date.parse(session.lastSeenAt) + deps.config.sessionIdleMinutes * 60_000;
  if (now >= Date.parse(session.expiresAt) || now >= idleUntil) {
    await deps.store.accounts.deleteSession(idHash);
    return undefined;
  }
  const user = await deps.store.accounts.userById(session.userId);
  if (!user) return undefined;
  if (now - Date.parse(session.lastSeenAt) >= touchEveryMs) {
    await deps.store.accounts.touchSession(idHash, new Date(now).toISOString());
  }
  return {
    kind: 'user',
    userId: user.id,
    email: user.email,
    sessionHash: idHash,
    memberships: await memberships(deps, user.id),
    instanceAdmin: user.instanceAdmin,
    awaitingSecondFactor: await orgsAwaitingSecondFactor(deps.store, user.id),
  };
}
