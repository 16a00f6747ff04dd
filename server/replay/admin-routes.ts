// The replay admin API (replay contract §3): windows, recordings, review, playback for named
// viewers, the record of processing, the kill switch and its latch. Mounted after the API
// middleware (session, CSRF guard, body limit); every change, play, export and deletion is audited.
// Every audited route is a POST (issue 11 §7): a cross-site navigation (a GET) cannot forge an
// audit row under a viewer's name, and the CSRF guard refuses cross-site POSTs.
import { Hono, type Context } from 'hono';
import { recordAudit } from '../accounts/audit.js';
import { siteParam } from '../accounts/access.js';
import { ApiError } from '../http/errors.js';
import type { StoredWindow } from '../store/replay.js';
import {
  recordingAccess,
  ReplayRefusal,
  replaySite,
  requireNamedViewer,
  windowAccess,
  type WindowAccess,
} from './admin-access.js';
import { auditReplay } from './audit.js';
import type { ReplayDeps } from './deps.js';
import { readRecordingEvents } from './playback.js';
import { findingCounts, recordingView } from './recording-view.js';
import { clearLatch, activeLatch, latchView } from './latches.js';
import { recordLanguage, windowRecord } from './record.js';
import { checkSignOff, readReason } from './safeguards.js';
import { effectiveState } from './window.js';
import { readOpenBody, userId, windowView } from './window-input.js';
import {
  changeWindow,
  closeAndMaybePurge,
  createPreviewLink,
  createWindow,
  killSwitch,
  openSignedDraft,
} from './windows.js';

const statusName = (status: 400 | 403 | 409) =>
  status === 400 ? 'bad_request' : status === 403 ? 'forbidden' : 'conflict';

const REVIEW_QUEUE_SIZE = 20;

async function jsonBody(c: Context): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new ApiError('bad_request', 'send a JSON object');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiError('bad_request', 'send a JSON object');
  }
  return body as Record<string, unknown>;
}

export function replayAdminRoutes(deps: ReplayDeps): Hono {
  const app = new Hono();
  const { store } = deps;

  async function view(w: StoredWindow) {
    const recordings = await store.replay.recordings(w.id);
    return windowView(w, deps.now(), {
      recordings: recordings.length,
      findings: findingCounts(recordings),
    });
  }

  /** Owner and viewers must be members of the site's organisation. */
  async function checkMembers(orgId: number | null | undefined, userIds: number[]) {
    const members = new Set(
      orgId == null ? [] : (await store.accounts.members(orgId)).map((m) => m.userId),
    );
    const stranger = userIds.find((id) => !members.has(id));
    if (stranger !== undefined) {
      throw new ApiError('bad_request', `user ${stranger} is not a member of this organisation`);
    }
  }

  app.get('/api/sites/:siteId/replay/windows', async (c) => {
    const { site } = await replaySite(c, store, siteParam(c), 'site.view');
    const windows = await store.replay.windows({ siteId: site.id });
    return c.json({
      windows: await Promise.all(windows.map(view)),
      latch: latchView(await activeLatch(deps, site.id)),
    });
  });

  app.post('/api/sites/:siteId/replay/windows', async (c) => {
    const { user, site } = await replaySite(c, store, siteParam(c), 'site.manage');
    const body = readOpenBody(await jsonBody(c), user.userId);
    if (!body.ok) {
      return c.json(
        {
          error: { code: 'invalid_window', message: body.errors[0]!.message, fields: body.errors },
        },
        400,
      );
    }
    await checkMembers(site.orgId, body.userIds);
    const result = await createWindow(deps, {
      siteId: site.id,
      input: body.input,
      canary: body.canary,
      safeguards: body.safeguards,
      actor: `user:${user.userId}`,
    });
    if (!result.ok) {
      return c.json(
        { error: { code: result.code, message: result.message, fields: result.errors ?? [] } },
        result.status,
      );
    }
    return c.json({ window: await view(result.window) }, 201);
  });

  app.get('/api/replay/windows/:windowId', async (c) => {
    const a = await windowAccess(c, store, c.req.param('windowId'), 'site.view');
    return c.json({ window: await view(a.window) });
  });

  app.patch('/api/replay/windows/:windowId', async (c) => {
    const a = await windowAccess(c, store, c.req.param('windowId'), 'site.manage');
    const body = await jsonBody(c);
    if (Array.isArray(body.viewerUserIds)) {
      const ids = body.viewerUserIds.map(userId);
      await checkMembers(
        a.site.orgId,
        ids.filter((id): id is number => id !== undefined),
      );
    }
    const result = await changeWindow(
      deps,
      a.window,
      body,
      `user:${a.user.userId}`,
      a.role === 'owner',
    );
    if (!result.ok) {
      return c.json(
        { error: { code: result.code, message: result.message, fields: result.errors ?? [] } },
        result.status,
      );
    }
    return c.json({ window: await view(result.window) });
  });

  // A second person signs the window off (issue 12 §12): any member but its owner, with a note.
  app.post('/api/replay/windows/:windowId/sign-off', async (c) => {
    const a = await windowAccess(c, store, c.req.param('windowId'), 'site.view');
    const state = effectiveState(a.window, deps.now());
    const note = readReason('note', (await jsonBody(c)).note);
    const recordings = await store.replay.recordings(a.window.id);
    const rule = checkSignOff({
      signerId: String(a.user.userId),
      ownerId: a.window.ownerId,
      already: a.window.safeguards.signOff,
      closed: state === 'closed' || state === 'purged',
      previewExists: recordings.some((r) => r.preview),
      note: note.ok ? note.reason : '',
    });
    const refuse = (r: Extract<typeof rule, { ok: false }>) =>
      new ReplayRefusal(r.status === 403 ? 'forbidden' : 'conflict', r.code, r.message);
    if (!rule.ok && rule.code !== 'preview_required') throw refuse(rule);
    if (!note.ok) throw new ReplayRefusal('bad_request', note.error.code, note.error.message);
    if (!rule.ok) throw refuse(rule);
    const signOff = { by: String(a.user.userId), at: deps.now(), note: note.reason };
    const next = { ...a.window, safeguards: { ...a.window.safeguards, signOff } };
    if (!(await store.replay.saveWindow(next, a.window.state))) {
      throw new ApiError('conflict', 'the window changed meanwhile; reload it');
    }
    await auditReplay(deps, next, `user:${a.user.userId}`, 'replay.window_sign_off', {
      signer: a.user.email,
      note: note.reason,
    });
    return c.json({ window: await view(next) });
  });

  // draft → open (issue 12 §12): an admin who is not the signer, once a second person signed off.
  app.post('/api/replay/windows/:windowId/open', async (c) => {
    const a = await windowAccess(c, store, c.req.param('windowId'), 'site.manage');
    const result = await openSignedDraft(deps, a.window, `user:${a.user.userId}`);
    if (!result.ok) throw new ReplayRefusal(statusName(result.status), result.code, result.message);
    return c.json({ window: await view(result.window) });
  });

  // A preview link for a draft: the admin records their own visit of an included page.
  app.post('/api/replay/windows/:windowId/preview', async (c) => {
    const a = await windowAccess(c, store, c.req.param('windowId'), 'site.manage');
    const body = await jsonBody(c);
    const result = await createPreviewLink(deps, a.window, {
      actorId: a.user.userId,
      domain: a.site.domain,
      path: body.path,
    });
    if (!result.ok) throw new ReplayRefusal(statusName(result.status), result.code, result.message);
    return c.json(
      {
        url: result.url,
        expiresAt: new Date(result.expiresAt).toISOString(),
        window: await view(result.window),
      },
      201,
    );
  });

  app.post('/api/replay/windows/:windowId/close', async (c) => {
    const a = await windowAccess(c, store, c.req.param('windowId'), 'site.view');
    const body = await jsonBody(c);
    if (body.purge !== undefined && typeof body.purge !== 'boolean') {
      throw new ApiError('bad_request', 'purge is true or false');
    }
    // Owners of the organisation can always close; otherwise only the window's own owner.
    const isWindowOwner = a.window.ownerId === String(a.user.userId);
    if (a.role !== 'owner' && !(isWindowOwner && a.role === 'admin')) {
      throw new ApiError('forbidden', 'only the window’s owner or an org owner can close it');
    }
    const result = await closeAndMaybePurge(deps, a.window, {
      actor: `user:${a.user.userId}`,
      reason: isWindowOwner ? 'owner' : 'org_owner',
      purge: body.purge === true,
    });
    if (!result.ok) throw new ApiError('forbidden', result.message);
    return c.json({ window: await view(result.window) });
  });

  app.get('/api/replay/windows/:windowId/recordings', async (c) => {
    const a = await windowAccess(c, store, c.req.param('windowId'), 'site.view');
    const recordings = await store.replay.recordings(a.window.id);
    return c.json({ recordings: recordings.map(recordingView) });
  });

  app.get('/api/replay/windows/:windowId/review-queue', async (c) => {
    const a = await windowAccess(c, store, c.req.param('windowId'), 'site.view');
    const recordings = await store.replay.reviewQueue(a.window.id, REVIEW_QUEUE_SIZE);
    return c.json({ recordings: recordings.map(recordingView) });
  });

  // Only someone who played the recording reviews it (issue 12 §8): a review is a look, not a click.
  app.post('/api/replay/recordings/:recordingId/reviewed', async (c) => {
    const a = await recordingAccess(c, store, c.req.param('recordingId'), 'site.view');
    if (!(await store.replay.hasPlayed(a.recording.id, a.user.userId))) {
      throw new ReplayRefusal(
        'forbidden',
        'not_played',
        'only someone who played this recording can mark it reviewed',
      );
    }
    await store.replay.markReviewed(a.recording.id, a.user.userId, deps.now());
    await auditRecording(a, 'replay.recording_review', {});
    // The review gate may open again: offers are re-read now.
    await deps.offers.refresh();
    return c.json({ recording: recordingView((await store.replay.recording(a.recording.id))!) });
  });

  async function auditRecording(
    a: WindowAccess & { recording: { id: string } },
    action: 'replay.play' | 'replay.export' | 'replay.recording_review' | 'replay.recording_delete',
    details: Record<string, string | number | boolean | null>,
  ) {
    await auditReplay(
      deps,
      a.window,
      `user:${a.user.userId}`,
      action,
      { recording: a.recording.id, viewer: a.user.email, ...details },
      `replay_recording:${a.recording.id}`,
    );
  }

  /**
   * Named viewers only, each play or download with a stated reason; the play (or export) is in
   * the audit log, with the reason, before any byte leaves. Downloads are off unless the window's
   * owner allowed them.
   */
  async function playback(c: Context, action: 'replay.play' | 'replay.export') {
    const a = await recordingAccess(c, store, c.req.param('recordingId') ?? '', 'site.view');
    // A preview holds only an admin's own visit: any member (the reviewer who signs off) plays it,
    // with a reason, through the same masked path as a visitor recording.
    if (!a.recording.preview) requireNamedViewer(a);
    if (action === 'replay.export' && !a.window.safeguards.downloadsAllowed) {
      throw new ReplayRefusal(
        'forbidden',
        'downloads_disabled',
        'downloads of this window’s recordings are off; its owner can allow them',
      );
    }
    const reason = readReason('reason', (await jsonBody(c)).reason);
    if (!reason.ok) throw new ReplayRefusal('bad_request', reason.error.code, reason.error.message);
    await auditRecording(a, action, { reason: reason.reason });
    if (action === 'replay.play') {
      await store.replay.recordPlay({
        recordingId: a.recording.id,
        windowId: a.window.id,
        userId: a.user.userId,
        at: deps.now(),
      });
    }
    const read = await readRecordingEvents(deps, a.window.id, a.recording.id);
    if (!read.ok) throw new ApiError('not_found', 'this recording can no longer be read');
    return { a, read };
  }

  app.post('/api/replay/recordings/:recordingId/play', async (c) => {
    const { a, read } = await playback(c, 'replay.play');
    c.header('Cache-Control', 'no-store');
    return c.json({
      events: read.events,
      viewer: a.user.email,
      skippedChunks: read.skippedChunks,
    });
  });

  app.post('/api/replay/recordings/:recordingId/export', async (c) => {
    const { a, read } = await playback(c, 'replay.export');
    c.header('Cache-Control', 'no-store');
    c.header('Content-Disposition', `attachment; filename="replay-${a.recording.id}.json"`);
    return c.json({
      recording: recordingView(a.recording),
      window: a.window.id,
      site: a.site.domain,
      exportedBy: a.user.email,
      exportedAt: new Date(deps.now()).toISOString(),
      events: read.events,
    });
  });

  app.delete('/api/replay/recordings/:recordingId', async (c) => {
    const a = await recordingAccess(c, store, c.req.param('recordingId'), 'site.manage');
    const deleted = await store.replay.deleteRecording(a.recording.id);
    if (!deleted) throw new ApiError('not_found', 'no such resource');
    await store.replay.reclaimSpace();
    await auditRecording(a, 'replay.recording_delete', { reason: 'admin', ...deleted });
    return c.json({
      receipt: {
        recording: a.recording.id,
        window: a.window.id,
        deletedAt: new Date(deps.now()).toISOString(),
        ...deleted,
      },
    });
  });

  for (const format of ['md', 'json'] as const) {
    app.post(`/api/replay/windows/:windowId/record.${format}`, async (c) => {
      const a = await windowAccess(c, store, c.req.param('windowId'), 'site.view');
      await auditReplay(deps, a.window, `user:${a.user.userId}`, 'replay.record_export', {
        format,
      });
      const lang = recordLanguage(a.site, c.req.query('lang'));
      const record = await windowRecord(deps, a.window, a.site, lang);
      c.header('Content-Language', lang);
      c.header(
        'Content-Disposition',
        `attachment; filename="replay-record-${a.window.id}.${format}"`,
      );
      if (format === 'json') return c.json(record.json);
      c.header('Content-Type', 'text/markdown; charset=utf-8');
      return c.body(record.markdown);
    });
  }

  app.post('/api/sites/:siteId/replay/kill', async (c) => {
    const { user, site } = await replaySite(c, store, siteParam(c), 'site.manage');
    const result = await killSwitch(deps, { siteId: site.id }, `user:${user.userId}`);
    await recordAudit(store, deps.now(), {
      actor: `user:${user.userId}`,
      action: 'replay.kill',
      target: `site:${site.id}`,
      orgId: site.orgId ?? null,
      details: { scope: 'site', windows: result.windows },
    });
    return c.json(result);
  });

  // Clearing the kill switch's latch: an owner of the organisation, with a written note.
  app.post('/api/sites/:siteId/replay/unlatch', async (c) => {
    const { user, site } = await replaySite(c, store, siteParam(c), 'site.manage');
    if (site.orgId == null || user.memberships.get(site.orgId) !== 'owner') {
      throw new ApiError('forbidden', 'only an owner of the organisation clears the latch');
    }
    const note = readReason('note', (await jsonBody(c)).note);
    if (!note.ok) throw new ReplayRefusal('bad_request', note.error.code, note.error.message);
    const latch = await activeLatch(deps, site.id);
    if (latch?.scope === 'install') {
      throw new ApiError(
        'conflict',
        'the install-wide latch is cleared from the command line: pomelo replay unlatch --all',
      );
    }
    const cleared = await clearLatch(
      deps,
      { siteId: site.id, orgId: site.orgId },
      `user:${user.userId}`,
      note.reason,
    );
    if (!cleared) throw new ApiError('not_found', 'this site has no latch to clear');
    return c.json({ latch: latchView(await activeLatch(deps, site.id)) });
  });
  return app;
}
