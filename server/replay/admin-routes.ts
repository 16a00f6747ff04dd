// The replay admin API (replay contract §3): windows, recordings, review, playback for named
// viewers, the record of processing and the kill switch. Mounted after the API middleware
// (session, CSRF guard, body limit); every change, play, export and deletion is audited.
import { Hono, type Context } from 'hono';
import { recordAudit } from '../accounts/audit.js';
import { siteParam } from '../accounts/access.js';
import { ApiError } from '../http/errors.js';
import type { StoredWindow } from '../store/replay.js';
import {
  isNamedViewer,
  recordingAccess,
  replaySite,
  requireNamedViewer,
  windowAccess,
  type WindowAccess,
} from './admin-access.js';
import { auditReplay } from './audit.js';
import type { ReplayDeps } from './deps.js';
import { readRecordingEvents } from './playback.js';
import { findingCounts, recordingView } from './recording-view.js';
import { windowRecord } from './record.js';
import { readOpenBody, userId, windowView } from './window-input.js';
import { changeWindow, closeAndMaybePurge, createWindow, killSwitch } from './windows.js';

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
    return c.json({ windows: await Promise.all(windows.map(view)) });
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
    const result = await changeWindow(deps, a.window, body, `user:${a.user.userId}`);
    if (!result.ok) {
      return c.json(
        { error: { code: result.code, message: result.message, fields: result.errors ?? [] } },
        result.status,
      );
    }
    return c.json({ window: await view(result.window) });
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

  app.post('/api/replay/recordings/:recordingId/reviewed', async (c) => {
    const a = await recordingAccess(c, store, c.req.param('recordingId'), 'site.view');
    if (!isNamedViewer(a) && a.role !== 'admin' && a.role !== 'owner') {
      throw new ApiError('forbidden', 'reviewers are the window’s named viewers and admins');
    }
    await store.replay.markReviewed(a.recording.id, a.user.userId, deps.now());
    await auditRecording(a, 'replay.recording_review', {});
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

  /** Named viewers only; the play (or export) is in the audit log before any byte leaves. */
  async function playback(c: Context, action: 'replay.play' | 'replay.export') {
    const a = await recordingAccess(c, store, c.req.param('recordingId') ?? '', 'site.view');
    requireNamedViewer(a);
    await auditRecording(a, action, {});
    const read = await readRecordingEvents(deps, a.window.id, a.recording.id);
    if (!read.ok) throw new ApiError('not_found', 'this recording can no longer be read');
    return { a, read };
  }

  app.get('/api/replay/recordings/:recordingId/events', async (c) => {
    const { a, read } = await playback(c, 'replay.play');
    c.header('Cache-Control', 'no-store');
    return c.json({
      events: read.events,
      viewer: a.user.email,
      skippedChunks: read.skippedChunks,
    });
  });

  app.get('/api/replay/recordings/:recordingId/export', async (c) => {
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
    app.get(`/api/replay/windows/:windowId/record.${format}`, async (c) => {
      const a = await windowAccess(c, store, c.req.param('windowId'), 'site.view');
      await auditReplay(deps, a.window, `user:${a.user.userId}`, 'replay.record_export', {
        format,
      });
      const record = await windowRecord(deps, a.window, a.site);
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
  return app;
}
