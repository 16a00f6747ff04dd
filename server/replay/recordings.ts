// The recorder's side of ingestion (replay contract §2): start or continue a recording from an
// offer, accept a chunk (caps, decode, filter, scan, quarantine, encrypt), and delete a recording
// when the visitor withdraws consent. Outcomes are typed; the route only maps them to HTTP.
import { randomBytes } from 'node:crypto';
import { hostMatchesDomain } from '../classify/url.js';
import type { RecordingRecord, StoredWindow } from '../store/replay.js';
import { auditReplay } from './audit.js';
import { decodeChunk, type ChunkEncoding } from './chunk-body.js';
import { RecordingTrees } from './masking/trees.js';
import { encryptChunk } from './chunk-crypto.js';
import type { ReplayDeps } from './deps.js';
import { verifyOffer } from './offer-token.js';
import { isRecordable } from './url-rules.js';
import { effectiveState } from './window.js';
import { checkLeakThreshold, checkSpike } from './window-transitions.js';
import { pauseBySystem } from './windows.js';

export const FLUSH_INTERVAL_MS = 5_000;
const MINUTE = 60_000;

export type Refusal = { status: 400 | 403 | 410 | 413; code: string; message: string };
const refuse = (status: Refusal['status'], code: string, message: string): Refusal => ({
  status,
  code,
  message,
});

export interface StartAnswer {
  recording: string;
  endpoint: string;
  unmaskSelectors: string[];
  maxDurationMs: number;
  flushIntervalMs: number;
  /** A hidden marker the module plants in the page; it must never arrive unmasked. */
  canary?: string;
}

/** Why a window takes no recording now, or null when it does. */
function closedRefusal(w: StoredWindow | undefined, now: number): Refusal | null {
  if (!w) return refuse(410, 'window_closed', 'the window is closed');
  const state = effectiveState(w, now);
  if (state === 'open') return null;
  if (state === 'paused') return refuse(410, 'window_paused', 'the window is paused');
  if (state === 'scheduled') return refuse(403, 'window_not_started', 'the window has not started');
  return refuse(410, 'window_closed', 'the window is closed');
}

function answer(w: StoredWindow, rec: { id: string; startedAt: number }, now: number): StartAnswer {
  return {
    recording: rec.id,
    endpoint: '/api/replay/chunk',
    unmaskSelectors: w.unmaskSelectors,
    maxDurationMs: Math.max(0, w.caps.maxMinutesPerRecording * MINUTE - (now - rec.startedAt)),
    flushIntervalMs: FLUSH_INTERVAL_MS,
    ...(w.canary ? { canary: w.canary } : {}),
  };
}

export async function startRecording(
  deps: ReplayDeps,
  body: unknown,
): Promise<{ ok: true; answer: StartAnswer } | Refusal> {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (typeof b.url !== 'string' || b.url.length > 4000) {
    return refuse(400, 'bad_body', 'send {"offer", "url"} as JSON');
  }
  if (b.continue !== undefined && typeof b.continue !== 'string') {
    return refuse(400, 'bad_body', 'continue must be a recording id');
  }
  const now = deps.now();
  const offer = verifyOffer(await deps.offers.secret(), b.offer, now);
  if (!offer.ok) {
    if (offer.reason === 'malformed') return refuse(400, 'bad_offer', 'the offer is malformed');
    return refuse(
      403,
      offer.reason === 'expired' ? 'offer_expired' : 'bad_offer',
      'the offer is not valid',
    );
  }
  const w = await deps.store.replay.window(offer.windowId);
  const closed = closedRefusal(w, now);
  if (closed) return closed;
  const window = w!;
  const site = await deps.store.accounts.siteById(Number(window.siteId));
  let host: string;
  try {
    host = new URL(b.url).hostname;
  } catch {
    return refuse(400, 'bad_url', 'url must be an absolute http(s) URL');
  }
  if (!site || !hostMatchesDomain(host, site.domain)) {
    return refuse(403, 'not_recordable', 'the page is not on the window’s site');
  }
  const recordable = isRecordable(b.url, window);
  if (!recordable.ok)
    return refuse(403, 'not_recordable', `the page is not recorded (${recordable.reason})`);

  if (typeof b.continue === 'string') {
    const prior = await deps.store.replay.recording(b.continue);
    if (prior && prior.windowId === window.id && !minutesUp(window, prior, now)) {
      const next = await deps.store.replay.continueRecording(
        prior.id,
        window.id,
        window.caps.maxPagesPerRecording,
        now,
      );
      if (next) return { ok: true, answer: answer(window, next, now) };
    }
  }
  const id = randomBytes(16).toString('base64url');
  const started = await deps.store.replay.startRecording(
    { id, windowId: window.id, siteId: Number(window.siteId), now },
    window.caps.maxSessions,
  );
  if (started === 'cap_reached')
    return refuse(410, 'cap_reached', 'the window has all its sessions');
  if (started === 'not_open') return refuse(410, 'window_closed', 'the window is closed');
  const lastMinute = await deps.store.replay.recordingsStartedSince(window.id, now - MINUTE + 1);
  await pauseBySystem(
    deps,
    window,
    checkSpike(window, {
      recordingsLastMinute: lastMinute,
      limitPerMinute: deps.options.spikePerMinute,
      now,
    }),
  );
  return { ok: true, answer: answer(window, { id, startedAt: now }, now) };
}

function minutesUp(w: StoredWindow, rec: RecordingRecord, now: number): boolean {
  return rec.endedAt !== null || now - rec.startedAt >= w.caps.maxMinutesPerRecording * MINUTE;
}

export interface ChunkQuery {
  recording: string | undefined;
  seq: string | undefined;
  enc: string | undefined;
}

/** Validates the query of a chunk upload; a refusal or the parsed values. */
export function readChunkQuery(
  q: ChunkQuery,
): { recording: string; seq: number; enc: ChunkEncoding } | Refusal {
  if (!q.recording || !/^[A-Za-z0-9_-]{22}$/.test(q.recording)) {
    return refuse(400, 'bad_recording', 'recording must be the id the server issued');
  }
  if (!q.seq || !/^\d{1,5}$/.test(q.seq) || Number(q.seq) > 10_000) {
    return refuse(400, 'bad_seq', 'seq must be an integer from 0 to 10000');
  }
  const enc = q.enc ?? 'identity';
  if (enc !== 'gzip' && enc !== 'identity') {
    return refuse(400, 'bad_encoding', 'enc must be gzip or identity');
  }
  return { recording: q.recording, seq: Number(q.seq), enc };
}

/** One set of recording trees per app (per deps): the masking state lives in this process. */
const treesByDeps = new WeakMap<ReplayDeps, RecordingTrees>();
function treesOf(deps: ReplayDeps): RecordingTrees {
  let trees = treesByDeps.get(deps);
  if (trees === undefined) treesByDeps.set(deps, (trees = new RecordingTrees()));
  return trees;
}

/**
 * The first page address of a chunk the window may not record (another site, the built-in
 * denylist, a token in the URL, outside the include rules or excluded), or null when all are fine.
 */
async function offPageOf(
  deps: ReplayDeps,
  w: StoredWindow,
  pages: readonly { href: string; path: string }[],
): Promise<{ path: string; reason: string } | null> {
  if (pages.length === 0) return null;
  const site = await deps.store.accounts.siteById(Number(w.siteId));
  const checked = new Set<string>();
  for (const { href, path } of pages) {
    if (checked.has(href)) continue;
    checked.add(href);
    let host: string;
    try {
      host = new URL(href).hostname;
    } catch {
      return { path, reason: 'bad_url' };
    }
    if (!site || !hostMatchesDomain(host, site.domain)) return { path, reason: 'other_site' };
    const recordable = isRecordable(href, w);
    if (!recordable.ok) return { path, reason: recordable.reason };
  }
  return null;
}

/**
 * One chunk of a recording, after every earlier chunk of the same recording (the masking tree
 * must see them in order): caps, decode and mask, page addresses, scan, quarantine, encrypt.
 */
export async function acceptChunk(
  deps: ReplayDeps,
  q: { recording: string; enc: ChunkEncoding },
  body: Uint8Array,
): Promise<{ ok: true } | Refusal> {
  const trees = treesOf(deps);
  const result = await trees.exclusive(q.recording, () => acceptInOrder(deps, trees, q, body));
  trees.settle(deps.now());
  return result;
}

async function acceptInOrder(
  deps: ReplayDeps,
  trees: RecordingTrees,
  q: { recording: string; enc: ChunkEncoding },
  body: Uint8Array,
): Promise<{ ok: true } | Refusal> {
  const now = deps.now();
  const rec = await deps.store.replay.recording(q.recording);
  if (!rec) return refuse(410, 'recording_gone', 'no such recording (ended or deleted)');
  if (rec.endedAt !== null) {
    trees.drop(rec.id);
    return refuse(410, 'recording_ended', 'the recording has ended');
  }
  const w = await deps.store.replay.window(rec.windowId);
  const closed = closedRefusal(w, now);
  if (closed) return closed;
  const window = w!;
  if (minutesUp(window, rec, now)) {
    await deps.store.replay.endRecording(rec.id, now);
    return refuse(410, 'cap_reached', 'the recording reached its length');
  }
  const decoded = await decodeChunk(body, q.enc, {
    canaries: window.canary ? [window.canary] : [],
    tree: trees.tree(rec.id, window.unmaskSelectors, now),
  });
  if ('rejected' in decoded) return refuse(decoded.status, decoded.rejected, decoded.message);
  if ('sensitive' in decoded) {
    // The masking floor: a page showing a password or payment field is never recorded.
    trees.drop(rec.id);
    await withdrawRecording(deps, rec.id, 'sensitive_page');
    return refuse(410, 'sensitive_page', 'the page shows a sensitive field: recording deleted');
  }
  // Every page the chunk names must be one the window may record (issue 12 §3): otherwise the
  // chunk is quarantined like a leak and the recording ends.
  const offPage = await offPageOf(deps, window, decoded.pages);
  const findings = offPage
    ? [{ type: 'url' as const, path: offPage.path }, ...decoded.findings].slice(0, 20)
    : decoded.findings;
  const key = await deps.store.replay.windowKey(window.id);
  if (!key) return refuse(410, 'window_closed', 'the window is closed');
  const quarantined = findings.length > 0;
  for (let attempt = 0, current = rec; attempt < 5; attempt++) {
    const seq = current.chunks;
    const data = quarantined
      ? null
      : encryptChunk(key, { windowId: window.id, recordingId: rec.id, seq }, decoded.stored);
    const put = await deps.store.replay.putChunk({
      recordingId: rec.id,
      seq,
      receivedAt: now,
      data,
      bytes: body.length,
      findings,
    });
    if (put === undefined) return refuse(410, 'recording_gone', 'the recording was deleted');
    if (put !== 'conflict') {
      if (quarantined) {
        deps.log.warn('replay chunk quarantined', {
          window: window.id,
          types: [...new Set(findings.map((f) => f.type))].join(','),
        });
        await pauseBySystem(
          deps,
          window,
          checkLeakThreshold(window, {
            flaggedChunks: put.flaggedChunks,
            threshold: deps.options.leakThreshold,
            now,
          }),
        );
      }
      if (offPage) {
        // The page knows its own address: it may learn that it is not recorded, and stop.
        await deps.store.replay.endRecording(rec.id, now);
        trees.drop(rec.id);
        return refuse(410, 'not_recordable', `the page is not recorded (${offPage.reason})`);
      }
      // A quarantined chunk answers like any other: the page must not learn what the scanner saw.
      return { ok: true };
    }
    const again = await deps.store.replay.recording(rec.id);
    if (!again) return refuse(410, 'recording_gone', 'the recording was deleted');
    current = again;
  }
  return refuse(410, 'busy', 'too many concurrent chunks for this recording');
}

/** Deletes a recording and its chunks (consent withdrawn, sensitive page), with a receipt. */
export async function withdrawRecording(
  deps: ReplayDeps,
  id: string,
  reason: 'withdrawn' | 'sensitive_page',
): Promise<boolean> {
  treesOf(deps).drop(id);
  const rec = await deps.store.replay.recording(id);
  if (!rec) return false;
  const deleted = await deps.store.replay.deleteRecording(id);
  const w = await deps.store.replay.window(rec.windowId);
  if (deleted && w) {
    await auditReplay(
      deps,
      w,
      'visitor',
      'replay.recording_delete',
      { reason, ...deleted },
      `replay_recording:${id}`,
    );
  }
  return deleted !== undefined;
}
