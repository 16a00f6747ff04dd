import { expect, test } from 'vitest';
import { RealtimeCounter, pageBytes } from './realtime.js';

const t0 = Date.parse('2025-04-01T10:00:00Z');
const min = 60_000;
const pv = (path: string, entry = false, siteId = 1) =>
  ({ siteId, kind: 'pageview', entry, path }) as const;

test('counts entries and pageviews of the last 30 minutes only', () => {
  const r = new RealtimeCounter();
  r.record(pv('/a', true), t0);
  r.record(pv('/b'), t0 + 10 * min);
  r.record(pv('/b', true), t0 + 29 * min);
  r.record({ ...pv('/a'), kind: 'engagement' }, t0 + 29 * min);
  const at29 = r.snapshot(1, t0 + 29 * min);
  expect([at29.visits, at29.pageviews, at29.top_pages]).toEqual([
    2,
    3,
    [
      { page: '/b', pageviews: 2 },
      { page: '/a', pageviews: 1 },
    ],
  ]);
  expect(at29.series).toHaveLength(30);
  expect(at29.series[0]).toEqual({ minute: '2025-04-01T10:00Z', visits: 1, pageviews: 1 });
  const at30 = r.snapshot(1, t0 + 30 * min);
  expect([at30.visits, at30.pageviews]).toEqual([1, 2]);
  expect(r.snapshot(1, t0 + 120 * min).pageviews).toBe(0);
});

test('a slot is reused after 30 minutes, never summed with the old minute', () => {
  const r = new RealtimeCounter();
  r.record(pv('/old'), t0);
  r.record(pv('/new'), t0 + 30 * min);
  expect(r.snapshot(1, t0 + 30 * min).top_pages).toEqual([{ page: '/new', pageviews: 1 }]);
});

test('memory is bounded: pages per minute and sites', () => {
  const r = new RealtimeCounter({ maxPagesPerSlot: 2, maxSites: 2 });
  for (const p of ['/a', '/b', '/c', '/d']) r.record(pv(p), t0);
  expect(r.snapshot(1, t0).top_pages).toEqual([
    { page: '(other)', pageviews: 2 },
    { page: '/a', pageviews: 1 },
    { page: '/b', pageviews: 1 },
  ]);
  r.record(pv('/x', false, 2), t0);
  r.record(pv('/y', false, 3), t0);
  expect(r.snapshot(1, t0).pageviews).toBe(0);
  expect(r.snapshot(3, t0).pageviews).toBe(1);
});

test('memory is bounded in bytes: long paths drop the least recently fed sites, then fold', () => {
  const maxBytes = 100_000;
  const r = new RealtimeCounter({ maxBytes });
  const t0 = Date.parse('2026-11-29T10:00:00Z');
  const long = (i: number) => `/${String(i).padStart(6, '0')}${'x'.repeat(293)}`;
  let peak = 0;
  for (let i = 0; i < 2_000; i++) {
    const siteId = 1 + (i % 7);
    r.record({ siteId, kind: 'pageview', entry: false, path: long(i) }, t0 + i * 1_000);
    peak = Math.max(peak, r.heldBytes);
  }
  // One "(other)" per slot may pass the budget; nothing else does.
  expect(peak).toBeLessThanOrEqual(maxBytes + 7 * 30 * pageBytes('(other)'));
  const last = r.snapshot(1 + (1_999 % 7), t0 + 1_999 * 1_000);
  expect(last.pageviews).toBeGreaterThan(0); // the site being fed keeps counting
});
