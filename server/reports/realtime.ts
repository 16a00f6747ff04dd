// Realtime: visits, pageviews and top pages of the last 30 minutes, kept IN MEMORY per process.
//
// Fed by ingestion (server/ingest/pipeline.ts `onAccepted`) after an event's batch committed. Each
// site has a ring of 30 one-minute slots; a slot older than 30 minutes is reused. Memory is
// bounded: at most `maxPagesPerSlot` distinct pages per slot (the rest count as "(other)"),
// `maxSites` sites (the least recently fed site is dropped), and `maxBytes` over every page held
// (paths are visitor-supplied, up to 300 characters): past it the least recently fed sites are
// dropped, and a page that still does not fit counts as "(other)". Nothing is stored in the database and
// nothing survives a restart. With several ingest nodes (PostgreSQL deployments) every node only
// sees the events it received: realtime figures are per node (docs/API.md, "Realtime").
import { OTHER } from '../counters/types.js';

export const realtimeMinutes = 30;

interface Slot {
  minute: number;
  visits: number;
  pageviews: number;
  pages: Map<string, number>;
  /** Estimated bytes of the slot's pages (pageBytes each). */
  bytes: number;
}

/** Estimated bytes of one page held in a slot: its characters (UTF-16) and its Map entry. */
export const pageBytes = (page: string) => 2 * page.length + 80;

export interface RealtimeEvent {
  siteId: number;
  kind: 'pageview' | 'engagement' | 'custom' | 'bot';
  entry: boolean;
  path: string;
}

export interface RealtimeSnapshot {
  minutes: number;
  visits: number;
  pageviews: number;
  /** Per minute, oldest first, ending with the current minute (zeros included). */
  series: { minute: string; visits: number; pageviews: number }[];
  top_pages: { page: string; pageviews: number }[];
}

export interface RealtimeOptions {
  maxSites?: number;
  maxPagesPerSlot?: number;
  /** Estimated bytes of all pages held, over every site (default 32 MiB). */
  maxBytes?: number;
}

export class RealtimeCounter {
  private readonly sites = new Map<number, Slot[]>();
  private readonly maxSites: number;
  private readonly maxPages: number;
  private readonly maxBytes: number;
  private bytes = 0;

  constructor(options: RealtimeOptions = {}) {
    this.maxSites = options.maxSites ?? 10_000;
    this.maxPages = options.maxPagesPerSlot ?? 1_000;
    this.maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
  }

  /** Estimated bytes of the pages held (tests). */
  get heldBytes(): number {
    return this.bytes;
  }

  record(e: RealtimeEvent, nowMs: number): void {
    if (e.kind !== 'pageview') return;
    const slot = this.slotFor(e.siteId, Math.floor(nowMs / 60_000));
    slot.pageviews++;
    if (e.entry) slot.visits++;
    let page = e.path;
    if (!slot.pages.has(page)) {
      const b = pageBytes(page);
      if (slot.pages.size < this.maxPages && this.makeRoom(b, e.siteId)) {
        slot.bytes += b;
        this.bytes += b;
      } else {
        page = OTHER;
        if (!slot.pages.has(OTHER)) {
          slot.bytes += pageBytes(OTHER);
          this.bytes += pageBytes(OTHER); // may pass the budget by one "(other)" per slot
        }
      }
    }
    slot.pages.set(page, (slot.pages.get(page) ?? 0) + 1);
  }

  snapshot(siteId: number, nowMs: number, limit = 10): RealtimeSnapshot {
    const now = Math.floor(nowMs / 60_000);
    const ring = this.sites.get(siteId);
    const pages = new Map<string, number>();
    const series: RealtimeSnapshot['series'] = [];
    let visits = 0;
    let pageviews = 0;
    for (let m = now - realtimeMinutes + 1; m <= now; m++) {
      const slot = ring?.[m % realtimeMinutes];
      const live = slot && slot.minute === m ? slot : undefined;
      series.push({
        minute: new Date(m * 60_000).toISOString().slice(0, 16) + 'Z',
        visits: live?.visits ?? 0,
        pageviews: live?.pageviews ?? 0,
      });
      if (!live) continue;
      visits += live.visits;
      pageviews += live.pageviews;
      for (const [p, n] of live.pages) pages.set(p, (pages.get(p) ?? 0) + n);
    }
    const top_pages = [...pages]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, limit)
      .map(([page, n]) => ({ page, pageviews: n }));
    return { minutes: realtimeMinutes, visits, pageviews, series, top_pages };
  }

  /** Drops the least recently fed sites other than `keep` until `b` more bytes fit. */
  private makeRoom(b: number, keep: number): boolean {
    for (const siteId of this.sites.keys()) {
      if (this.bytes + b <= this.maxBytes) break;
      if (siteId !== keep) this.dropSite(siteId);
    }
    return this.bytes + b <= this.maxBytes;
  }

  private dropSite(siteId: number): void {
    for (const slot of this.sites.get(siteId) ?? []) if (slot) this.bytes -= slot.bytes;
    this.sites.delete(siteId);
  }

  private slotFor(siteId: number, minute: number): Slot {
    let ring = this.sites.get(siteId);
    if (ring) {
      // Re-insert: Map order then keeps the least recently fed site first, for eviction.
      this.sites.delete(siteId);
    } else {
      if (this.sites.size >= this.maxSites) this.dropSite(this.sites.keys().next().value!);
      ring = [];
    }
    this.sites.set(siteId, ring);
    const i = minute % realtimeMinutes;
    let slot = ring[i];
    if (!slot || slot.minute !== minute) {
      if (slot) this.bytes -= slot.bytes;
      slot = { minute, visits: 0, pageviews: 0, pages: new Map(), bytes: 0 };
      ring[i] = slot;
    }
    return slot;
  }
}
