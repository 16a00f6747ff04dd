// The recorder's side of ingestion (replay contract §2): start or continue a recording from an
// offer, accept a chunk (caps, decode, filter, scan, quarantine, encrypt), and delete a recording
// when the visitor withdraws consent. Outcomes are typed; the route only maps them to HTTP.
import { randomBytes } from 'node:crypto';
import { languageOf } from '../accounts/site-input.js';
import { hostMatchesDomain } from '../classify/url.js';
import type { ChunkRefusal, RecordingRecord, StoredWindow } from '../store/replay.js';
import type { SiteRecord } from '../store/types.js';
import { auditReplay } from './audit.js';
import { decodeChunk, type ChunkEncoding } from './chunk-body.js';
import { RecordingTrees } from './masking/trees.js';
import { encryptChunk } from './chunk-crypto.js';
import type { ReplayDeps } from './deps.js';
import { verifyOffer } from './offer-token.js';
import { PREVIEW_FRAGMENT } from './offer.js';
import { onPageNoticeText, type OnPageNoticeText } from './record-of-processing.js';
import { isRecordable } from './url-rules.js';
import { effectiveState } from './window.js';
import { checkLeakThreshold, checkSpike, pauseForStorage } from './window-transitions.js';
import { reviewGateClosed } from './safeguards.js';
import { pauseBySystem, quarantineOnCanary } from './windows.js';

export const FLUSH_INTERVAL_MS = 5_000;
const MINUTE = 60_000;

export type Refusal = { status: 400 | 403 | 409 | 410 | 413 | 429; code: string; message: string };
const refuse = (status: Refusal['status'], code: string, message: string): Refusal => ({
  status,
  code,
  message,
});

export interface StartAnswer {
  recording: string;
  /** The sequence number of this page's first chunk (0, or past the earlier pages' chunks). */
  seq: number;
  endpoint: string;
  unmaskSelectors: string[];
  maxDurationMs: number;
  flushIntervalMs: number;
  /** A hidden marker the module plants in the page; it must never arrive unmasked. */
  canary?: string;
  /**
   * The on-page notice (issue 12 §11): the window's end for "recorded until DATE — stop and
   * delete" and its texts in the site's language, or null when the window hides it (with a
   * written reason, in the record).
   */
  notice: { until: string; text: OnPageNoticeText } | null;
}

/**
 * Why a window takes no recording now, or null when it does. A draft takes only preview
 * recordings (its admin's own visit through a preview link) and an open window only visitors'.
 */
function closedRefusal(w: StoredWindow | undefined, now: number, preview = false): Refusal | null {
  if (!w) return refuse(410, 'window_closed', 'the window is closed');
  const state = effectiveState(w, now);
  if (state === (preview ? 'draft' : 'open')) return null;
  if (state === 'draft') return refuse(403, 'window_draft', 'the window is not open yet');
  if (preview) return refuse(410, 'preview_over', 'the window is no longer a draft');
  if (state === 'paused') return refuse(410, 'window_paused', 'the window is paused');
  if (state === 'scheduled') return refuse(403, 'window_not_started', 'the window has not started');
  return refuse(410, 'window_closed', 'the window is closed');
}

function answer(
  w: StoredWindow,
  site: SiteRecord,
  rec: { id: string; startedAt: number },
  now: number,
  seq: number,
): StartAnswer {
  return {
    recording: rec.id,
    seq,
    endpoint: '/api/replay/chunk',
    unmaskSelectors: w.unmaskSelectors,
    maxDurationMs: Math.max(0, w.caps.maxMinutesPerRecording * MINUTE - (now - rec.startedAt)),
    flushIntervalMs: FLUSH_INTERVAL_MS,
    ...(w.canary ? { canary: w.canary } : {}),
    notice: w.safeguards.noticeHiddenReason
      ? null
      : {
          until: new Date(w.endsAt).toISOString(),
          text: onPageNoticeText(languageOf(site.settings)),
        },
  };
}

/**
 * Chunk sequences a continuing page skips: the previous page's last chunk may still be in flight
 * (sent on pagehide) and lands in the gap, inside the reorder window (chunk-sequence.ts).
 */
export const CONTINUE_SEQ_GAP = 2;

/**
 * POST /api/replay/start. With `continue` (the id an earlier page of the tab kept) the recording
 * goes on on this page, no offer needed: the id is the capability. Otherwise a new recording needs
 * an offer made for this very page, not expired and not used before (it is used up here).
 */
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
  let url: URL;
  try {
    url = new URL(b.url);
  } catch {
    return refuse(400, 'bad_url', 'url must be an absolute http(s) URL');
  }
  const now = deps.now();
  if (typeof b.continue === 'string') {
    const continued = await continueOnPage(deps, b.continue, b.url, url.hostname, now);
    if ('ok' in continued || b.offer === undefined) return continued;
  }
  const offer = verifyOffer(await deps.offers.secret(), b.offer, url.pathname, now);
  if (!offer.ok) {
    if (offer.reason === 'malformed') return refuse(400, 'bad_offer', 'the offer is malformed');
    return refuse(
      403,
      offer.reason === 'expired' ? 'offer_expired' : 'bad_offer',
      'the offer is not valid for this page',
    );
  }
  const w = await deps.store.replay.window(offer.windowId);
  const closed = closedRefusal(w, now, offer.preview);
  if (closed) return closed;
  const window = w!;
  // The preview link's own fragment is the admin's token, not page content: checked without it.
  const page = offer.preview ? withoutPreviewToken(b.url) : b.url;
  const covered = await coveredPage(deps, window, page, url.hostname);
  if ('status' in covered) return covered;
  const { site } = covered;
  if (!(await deps.store.replay.consumeOffer(offer.nonce, window.id, offer.expiresAt, now))) {
    return refuse(403, 'offer_used', 'the offer was used already');
  }
  if (offer.preview) {
    // The admin consents by opening the link: no sampling, no session cap, no review gate.
    const id = randomBytes(16).toString('base64url');
    const started = await deps.store.replay.startPreviewRecording({
      id,
      windowId: window.id,
      siteId: Number(window.siteId),
      now,
    });
    if (!started) return refuse(410, 'preview_over', 'the window is no longer a draft');
    return { ok: true, answer: answer(window, site, { id, startedAt: now }, now, 0) };
  }
  // The review gate (issue 12 §9), checked here too: an offer made before the gate closed is void.
  if (reviewGateClosed(await deps.store.replay.unreviewedCount(window.id))) {
    return refuse(410, 'review_needed', 'the window’s recordings must be reviewed first');
  }
  const id = randomBytes(16).toString('base64url');
  const started = await deps.store.replay.startRecording(
    { id, windowId: window.id, siteId: Number(window.siteId), now },
    window.caps.maxSessions,
  );
  if (started === 'cap_reached')
    return refuse(410, 'cap_reached', 'the window has all its sessions');
  if (started === 'not_open') return refuse(410, 'window_closed', 'the window is closed');
  if (reviewGateClosed(await deps.store.replay.unreviewedCount(window.id))) {
    await deps.offers.refresh();
  }
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
  return { ok: true, answer: answer(window, site, { id, startedAt: now }, now, 0) };
}

/** The page must be on the window's site and covered by its rules; a refusal, or the site. */
async function coveredPage(
  deps: ReplayDeps,
  window: StoredWindow,
  pageUrl: string,
  host: string,
): Promise<Refusal | { site: SiteRecord }> {
  const site = await deps.store.accounts.siteById(Number(window.siteId));
  if (!site || !hostMatchesDomain(host, site.domain)) {
    return refuse(403, 'not_recordable', 'the page is not on the window’s site');
  }
  const recordable = isRecordable(pageUrl, window);
  if (!recordable.ok) {
    return refuse(403, 'not_recordable', `the page is not recorded (${recordable.reason})`);
  }
  return { site };
}

async function continueOnPage(
  deps: ReplayDeps,
  id: string,
  pageUrl: string,
  host: string,
  now: number,
): Promise<{ ok: true; answer: StartAnswer } | Refusal> {
  const prior = await deps.store.replay.recording(id);
  if (!prior) return refuse(403, 'not_recording', 'no such recording to continue');
  const w = await deps.store.replay.window(prior.windowId);
  const closed = closedRefusal(w, now, prior.preview);
  if (closed) return closed;
  const window = w!;
  if (minutesUp(window, prior, now)) {
    return refuse(410, 'cap_reached', 'the recording reached its length');
  }
  const covered = await coveredPage(deps, window, pageUrl, host);
  if ('status' in covered) return covered;
  const { site } = covered;
  const next = await deps.store.replay.continueRecording(
    prior.id,
    window.id,
    window.caps.maxPagesPerRecording,
    now,
  );
  if (!next) return refuse(410, 'cap_reached', 'the recording has all its pages');
  return { ok: true, answer: answer(window, site, next, now, next.nextSeq + CONTINUE_SEQ_GAP) };
}

function withoutPreviewToken(url: string): string {
  const at = url.indexOf(`#${PREVIEW_FRAGMENT}`);
  return at < 0 ? url : url.slice(0, at);
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
  preview: boolean,
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
    // A preview's first page carries the link's token in its fragment: not page content.
    const recordable = isRecordable(preview ? withoutPreviewToken(href) : href, w);
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
  q: { recording: string; seq: number; enc: ChunkEncoding },
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
  q: { recording: string; seq: number; enc: ChunkEncoding },
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
  const closed = closedRefusal(w, now, rec.preview);
  if (closed) return closed;
  const window = w!;
  if (minutesUp(window, rec, now)) {
    await deps.store.replay.endRecording(rec.id, now);
    return refuse(410, 'cap_reached', 'the recording reached its length');
  }
  // The install-wide budget, before any work on the body: past it every open window pauses.
  const budget = deps.options.storageBudgetBytes;
  const used = await deps.store.replay.storedBytes();
  if (used + body.length > budget) {
    await pauseAllForStorage(deps, { usedBytes: used, limitBytes: budget, now });
    return refuse(410, 'storage_full', 'the replay storage budget is used up');
  }
  const decoded = await decodeChunk(body, q.enc, {
    canaries: window.canary ? [window.canary] : [],
    tree: trees.tree(rec.id, window.unmaskSelectors, now),
  });
  if ('rejected' in decoded) {
    // Masking a chunk updates the recording's node tree as it goes: a chunk refused part-way must
    // not leave its page behind, or later chunks would be judged against a page never stored.
    // Without a tree the recording is masked conservatively until its next full snapshot.
    trees.drop(rec.id);
    return refuse(decoded.status, decoded.rejected, decoded.message);
  }
  if ('sensitive' in decoded) {
    // The masking floor: a page showing a password or payment field is never recorded.
    trees.drop(rec.id);
    await withdrawRecording(deps, rec.id, 'sensitive_page');
    return refuse(410, 'sensitive_page', 'the page shows a sensitive field: recording deleted');
  }
  // Every page the chunk names must be one the window may record (issue 12 §3): otherwise the
  // chunk is quarantined like a leak and the recording ends.
  const offPage = await offPageOf(deps, window, decoded.pages, rec.preview);
  const findings = offPage
    ? [{ type: 'url' as const, path: offPage.path }, ...decoded.findings].slice(0, 20)
    : decoded.findings;
  const key = await deps.keys.key(window.id);
  if (!key) return refuse(410, 'window_closed', 'the window is closed');
  const quarantined = findings.length > 0;
  const data = quarantined
    ? null
    : encryptChunk(key, { windowId: window.id, recordingId: rec.id, seq: q.seq }, decoded.stored);
  const put = await deps.store.replay.putChunk(
    {
      recordingId: rec.id,
      seq: q.seq,
      receivedAt: now,
      data,
      bytes: body.length,
      findings,
    },
    {
      maxChunks: deps.options.maxChunksPerRecording,
      maxBytes: deps.options.maxBytesPerRecording,
      maxWindowBytes: deps.options.maxBytesPerWindow,
    },
  );
  if (put === undefined || 'refused' in put) {
    trees.drop(rec.id); // the chunk was not stored: neither is the page it described
    if (put === undefined) return refuse(410, 'recording_gone', 'the recording was deleted');
    return chunkRefused(deps, window, rec.id, put.refused, now);
  }
  if (quarantined) {
    deps.log.warn('replay chunk quarantined', {
      window: window.id,
      types: [...new Set(findings.map((f) => f.type))].join(','),
    });
    if (findings.some((f) => f.type === 'canary')) {
      await quarantineOnCanary(deps, window, rec.id);
      trees.drop(rec.id);
      return { ok: true };
    }
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

async function chunkRefused(
  deps: ReplayDeps,
  window: StoredWindow,
  recordingId: string,
  why: ChunkRefusal,
  now: number,
): Promise<Refusal> {
  switch (why) {
    case 'repeat':
      return refuse(409, 'seq_repeated', 'a chunk with this seq was stored already');
    case 'gap':
      return refuse(409, 'seq_gap', 'seq is too far past the last chunk received');
    case 'recording_full':
      await deps.store.replay.endRecording(recordingId, now);
      return refuse(410, 'recording_full', 'the recording reached its size cap');
    case 'window_full':
      await pauseBySystem(
        deps,
        window,
        pauseForStorage(window, {
          reason: 'window_storage',
          usedBytes: window.storedBytes,
          limitBytes: deps.options.maxBytesPerWindow,
          now,
        }),
      );
      return refuse(410, 'window_full', 'the window reached its storage cap');
  }
}

/** Pauses every open window: the install's replay storage budget is used up. */
async function pauseAllForStorage(
  deps: ReplayDeps,
  usage: { usedBytes: number; limitBytes: number; now: number },
): Promise<void> {
  for (const w of await deps.store.replay.windows({ states: ['open'] })) {
    await pauseBySystem(deps, w, pauseForStorage(w, { reason: 'storage_budget', ...usage }));
  }
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
