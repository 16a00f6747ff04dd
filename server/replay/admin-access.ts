// Who may reach a replay admin route: signed-in users only (API keys and shared links get 403 on
// every replay route, whatever their scope), members of the window's organisation (404 for
// others, like every site resource), and for playback only the window's named viewers.
import type { Context } from 'hono';
import { enforce, resolvePrincipal } from '../accounts/access.js';
import type { Action } from '../accounts/authorize.js';
import type { Principal } from '../accounts/principal.js';
import { ApiError, type ErrorCode } from '../http/errors.js';
import type { Role } from '../store/accounts.js';
import type { RecordingRecord, StoredWindow } from '../store/replay.js';
import type { SiteRecord, Store } from '../store/types.js';

export type ReplayUser = Extract<Principal, { kind: 'user' }>;

export interface WindowAccess {
  user: ReplayUser;
  site: SiteRecord;
  window: StoredWindow;
  role: Role | undefined;
}

/**
 * An ApiError (status from `kind`) whose body names a precise code — `reason_required`,
 * `downloads_disabled`, `self_viewer` — so the dashboard can tell the cases apart.
 */
export class ReplayRefusal extends ApiError {
  constructor(kind: ErrorCode, code: string, message: string) {
    super(kind, message);
    Object.defineProperty(this, 'code', { value: code });
  }
}

const notFound = () => new ApiError('not_found', 'no such resource');

/** The signed-in user, or 401 (nobody) / 403 (an API key or a shared link). */
export async function replayUser(c: Context): Promise<ReplayUser> {
  const p = await resolvePrincipal(c);
  if (p.kind === 'api_key' || p.kind === 'shared_link') {
    throw new ApiError('forbidden', 'replay is never reachable with an API key or a shared link');
  }
  if (p.kind === 'anonymous') throw new ApiError('unauthorized', 'sign in first');
  return p;
}

/** The site if the user may do `action` on it (404 outside its org, 403 for a too-low role). */
export async function replaySite(
  c: Context,
  store: Store,
  siteId: number | string,
  action: Action,
): Promise<{ user: ReplayUser; site: SiteRecord }> {
  const user = await replayUser(c);
  const site =
    typeof siteId === 'number'
      ? await store.accounts.siteById(siteId)
      : await store.siteByDomain(siteId);
  if (!site) throw notFound();
  enforce(user, action, { orgId: site.orgId, siteId: site.id });
  return { user, site };
}

export async function windowAccess(
  c: Context,
  store: Store,
  windowId: string,
  action: Action,
): Promise<WindowAccess> {
  const user = await replayUser(c);
  const window = await store.replay.window(windowId);
  if (!window) throw notFound();
  const { site } = await replaySite(c, store, Number(window.siteId), action);
  return {
    user,
    site,
    window,
    role: site.orgId == null ? undefined : user.memberships.get(site.orgId),
  };
}

export async function recordingAccess(
  c: Context,
  store: Store,
  recordingId: string,
  action: Action,
): Promise<WindowAccess & { recording: RecordingRecord }> {
  await replayUser(c);
  const recording = await store.replay.recording(recordingId);
  if (!recording) throw notFound();
  return { ...(await windowAccess(c, store, recording.windowId, action)), recording };
}

export const isNamedViewer = (a: WindowAccess) =>
  a.window.viewerIds.includes(String(a.user.userId));

/** Playback and export: the window's named viewers, and nobody else, whatever their role. */
export function requireNamedViewer(a: WindowAccess): void {
  if (!isNamedViewer(a)) {
    throw new ApiError(
      'forbidden',
      'only the named viewers of this window can play its recordings',
    );
  }
}
