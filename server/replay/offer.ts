// The pageview hook of ingestion (replay contract §1): which pageviews are offered a recording.
// The open windows live in memory per site, re-read after a local change and every few seconds,
// so a site without a window costs one Map lookup per pageview and no database read.
import { createHash, randomBytes } from 'node:crypto';
import type { StoredWindow } from '../store/replay.js';
import type { Store } from '../store/types.js';
import { offerPath, signOffer } from './offer-token.js';
import { reviewGateClosed } from './safeguards.js';
import { isRecordable } from './url-rules.js';
import { isRecording } from './window.js';

export const OFFER_SECRET = 'offer';

export class ReplayOffers {
  private bySite = new Map<number, StoredWindow[]>();
  /** Unreviewed recordings per open window, read with the windows (the review gate). */
  private unreviewed = new Map<string, number>();
  private secretBytes: Buffer | undefined;
  private refreshedAt = -Infinity;
  private refreshing: Promise<void> | undefined;

  constructor(
    private readonly store: Store,
    private readonly opts: { now: () => number; random: () => number; refreshMs: number },
  ) {}

  /** The install's offer secret (created on first use, shared by every node through the database). */
  async secret(): Promise<Buffer> {
    return (this.secretBytes ??= await this.store.replay.secret(
      OFFER_SECRET,
      () => randomBytes(32),
      this.opts.now(),
    ));
  }

  /** Reads the secret and the open windows; call once at start. */
  async init(): Promise<void> {
    await this.secret();
    await this.refresh();
  }

  /** Re-reads the open windows now (after a window changed on this node). */
  refresh(): Promise<void> {
    return (this.refreshing ??= (async () => {
      try {
        // Drafts too: their only offers are to a preview link's visit (previewOffer).
        const windows = await this.store.replay.windows({ states: ['open', 'draft'] });
        const bySite = new Map<number, StoredWindow[]>();
        const unreviewed = new Map<string, number>();
        for (const w of windows) {
          unreviewed.set(w.id, await this.store.replay.unreviewedCount(w.id));
          const list = bySite.get(Number(w.siteId)) ?? [];
          list.push(w);
          bySite.set(Number(w.siteId), list);
        }
        this.bySite = bySite;
        this.unreviewed = unreviewed;
        this.refreshedAt = this.opts.now();
      } finally {
        this.refreshing = undefined;
      }
    })());
  }

  /**
   * What a committed pageview's answer carries (see decideOffer): `/replay.js?o=<offer>`, the
   * continuation loader, or null. Synchronous: ingestion never waits on it.
   */
  offerFor(siteId: number, url: string, entry: boolean): string | null {
    const now = this.opts.now();
    if (now - this.refreshedAt > this.opts.refreshMs) void this.refresh().catch(() => undefined);
    const windows = this.bySite.get(siteId);
    if (windows === undefined || this.secretBytes === undefined) return null;
    const preview = previewToken(url);
    if (preview !== null) return this.previewOffer(windows, url, preview, now);
    const decision = decideOffer(windows, { url, entry }, now, this.opts.random, (id) =>
      reviewGateClosed(this.unreviewed.get(id) ?? 0),
    );
    if (decision === 'continue') return CONTINUE_PATH;
    const path = decision && offerPath(url);
    if (!decision || path === null) return null;
    return `/replay.js?o=${signOffer(this.secretBytes, decision.windowId, path, now)}`;
  }

  /**
   * A preview offer when the link's token is the live one of a draft window covering the page. It
   * is a normal offer (bound to the path, single use, 5 minutes) with the `.p` mark in its HMAC.
   */
  private previewOffer(windows: StoredWindow[], url: string, token: string, now: number) {
    const hash = hashPreviewToken(token);
    const page = url.split('#')[0]!;
    const path = offerPath(page);
    if (path === null) return null;
    for (const w of windows) {
      const link = w.safeguards.preview;
      if (w.state !== 'draft' || !link || link.hash !== hash || now >= link.expiresAt) continue;
      if (now >= w.endsAt || !isRecordable(page, w).ok) continue;
      return `/replay.js?o=${signOffer(this.secretBytes!, w.id, path, now, true)}`;
    }
    return null;
  }
}

/**
 * Offers and modes ride in the query string, not the fragment: Chromium's memory cache keys a
 * module by its URL without the fragment and may give a later page the fragment (so the offer, or
 * the mode) of the first copy loaded in the tab.
 *
 * The path a non-entry pageview of a covered page gets: a loader of a few hundred bytes
 * (tracker/replay/tab.ts) that imports the recorder only when this tab is already recording a visit
 * (its id in sessionStorage), to continue that recording on the new page. It cannot start one.
 */
export const CONTINUE_PATH = '/replay-tab?continue';

/**
 * Per-visit sampling (issue 12 §4), pure. Only a visit's entry pageview (server/classify/entry.ts)
 * is drawn, once per covering window, so a window's sample rate is a share of visits and a visit
 * gets at most one offer per window. A later pageview of a covered page gets 'continue' (the
 * recording of a sampled visit follows it), never an offer.
 */
export function decideOffer(
  windows: readonly StoredWindow[],
  page: { url: string; entry: boolean },
  now: number,
  draw: () => number,
  /** The review gate (issue 12 §9): a window with too many unreviewed recordings offers nothing. */
  gateClosed: (windowId: string) => boolean = () => false,
): { windowId: string } | 'continue' | null {
  for (const w of windows) {
    if (!isRecording(w, now) || w.sessionsStarted >= w.caps.maxSessions) continue;
    if (!isRecordable(page.url, w).ok) continue;
    if (!page.entry) return 'continue';
    if (gateClosed(w.id)) continue;
    if (draw() < w.sampleRate) return { windowId: w.id };
  }
  return null;
}

/** The fragment a preview link carries: `#pomelo-preview=<token>`. */
export const PREVIEW_FRAGMENT = 'pomelo-preview=';

/** The token of a preview link in a page URL's fragment, or null. */
export function previewToken(url: string): string | null {
  const at = url.indexOf(`#${PREVIEW_FRAGMENT}`);
  if (at < 0) return null;
  const token = url.slice(at + 1 + PREVIEW_FRAGMENT.length);
  return /^[A-Za-z0-9_-]{32,64}$/.test(token) ? token : null;
}

/** Only this hash is stored: the link itself is a capability. */
export function hashPreviewToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
