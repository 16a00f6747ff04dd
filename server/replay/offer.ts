// The pageview hook of ingestion (replay contract §1): which pageviews are offered a recording.
// The open windows live in memory per site, re-read after a local change and every few seconds,
// so a site without a window costs one Map lookup per pageview and no database read.
import { randomBytes } from 'node:crypto';
import type { StoredWindow } from '../store/replay.js';
import type { Store } from '../store/types.js';
import { signOffer } from './offer-token.js';
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
        const windows = await this.store.replay.windows({ states: ['open'] });
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
   * `/replay.js#<offer>` when the page is covered by an open window of the site and the visit is
   * drawn by its sample rate; null otherwise. Synchronous: ingestion never waits on it.
   */
  offerFor(siteId: number, url: string): string | null {
    const now = this.opts.now();
    if (now - this.refreshedAt > this.opts.refreshMs) void this.refresh().catch(() => undefined);
    const windows = this.bySite.get(siteId);
    if (windows === undefined || this.secretBytes === undefined) return null;
    for (const w of windows) {
      if (!isRecording(w, now) || w.sessionsStarted >= w.caps.maxSessions) continue;
      if (reviewGateClosed(this.unreviewed.get(w.id) ?? 0)) continue;
      if (!isRecordable(url, w).ok) continue;
      if (this.opts.random() < w.sampleRate) {
        return `/replay.js#${signOffer(this.secretBytes, w.id, now)}`;
      }
    }
    return null;
  }
}
