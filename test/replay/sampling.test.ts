// Per-visit sampling and single-use offers (issue 12 §4). The sample rate is a share of visits: only
// a visit's entry pageview is drawn, so a visit of ten pages has one chance, not ten. Checked
// statistically on the real decision (server/replay/offer.ts decideOffer, with the server's own
// random draw and the real entry classification) over 2,000 visits, then over real HTTP on both
// backends with fewer visits: offers, starts and the recordings in the database.
import { parseSafeguards, REVIEW_GATE } from '../../server/replay/safeguards.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { classifyReferrer } from '../../server/classify/referrer.js';
import { isEntry, navigationKind } from '../../server/classify/entry.js';
import { defaultReplayOptions } from '../../server/replay/deps.js';
import { CONTINUE_PATH, decideOffer } from '../../server/replay/offer.js';
import { openWindow as openPure } from '../../server/replay/window.js';
import type { StoredWindow } from '../../server/store/replay.js';
import {
  DOMAIN,
  openWindow,
  pageview,
  replayWorld,
  start,
  T0,
  type ReplayWorld,
} from './support.js';

/** The 99.9 % interval of Binomial(n, p), by the normal approximation (z = 3.29). */
function binomialBounds(n: number, p: number): [number, number] {
  const mean = n * p;
  const spread = 3.29 * Math.sqrt(n * p * (1 - p));
  return [Math.floor(mean - spread), Math.ceil(mean + spread)];
}

/** A visit as the tracker reports it: an entry from a search engine, then same-site pages. */
function visitPages(pages: number): { path: string; referrer: string; t: number }[] {
  return Array.from({ length: pages }, (_, i) => ({
    path: `/shop/p${i}`,
    referrer: i === 0 ? 'https://www.google.com/' : `https://${DOMAIN}/shop/p${i - 1}`,
    // Full page loads and SPA routes alike.
    t: i === 0 ? 0 : i % 2 ? 0 : 3,
  }));
}

describe('per-visit sampling (the decision)', () => {
  test('2,000 visits of 10 pages at 5 %: the share of visits offered is within binomial bounds, one offer at most per visit', () => {
    const opened = openPure(
      {
        purpose: 'ux_debugging',
        ownerId: '1',
        endsAt: T0 + 3_600_000,
        sampleRate: 0.05,
        caps: { maxSessions: 2_000, maxMinutesPerRecording: 10, maxPagesPerRecording: 20 },
        includeRules: ['/shop/*'],
        viewerIds: ['1'],
      },
      { id: 'w_sample', siteId: '1', now: T0 },
    );
    if (!opened.ok) throw new Error(JSON.stringify(opened.errors));
    const window: StoredWindow = {
      ...opened.window,
      canary: null,
      sessionsStarted: 0,
      flaggedChunks: 0,
      storedBytes: 0,
      safeguards: parseSafeguards('{}'),
      purgedAt: null,
    };
    const visits = 2_000;
    let offeredVisits = 0;
    let continues = 0;
    for (let v = 0; v < visits; v++) {
      let offers = 0;
      for (const page of visitPages(10)) {
        const entry = isEntry(
          navigationKind(page.t),
          classifyReferrer(page.referrer, DOMAIN).internal,
        );
        const decision = decideOffer(
          [window],
          { url: `https://${DOMAIN}${page.path}`, entry },
          T0 + 1,
          defaultReplayOptions.random,
        );
        if (decision === 'continue') continues++;
        else if (decision) offers++;
      }
      expect(offers).toBeLessThanOrEqual(1);
      offeredVisits += offers;
    }
    const [low, high] = binomialBounds(visits, 0.05);
    expect(offeredVisits).toBeGreaterThanOrEqual(low);
    expect(offeredVisits).toBeLessThanOrEqual(high);
    // Every later page of every visit is told "continue if you are recording", never offered.
    expect(continues).toBe(visits * 9);
  });
});

describe('per-visit sampling over HTTP', () => {
  let w: ReplayWorld;
  beforeAll(async () => {
    // The server's own random draw, not the test's fixed one.
    w = await replayWorld({ random: defaultReplayOptions.random, spikePerMinute: 100_000 });
  });
  afterAll(() => w?.close());

  test('visits of 4 pages at 25 %: offers only on entries, within bounds; each offer starts one recording once', async () => {
    const win = await openWindow(w, { sampleRate: 0.25, maxSessions: 1_000 });
    const visits = 150;
    const offers: { offer: string; path: string }[] = [];
    for (let v = 0; v < visits; v++) {
      let offered = 0;
      for (const page of visitPages(4)) {
        const r = await pageview(w, page.path, 'pageview', { r: page.referrer, t: page.t });
        if (page.referrer.startsWith('https://www.google.com')) {
          expect([200, 202]).toContain(r.status);
          if (r.status === 200) {
            expect(r.text).toMatch(/^\/replay\.js\?o=/);
            offers.push({ offer: r.text.slice(r.text.indexOf('?o=') + 3), path: page.path });
            offered++;
          }
        } else {
          // A later page: at most the continuation loader, which cannot start a recording.
          expect([r.status, r.text]).toEqual([200, CONTINUE_PATH]);
        }
      }
      expect(offered).toBeLessThanOrEqual(1);
    }
    const [low, high] = binomialBounds(visits, 0.25);
    expect(offers.length).toBeGreaterThanOrEqual(low);
    expect(offers.length).toBeLessThanOrEqual(high);
    // The review gate (replay-people) closes at REVIEW_GATE unreviewed recordings: the offers made
    // before it closed start nothing past it.
    const started = Math.min(offers.length, REVIEW_GATE);
    for (const [i, { offer, path }] of offers.entries()) {
      const r = await start(w, offer, path);
      if (i < started) expect(r.status).toBe(201);
      else expect([r.status, r.body.error.code]).toEqual([410, 'review_needed']);
      // Used once: a replay of the same request is refused.
      expect((await start(w, offer, path)).body.error.code).toBe('offer_used');
    }
    const recordings = await w.server.store.replay.recordings(win.id);
    expect(recordings).toHaveLength(started);
    expect((await w.server.store.replay.window(win.id))!.sessionsStarted).toBe(started);
  });

  test('the continuation loader path is served, and a visit not sampled cannot start from it', async () => {
    const res = await fetch(`${w.server.url}/replay-tab`, {
      headers: { origin: 'https://x.test' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const code = await res.text();
    expect(code).toContain('pomelo-replay');
    expect(code.length).toBeLessThan(2_000);
    // Neither an offer-less start nor the loader's fragment is an offer.
    const r = await start(w, 'continue', '/shop/p1');
    expect(r.status).toBe(400);
  });
});
