// Window lifecycle with its side effects: open (with a fresh key), settings changes, pause and
// resume, close, purge (key destroyed, rows deleted, space reclaimed, deletion receipt) and the
// kill switch. The decisions are the pure state machine's (window.ts, window-transitions.ts).
import { randomBytes } from 'node:crypto';
import { hashPreviewToken, PREVIEW_FRAGMENT } from './offer.js';
import type { StoredWindow } from '../store/replay.js';
import { auditReplay, type ReplayActor } from './audit.js';
import type { ReplayDeps } from './deps.js';
import { activeLatch, setLatch } from './latches.js';
import {
  checkViewerChange,
  readReason,
  PREVIEW_LINK_TTL_MS,
  PREVIEW_RECORDING_TTL_MS,
  readSafeguards,
  type WindowSafeguards,
} from './safeguards.js';
import { isRecordable } from './url-rules.js';
import { openWindow, updateWindow, type TransitionResult } from './window.js';
import { userId } from './window-input.js';
import type { WindowFieldError } from './window-options.js';
import {
  closeWindow,
  closeIfEnded,
  draftWindow,
  isPurgeDue,
  openDraft,
  pauseWindow,
  purgeWindow,
  resumeWindow,
} from './window-transitions.js';

export type WindowOutcome =
  | { ok: true; window: StoredWindow }
  | {
      ok: false;
      status: 400 | 403 | 409;
      code: string;
      message: string;
      errors?: WindowFieldError[];
    };

type Failure = Extract<WindowOutcome, { ok: false }>;
const fail = (
  status: Failure['status'],
  code: string,
  message: string,
  errors?: WindowFieldError[],
): Failure => ({ ok: false, status, code, message, ...(errors ? { errors } : {}) });

export async function createWindow(
  deps: ReplayDeps,
  opts: {
    siteId: number;
    input: Record<string, unknown>;
    canary: boolean;
    safeguards: WindowSafeguards;
    actor: ReplayActor;
  },
): Promise<WindowOutcome> {
  const now = deps.now();
  if (await activeLatch(deps, opts.siteId)) {
    return fail(
      409,
      'latched',
      'the kill switch was used: an owner must clear the latch with a note before a window opens',
    );
  }
  const id = `w_${randomBytes(12).toString('base64url')}`;
  const opened = openWindow(opts.input, { id, siteId: String(opts.siteId), now });
  if (!opened.ok) {
    return fail(400, 'invalid_window', opened.errors[0]!.message, opened.errors);
  }
  // Every window starts as a draft (issue 12 §12): it opens after a second person's sign-off.
  const window: StoredWindow = {
    ...draftWindow(opened.window),
    canary: opts.canary ? `pomelo-canary-${randomBytes(8).toString('hex')}` : null,
    sessionsStarted: 0,
    flaggedChunks: 0,
    storedBytes: 0,
    purgedAt: null,
    safeguards: opts.safeguards,
  };
  await deps.store.replay.createWindow(window, await deps.keys.create(window.id));
  await auditReplay(deps, window, opts.actor, 'replay.window_open', {
    purpose: window.purpose,
    owner: Number(window.ownerId),
    startsAt: new Date(window.startsAt).toISOString(),
    endsAt: new Date(window.endsAt).toISOString(),
    sampleRate: window.sampleRate,
    viewers: window.viewerIds.map(Number),
    includeRules: window.includeRules.join(' '),
    unmaskSelectors: window.unmaskSelectors.join(', '),
    downloadsAllowed: window.safeguards.downloadsAllowed,
    noticeHiddenReason: window.safeguards.noticeHiddenReason,
  });
  await deps.offers.refresh();
  return { ok: true, window };
}

/** Deletes a window's preview recordings (all of them, or those started before `before`). */
async function deletePreviews(deps: ReplayDeps, w: StoredWindow, before = Infinity) {
  let n = 0;
  for (const rec of await deps.store.replay.recordings(w.id)) {
    if (rec.preview && rec.startedAt < before && (await deps.store.replay.deleteRecording(rec.id)))
      n++;
  }
  return n;
}

/**
 * draft → open (issue 12 §12): after a second person's sign-off, by a member who is not that
 * signer. The preview recordings and link go at once: they were never visitor data.
 */
export async function openSignedDraft(
  deps: ReplayDeps,
  w: StoredWindow,
  actor: `user:${number}`,
): Promise<WindowOutcome> {
  if (await activeLatch(deps, Number(w.siteId))) {
    return fail(409, 'latched', 'the kill switch was used: an owner must clear the latch first');
  }
  const by = actor.slice('user:'.length);
  const t = openDraft(w, { by, now: deps.now(), signedOffBy: w.safeguards.signOff?.by ?? null });
  if (!t.ok) {
    const messages: Record<string, [403 | 409, string]> = {
      not_signed_off: [409, 'a second person must sign the window off before it opens'],
      second_person: [403, 'the member who signed the window off cannot also open it'],
      not_draft: [409, 'the window is not a draft'],
    };
    const [status, message] = messages[t.error] ?? [409, 'the window is closed'];
    return fail(status, t.error, message);
  }
  const next = {
    ...w,
    ...t.window,
    safeguards: { ...w.safeguards, preview: null },
  } as StoredWindow;
  if (!(await deps.store.replay.saveWindow(next, w.state))) {
    return fail(409, 'conflict', 'the window changed meanwhile; reload it');
  }
  const previews = await deletePreviews(deps, next);
  if (previews > 0) await deps.store.replay.reclaimSpace();
  await auditReplay(deps, next, actor, 'replay.window_activate', {
    signer: Number(w.safeguards.signOff!.by),
    previewsDeleted: previews,
  });
  await deps.offers.refresh();
  return { ok: true, window: next };
}

/**
 * A preview link for a draft (issue 12 §12): an included page of the site with a one-off token in
 * its fragment, working for PREVIEW_LINK_TTL_MS. Only the token's hash is kept; a new link
 * replaces the previous one.
 */
export async function createPreviewLink(
  deps: ReplayDeps,
  w: StoredWindow,
  opts: { actorId: number; domain: string; path: unknown },
): Promise<{ ok: true; url: string; expiresAt: number; window: StoredWindow } | Failure> {
  const now = deps.now();
  if (w.state !== 'draft' || now >= w.endsAt) {
    return fail(409, 'not_draft', 'a preview is recorded before the window opens');
  }
  const fallback = (w.includeRules[0] ?? '/').split('*')[0]!;
  const path = opts.path === undefined ? fallback : opts.path;
  if (
    typeof path !== 'string' ||
    !path.startsWith('/') ||
    path.length > 500 ||
    /[#\s]/.test(path)
  ) {
    return fail(400, 'invalid', 'path is a page path such as /shop/cart');
  }
  const page = `https://${opts.domain}${path}`;
  if (!isRecordable(page, w).ok) {
    return fail(400, 'not_recordable', 'the page is not covered by the window’s rules');
  }
  const token = randomBytes(24).toString('base64url');
  const expiresAt = now + PREVIEW_LINK_TTL_MS;
  const preview = { hash: hashPreviewToken(token), expiresAt, by: String(opts.actorId) };
  const next = { ...w, safeguards: { ...w.safeguards, preview } };
  if (!(await deps.store.replay.saveWindow(next, w.state))) {
    return fail(409, 'conflict', 'the window changed meanwhile; reload it');
  }
  await auditReplay(deps, next, `user:${opts.actorId}`, 'replay.preview_link', {
    page: path,
    expiresAt: new Date(expiresAt).toISOString(),
  });
  await deps.offers.refresh();
  return { ok: true, url: `${page}#${PREVIEW_FRAGMENT}${token}`, expiresAt, window: next };
}

/** Saves a transition if nobody changed the window's state meanwhile. */
async function save(deps: ReplayDeps, before: StoredWindow, t: TransitionResult) {
  if (!t.ok) return t;
  const next = { ...before, ...t.window } as StoredWindow;
  if (!(await deps.store.replay.saveWindow(next, before.state))) {
    return { ok: false as const, error: 'changed' as const };
  }
  await deps.offers.refresh();
  return { ok: true as const, window: next };
}

/**
 * The admin PATCH: viewers (an org owner only, never adding themselves), pause/resume (a note after
 * an automatic pause), an earlier end, downloads (the window's owner only) and the on-page notice.
 * Purpose and rules are immutable.
 */
export async function changeWindow(
  deps: ReplayDeps,
  w: StoredWindow,
  body: Record<string, unknown>,
  actor: `user:${number}`,
  actorIsOrgOwner: boolean,
): Promise<WindowOutcome> {
  const now = deps.now();
  const { paused, viewerUserIds, endsAt, note, downloadsAllowed, hideNoticeReason, ...rest } = body;
  const other = Object.keys(rest);
  if (other.length > 0) {
    return fail(
      400,
      'immutable',
      `only viewerUserIds, endsAt, paused, note, downloadsAllowed and hideNoticeReason can change, not ${other[0]}`,
    );
  }
  if (paused !== undefined && typeof paused !== 'boolean') {
    return fail(400, 'invalid', 'paused is true or false');
  }
  const actorId = Number(actor.slice('user:'.length));
  const patch: Record<string, unknown> = {};
  if (viewerUserIds !== undefined) {
    const ids = Array.isArray(viewerUserIds) ? viewerUserIds.map(userId) : [undefined];
    if (!ids.every((v) => v !== undefined)) {
      return fail(400, 'invalid', 'viewerUserIds must be user ids');
    }
    const rule = checkViewerChange({
      actorId,
      actorIsOwner: actorIsOrgOwner,
      before: w.viewerIds.map(Number),
      after: ids as number[],
    });
    if (!rule.ok) return fail(rule.status, rule.code, rule.message);
    patch.viewerIds = ids.map(String);
  }
  if (downloadsAllowed !== undefined && downloadsAllowed !== w.safeguards.downloadsAllowed) {
    if (w.ownerId !== String(actorId)) {
      return fail(403, 'owner_only', 'only the window’s owner allows or stops downloads');
    }
  }
  const safeguards = readSafeguards({ downloadsAllowed, hideNoticeReason }, w.safeguards);
  if (!safeguards.ok) return fail(400, safeguards.error.code, safeguards.error.message);
  let resumeNote: string | null = null;
  if (note !== undefined && note !== null) {
    const read = readReason('note', note);
    if (!read.ok) return fail(400, read.error.code, read.error.message);
    resumeNote = read.reason;
  }
  if (endsAt !== undefined) {
    const end = typeof endsAt === 'string' ? Date.parse(endsAt) : endsAt;
    if (typeof end !== 'number' || !Number.isFinite(end)) {
      return fail(400, 'invalid', 'endsAt must be a time');
    }
    if (end > w.endsAt) return fail(400, 'only_shorten', 'a window’s end can only move earlier');
    patch.endsAt = end;
  }
  let current = w;
  const safeguardsChanged = JSON.stringify(safeguards.safeguards) !== JSON.stringify(w.safeguards);
  if (Object.keys(patch).length > 0 || safeguardsChanged) {
    const updated = updateWindow(w, patch, now);
    if (!updated.ok) {
      return { ...fail(400, 'invalid_window', updated.errors[0]!.message), errors: updated.errors };
    }
    // Nothing differs (the same viewers sent again): no write, no audit row.
    if (updated.changed.length > 0 || safeguardsChanged) {
      const next = { ...w, ...updated.window, safeguards: safeguards.safeguards } as StoredWindow;
      if (!(await deps.store.replay.saveWindow(next, w.state))) {
        return fail(409, 'conflict', 'the window changed meanwhile; reload it');
      }
      const fields = [...updated.changed];
      if (next.safeguards.downloadsAllowed !== w.safeguards.downloadsAllowed)
        fields.push('downloadsAllowed');
      if (next.safeguards.noticeHiddenReason !== w.safeguards.noticeHiddenReason)
        fields.push('hideNoticeReason');
      await auditReplay(deps, next, actor, 'replay.window_update', {
        fields: fields.join(','),
        viewers: next.viewerIds.map(Number),
        endsAt: new Date(next.endsAt).toISOString(),
        downloadsAllowed: next.safeguards.downloadsAllowed,
        noticeHiddenReason: next.safeguards.noticeHiddenReason,
      });
      current = next;
    }
  }
  if (paused !== undefined && paused !== (current.state === 'paused')) {
    const by = actor.slice('user:'.length);
    const pausedBy = current.lastChange.reason;
    const t = paused
      ? pauseWindow(current, { reason: 'manual', detail: 'paused by an admin', now, by })
      : resumeWindow(current, { by, now, note: resumeNote });
    if (!t.ok && t.error === 'note_required') {
      return fail(
        400,
        'note_required',
        `the window was paused automatically (${pausedBy}): resuming needs a note`,
      );
    }
    const saved = await save(deps, current, t);
    if (!saved.ok)
      return fail(409, saved.error, `the window cannot be ${paused ? 'paused' : 'resumed'} now`);
    current = saved.window;
    await auditReplay(
      deps,
      current,
      actor,
      paused ? 'replay.window_pause' : 'replay.window_resume',
      paused ? { reason: 'manual' } : { reason: 'resumed', pausedBy, note: resumeNote },
    );
  }
  await deps.offers.refresh();
  return { ok: true, window: current };
}

/** The system pauses a window (leak threshold, spike); null when it was not open any more. */
export async function pauseBySystem(
  deps: ReplayDeps,
  w: StoredWindow,
  t: TransitionResult | null,
): Promise<void> {
  if (!t?.ok) return;
  const saved = await save(deps, w, t);
  if (!saved.ok) return;
  deps.log.warn('replay window paused', { window: w.id, reason: t.change.reason });
  await auditReplay(deps, saved.window, 'system', 'replay.window_pause', {
    reason: t.change.reason,
    detail: t.change.detail,
  });
}

/**
 * A canary hit (issue 12 §10): the masking floor failed on this page, so the whole recording is
 * quarantined (every chunk's bytes dropped) and the window pauses at once, whatever the threshold.
 */
export async function quarantineOnCanary(
  deps: ReplayDeps,
  w: StoredWindow,
  recordingId: string,
): Promise<void> {
  const now = deps.now();
  await deps.store.replay.quarantineRecording(recordingId, now);
  deps.log.warn('replay canary hit', { window: w.id });
  await auditReplay(
    deps,
    w,
    'system',
    'replay.recording_quarantine',
    { reason: 'canary' },
    `replay_recording:${recordingId}`,
  );
  const current = (await deps.store.replay.window(w.id)) ?? w;
  await pauseBySystem(
    deps,
    current,
    pauseWindow(current, {
      reason: 'canary',
      detail: 'the planted canary reached the server: the masking floor failed',
      now,
    }),
  );
}

/**
 * Deletes every recording and chunk of the window, destroys its key, marks it purged, gives the
 * space back and writes the deletion receipt. Works from any state but purged.
 */
export async function purgeNow(
  deps: ReplayDeps,
  w: StoredWindow,
  actor: ReplayActor,
  reason: 'retention' | 'close_and_purge' | 'kill_switch',
): Promise<StoredWindow> {
  const now = deps.now();
  const deleted = await deps.store.replay.deleteWindowData(w.id);
  const keyDestroyed = await deps.keys.destroy(w.id);
  const t = purgeWindow(w, { by: actor.startsWith('user:') ? actor.slice(5) : null, now });
  let purged = w;
  if (t.ok) {
    const next = { ...w, ...t.window, purgedAt: now } as StoredWindow;
    if (await deps.store.replay.saveWindow(next, w.state)) purged = next;
  }
  await deps.store.replay.reclaimSpace();
  await auditReplay(deps, purged, actor, 'replay.window_purge', {
    reason,
    recordings: deleted.recordings,
    chunks: deleted.chunks,
    bytes: deleted.bytes,
    keyDestroyed,
  });
  return purged;
}

/** Closes (by its owner, an org owner or the kill switch) and, when asked, purges at once. */
export async function closeAndMaybePurge(
  deps: ReplayDeps,
  w: StoredWindow,
  opts: { actor: ReplayActor; reason: 'owner' | 'org_owner' | 'kill_switch'; purge: boolean },
): Promise<WindowOutcome> {
  const now = deps.now();
  let current = w;
  if (w.state === 'draft' || w.state === 'open' || w.state === 'paused') {
    const by = opts.actor.startsWith('user:') ? opts.actor.slice(5) : opts.actor;
    const t = closeWindow(w, { reason: opts.reason, by, now });
    if (!t.ok && t.error === 'not_owner')
      return fail(403, 'forbidden', 'only the window’s owner or an org owner can close it');
    const saved = await save(deps, w, t);
    if (saved.ok) {
      current = saved.window;
      await auditReplay(deps, current, opts.actor, 'replay.window_close', {
        reason: opts.reason,
        purge: opts.purge,
      });
    } else if (saved.error === 'changed') {
      current = (await deps.store.replay.window(w.id)) ?? w;
    }
  }
  if (current.state === 'purged') return { ok: true, window: current };
  if (opts.purge) {
    const reason = opts.reason === 'kill_switch' ? 'kill_switch' : 'close_and_purge';
    current = await purgeNow(deps, current, opts.actor, reason);
  }
  return { ok: true, window: current };
}

/** The kill switch: every window of the site (or of the install) closed and purged. */
export async function killSwitch(
  deps: ReplayDeps,
  scope: { siteId: number } | 'all',
  actor: ReplayActor,
): Promise<{ windows: number }> {
  const filter = scope === 'all' ? {} : { siteId: scope.siteId };
  const windows = (await deps.store.replay.windows(filter)).filter((w) => w.state !== 'purged');
  for (const w of windows) {
    await closeAndMaybePurge(deps, w, { actor, reason: 'kill_switch', purge: true });
  }
  // The latch: no window of this scope opens again until an owner clears it with a note.
  await setLatch(deps, scope, actor, windows.length);
  await deps.offers.refresh();
  deps.log.warn('replay kill switch', {
    scope: scope === 'all' ? 'all' : 'site',
    windows: windows.length,
  });
  return { windows: windows.length };
}

/** The expiry and retention pass: windows past their end close, windows past retention purge. */
export async function closeEndedAndPurgeExpired(
  deps: ReplayDeps,
  now: number,
): Promise<{ closed: number; purged: number }> {
  let closed = 0;
  let purged = 0;
  const states = ['draft', 'open', 'paused', 'closed'] as const;
  for (const w of await deps.store.replay.windows({ states: [...states] })) {
    let current = w;
    // A preview lives a short time only, even while its window stays a draft.
    if (w.state === 'draft') await deletePreviews(deps, w, now - PREVIEW_RECORDING_TTL_MS);
    const ended = closeIfEnded(w, now);
    if (ended) {
      const saved = await save(deps, w, ended);
      if (!saved.ok) continue;
      current = saved.window;
      closed++;
      await auditReplay(deps, current, 'system', 'replay.window_close', { reason: 'ended' });
    }
    if (isPurgeDue(current, now)) {
      await purgeNow(deps, current, 'system', 'retention');
      purged++;
    }
  }
  return { closed, purged };
}
