// Typed client for the replay admin API (docs/REPLAY.md, "Admin API"). Session only: the server
// refuses shared links and API keys on every replay route, so this client never sends either.
import { call, failure, type Me } from './api.js';
import type { OpenWindowForm } from './data/replay-form.js';
import { openWindowBody } from './data/replay-form.js';

export interface ReplayFinding {
  type: string;
  seq?: number | null;
  path?: string | null;
  offset?: number | null;
}

export interface ReplayWindow {
  id: string;
  siteId: number;
  purpose: string;
  purposeText: string | null;
  ticketUrl: string | null;
  ownerUserId: number;
  startsAt: string;
  endsAt: string;
  sampleRate: number;
  maxSessions: number;
  maxMinutesPerRecording: number;
  maxPagesPerRecording: number;
  includeRules: string[];
  /** An include rule covers every page (chosen explicitly when the window opened). */
  wholeSite?: boolean;
  excludeRules: string[];
  unmaskSelectors: string[];
  retentionDays: number;
  viewerUserIds: number[];
  canary: boolean;
  /** Raw exports; off unless the window's owner allowed them. */
  downloadsAllowed: boolean;
  /** The on-page notice; hidden only with a written reason. */
  noticeShown: boolean;
  noticeHiddenReason: string | null;
  /** A second person's sign-off (any member but the owner), with their note. */
  signOff: { by: number; at: string; note: string } | null;
  /** A draft's live preview link expiry (the link itself is shown once, when made). */
  previewLinkExpiresAt?: string | null;
  /** draft | open | scheduled | paused | closed | purged */
  state: string;
  pauseReason: string | null;
  /** The last state change: its reason says why a closed window closed. */
  lastChange: {
    state: string;
    at: string;
    by: number | null;
    reason: string;
    detail: string | null;
  };
  closedAt: string | null;
  purgeDueAt: string | null;
  counts: { sessions: number; recordings: number; flaggedChunks: number };
  /** Findings by type over the window's recordings. */
  findings: Record<string, number>;
}

export interface ReplayRecording {
  id: string;
  windowId: string;
  startedAt: string;
  endedAt?: string | null;
  pages: number;
  chunks: number;
  bytes?: number;
  quarantinedChunks: number;
  findings: ReplayFinding[];
  reviewed: boolean;
  reviewedAt?: string | null;
  /** An admin's own preview visit of a draft window; deleted when the window opens. */
  preview?: boolean;
}

/** The kill switch's latch: no window opens until an owner clears it with a note. */
export interface ReplayLatch {
  scope: 'install' | 'site';
  latchedAt: string;
  latchedBy: string;
  detail: string;
}

export interface OrgMember {
  userId: number;
  email: string;
  role: string;
}

const enc = encodeURIComponent;
const windowPath = (id: string) => `/api/replay/windows/${enc(id)}`;
const recordingPath = (id: string) => `/api/replay/recordings/${enc(id)}`;

/**
 * A download (record of processing, recording export) as a Blob with the server's file name. A
 * POST: audited routes never answer a GET, so a cross-site link cannot forge an audit row.
 */
async function download(
  path: string,
  fallback: string,
  body: Record<string, unknown> = {},
): Promise<{ blob: Blob; name: string }> {
  const res = await fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw await failure(res);
  const disposition = res.headers.get('content-disposition') ?? '';
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallback;
  return { blob: await res.blob(), name };
}

export const replayApi = {
  /** The org of a site (admin view of the site) and its members, for the owner and viewer pickers. */
  siteOrg: async (domain: string) =>
    (
      await call<{ site: { id: number; domain: string; orgId: number | null } }>(
        'GET',
        `/api/sites/${enc(domain)}`,
      )
    ).site,
  /** The org's members for the pickers; only admins and owners may list them (others get none). */
  members: async (me: Me, orgId: number | null): Promise<OrgMember[]> => {
    if (orgId === null || !managesOrg(me, orgId)) return [];
    return (await call<{ members: OrgMember[] }>('GET', `/api/orgs/${orgId}/members`)).members;
  },
  windows: async (domain: string) => (await replayApi.windowsAndLatch(domain)).windows,
  windowsAndLatch: (domain: string) =>
    call<{ windows: ReplayWindow[]; latch: ReplayLatch | null }>(
      'GET',
      `/api/sites/${enc(domain)}/replay/windows`,
    ),
  openWindow: (domain: string, form: OpenWindowForm) =>
    call<{ window: ReplayWindow }>(
      'POST',
      `/api/sites/${enc(domain)}/replay/windows`,
      openWindowBody(form),
    ).then((r) => r.window),
  window: (id: string) =>
    call<{ window: ReplayWindow }>('GET', windowPath(id)).then((r) => r.window),
  /**
   * Viewers (org owners), pause/resume (`paused`, with a `note` after an automatic pause), an
   * earlier end, downloads (the window's owner) and the on-page notice: nothing else can change.
   */
  patchWindow: (
    id: string,
    patch: {
      viewerUserIds?: number[];
      paused?: boolean;
      note?: string;
      endsAt?: string;
      downloadsAllowed?: boolean;
      hideNoticeReason?: string | null;
    },
  ) => call<{ window: ReplayWindow }>('PATCH', windowPath(id), patch).then((r) => r.window),
  signOff: (id: string, note: string) =>
    call<{ window: ReplayWindow }>('POST', `${windowPath(id)}/sign-off`, { note }).then(
      (r) => r.window,
    ),
  /** A preview link for a draft: an included page with a one-off token in its fragment. */
  previewLink: (id: string) =>
    call<{ url: string; expiresAt: string }>('POST', `${windowPath(id)}/preview`, {}),
  /** draft → open, once a second person signed it off (not the caller). */
  openDraft: (id: string) =>
    call<{ window: ReplayWindow }>('POST', `${windowPath(id)}/open`, {}).then((r) => r.window),
  closeWindow: (id: string, purge: boolean) =>
    call<unknown>('POST', `${windowPath(id)}/close`, { purge }),
  recordings: async (id: string) =>
    (await call<{ recordings: ReplayRecording[] }>('GET', `${windowPath(id)}/recordings`))
      .recordings,
  reviewQueue: async (id: string) =>
    (await call<{ recordings: ReplayRecording[] }>('GET', `${windowPath(id)}/review-queue`))
      .recordings,
  markReviewed: (recordingId: string) =>
    call<unknown>('POST', `${recordingPath(recordingId)}/reviewed`, {}),
  /**
   * Playback (audited as a play, with the stated reason); `viewer` is the name the server recorded
   * in the audit log.
   */
  play: (recordingId: string, reason: string) =>
    call<{ events: unknown[]; viewer: string }>('POST', `${recordingPath(recordingId)}/play`, {
      reason,
    }),
  exportRecording: (recordingId: string, reason: string) =>
    download(`${recordingPath(recordingId)}/export`, `replay-${recordingId}.json`, { reason }),
  deleteRecording: (recordingId: string) => call<unknown>('DELETE', recordingPath(recordingId)),
  record: (id: string, format: 'md' | 'json') =>
    download(`${windowPath(id)}/record.${format}`, `record-of-processing-${id}.${format}`),
  kill: (domain: string) => call<unknown>('POST', `/api/sites/${enc(domain)}/replay/kill`, {}),
  unlatch: (domain: string, note: string) =>
    call<unknown>('POST', `/api/sites/${enc(domain)}/replay/unlatch`, { note }),
};

/**
 * Whether the user is an admin or owner of the org: only they see the actions the server would
 * refuse anyone else (open, pause, close, kill). The server decides either way.
 */
export function managesOrg(me: Me, orgId: number | null): boolean {
  const role = me.orgs.find((o) => o.id === orgId)?.role;
  return role === 'admin' || role === 'owner';
}
