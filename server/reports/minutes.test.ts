import { expect, test } from 'vitest';
import {
  MinuteBatch,
  PageCap,
  RefusalBuffer,
  compareMinuteRows,
  keepMinutes,
  minuteOf,
  outcomesFromRows,
  pruneBefore,
  realtimeFromRows,
  windowOf,
  type MinuteRow,
} from './minutes.js';
import { OutcomeCounter, type Outcome } from './outcomes.js';
import { RealtimeCounter, type RealtimeEvent } from './realtime.js';

const t0 = Date.parse('2025-04-01T10:00:00Z');
const m0 = t0 / 60_000;
const min = 60_000;
const pv = (path: string, entry = false, siteId = 1): RealtimeEvent => ({
  siteId,
  kind: 'pageview',
  entry,
  path,
});

test('the minute rows of a batch: outcome per event, visits, pageviews and page per pageview', () => {
  const b = new MinuteBatch();
  const cap = new PageCap();
  b.addEvent(pv('/a', true), t0, cap);
  b.addEvent(pv('/a'), t0 + 59_999, cap);
  b.addEvent({ ...pv('/a'), kind: 'engagement' }, t0, cap);
  b.addEvent({ ...pv('/b'), kind: 'bot' }, t0, cap);
  b.addEvent(pv('/b', true, 2), t0 + min, cap);
  expect(b.toRows()).toEqual([
    { siteId: 1, minute: m0, kind: 'outcome', value: 'bot', count: 1 },
    { siteId: 1, minute: m0, kind: 'outcome', value: 'counted', count: 3 },
    { siteId: 1, minute: m0, kind: 'page', value: '/a', count: 2 },
    { siteId: 1, minute: m0, kind: 'pageviews', value: '', count: 2 },
    { siteId: 1, minute: m0, kind: 'visits', value: '', count: 1 },
    { siteId: 2, minute: m0 + 1, kind: 'outcome', value: 'counted', count: 1 },
    { siteId: 2, minute: m0 + 1, kind: 'page', value: '/b', count: 1 },
    { siteId: 2, minute: m0 + 1, kind: 'pageviews', value: '', count: 1 },
    { siteId: 2, minute: m0 + 1, kind: 'visits', value: '', count: 1 },
  ]);
});

test('rows come out in key order (site, minute, kind, value), whatever the order they came in', () => {
  const b = new MinuteBatch();
  const cap = new PageCap();
  for (const [site, t, path] of [
    [3, t0 + min, '/z'],
    [1, t0 + 2 * min, '/b'],
    [1, t0, '/c'],
    [2, t0, '/a'],
    [1, t0, '/a'],
  ] as const) {
    b.addEvent(pv(path, false, site), t, cap);
  }
  const rows = b.toRows();
  expect([...rows].sort(compareMinuteRows)).toEqual(rows);
  expect(rows.map((r) => `${r.siteId} ${r.minute - m0} ${r.kind} ${r.value}`).slice(0, 4)).toEqual([
    '1 0 outcome counted',
    '1 0 page /a',
    '1 0 page /c',
    '1 0 pageviews ',
  ]);
});

test('page cap: maxPagesPerSlot distinct pages per site and minute, the rest "(other)"', () => {
  const cap = new PageCap({ maxPagesPerSlot: 2 });
  expect(['/a', '/b', '/c', '/a', '/d'].map((p) => cap.admit(1, m0, p))).toEqual([
    '/a',
    '/b',
    '(other)',
    '/a',
    '(other)',
  ]);
  // Another site has its own slot; the next minute starts afresh.
  expect(cap.admit(2, m0, '/c')).toBe('/c');
  expect(cap.admit(1, m0 + 1, '/c')).toBe('/c');
  expect(cap.admit(1, m0 + 1, '/d')).toBe('/d');
  expect(cap.admit(1, m0 + 1, '/e')).toBe('(other)');
});

test('page cap: bounded in bytes; the least recently fed sites make room, then pages fold', () => {
  const long = (i: number) => `/${String(i).padStart(4, '0')}${'x'.repeat(295)}`; // 680 bytes
  const cap = new PageCap({ maxBytes: 10_000 });
  for (let i = 0; i < 200; i++) {
    // Five sites in turn: other sites' slots are dropped to make room, nothing is folded.
    expect(cap.admit(1 + (i % 5), m0, long(i))).toBe(long(i));
    expect(cap.heldBytes).toBeLessThanOrEqual(10_000);
  }
  expect(cap.heldBytes).toBeGreaterThan(10_000 - 680);
  // One site alone past the budget folds its new pages.
  const lone = new PageCap({ maxBytes: 2_000 });
  expect([0, 1, 2, 0].map((i) => lone.admit(1, m0, long(i)))).toEqual([
    long(0),
    long(1),
    '(other)',
    long(0),
  ]);
});

test('page cap: at most maxSites sites held, the least recently fed dropped', () => {
  const cap = new PageCap({ maxPagesPerSlot: 1, maxSites: 2 });
  expect(cap.admit(1, m0, '/a')).toBe('/a');
  expect(cap.admit(1, m0, '/b')).toBe('(other)');
  cap.admit(2, m0, '/a');
  cap.admit(1, m0, '/a'); // site 1 fed again: site 2 is now the oldest
  cap.admit(3, m0, '/a'); // drops site 2
  expect(cap.admit(1, m0, '/b')).toBe('(other)');
  expect(cap.admit(2, m0, '/b')).toBe('/b'); // a fresh slot (drops site 3, now the oldest)
  expect(cap.admit(3, m0, '/b')).toBe('/b');
});

test('pruning boundaries: rows older than 31 minutes go; the window reads the last 30', () => {
  expect(keepMinutes).toBe(31);
  const now = t0 + 45_000; // within minute m0
  expect(minuteOf(now)).toBe(m0);
  expect(windowOf(now)).toEqual({ from: m0 - 29, to: m0 });
  expect(pruneBefore(now)).toBe(m0 - 31);
  // Everything the window reads is kept, with one spare minute for clocks a little apart.
  expect(pruneBefore(now)).toBeLessThan(windowOf(now).from - 1);
  // At the very start of a minute too.
  expect(pruneBefore(t0)).toBe(m0 - 31);
  expect(pruneBefore(t0 - 1)).toBe(m0 - 32);
});

test('the snapshot from rows: 30 minutes, oldest first, zeros included, rows outside ignored', () => {
  const rows = [
    { minute: m0 - 30, kind: 'pageviews', value: '', count: 100 },
    { minute: m0 - 29, kind: 'pageviews', value: '', count: 2 },
    { minute: m0 - 29, kind: 'visits', value: '', count: 1 },
    { minute: m0, kind: 'pageviews', value: '', count: 3 },
    { minute: m0 + 1, kind: 'pageviews', value: '', count: 100 },
    { minute: m0, kind: 'outcome', value: 'counted', count: 7 },
  ] as const;
  const snap = realtimeFromRows([...rows], [{ page: '/a', pageviews: 5 }], t0 + 30_000);
  expect(snap.minutes).toBe(30);
  expect([snap.visits, snap.pageviews]).toEqual([1, 5]);
  expect(snap.series).toHaveLength(30);
  expect(snap.series[0]).toEqual({
    minute: new Date((m0 - 29) * min).toISOString().slice(0, 16) + 'Z',
    visits: 1,
    pageviews: 2,
  });
  expect(snap.series[29]).toEqual({ minute: '2025-04-01T10:00Z', visits: 0, pageviews: 3 });
  expect(snap.series.slice(1, 29).every((s) => s.pageviews === 0)).toBe(true);
  expect(snap.top_pages).toEqual([{ page: '/a', pageviews: 5 }]);
});

test('outcomes from rows: counted, bots, reasons most frequent first then by name', () => {
  const o = (minute: number, value: Outcome, count: number) =>
    ({ minute, kind: 'outcome', value, count }) as const;
  expect(
    outcomesFromRows(
      [
        o(m0, 'counted', 3),
        o(m0 - 29, 'bot', 2),
        o(m0 - 30, 'bot', 50),
        o(m0, 'unknown_site', 1),
        o(m0 - 1, 'excluded_path', 1),
        o(m0 - 2, 'unknown_site', 1),
        o(m0, 'domain_mismatch', 2),
      ],
      t0,
    ),
  ).toEqual({
    minutes: 30,
    counted: 3,
    bots: 2,
    not_counted: [
      { reason: 'domain_mismatch', events: 2 },
      { reason: 'unknown_site', events: 2 },
      { reason: 'excluded_path', events: 1 },
    ],
  });
});

/** Sums rows like the table's upserts do, then reads them like the store does. */
function readTable(table: MinuteRow[], siteId: number, nowMs: number, limit = 10) {
  const { from, to } = windowOf(nowMs);
  const mine = table.filter((r) => r.siteId === siteId && r.minute >= from && r.minute <= to);
  const pages = new Map<string, number>();
  for (const r of mine)
    if (r.kind === 'page') pages.set(r.value, (pages.get(r.value) ?? 0) + r.count);
  const top = [...pages]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit)
    .map(([page, pageviews]) => ({ page, pageviews }));
  return {
    realtime: realtimeFromRows(mine, top, nowMs),
    outcomes: outcomesFromRows(mine, nowMs),
  };
}

test('single node: the same figures as the in-memory counters, minute by minute', () => {
  // A deterministic stream of events over 70 minutes, in batches of a few seconds.
  let seed = 7;
  const rand = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16) % n;
  const memory = new RealtimeCounter({ maxPagesPerSlot: 5 });
  const outcomes = new OutcomeCounter();
  const cap = new PageCap({ maxPagesPerSlot: 5 });
  const table = new MinuteBatch();
  const kinds = ['pageview', 'pageview', 'pageview', 'engagement', 'custom', 'bot'] as const;
  for (let t = t0; t < t0 + 70 * min; t += 5_000) {
    const batch = new MinuteBatch();
    for (let i = rand(6); i > 0; i--) {
      const e: RealtimeEvent = {
        siteId: 1 + rand(2),
        kind: kinds[rand(kinds.length)]!,
        entry: rand(3) === 0,
        path: `/p${rand(9)}`,
      };
      memory.record(e, t);
      outcomes.record(e.siteId, e.kind === 'bot' ? 'bot' : 'counted', t);
      batch.addEvent(e, t, cap);
    }
    const refused = new RefusalBuffer();
    if (rand(10) === 0) {
      outcomes.record(1, 'excluded_path', t);
      refused.add(1, 'excluded_path', t);
    }
    table.addRows(batch.toRows());
    table.addRows(refused.take());
    const rows = table.toRows();
    for (const site of [1, 2]) {
      const read = readTable(rows, site, t);
      expect(read.realtime).toEqual(memory.snapshot(site, t));
      expect(read.outcomes).toEqual(outcomes.snapshot(site, t));
    }
  }
});

test('refusal buffer: bounded in keys, a held key still grows, restore puts rows back', () => {
  const buf = new RefusalBuffer(2);
  buf.add(1, 'unknown_site', t0);
  buf.add(2, 'excluded_path', t0);
  buf.add(3, 'gpc', t0); // a third key: dropped
  buf.add(1, 'unknown_site', t0 + 1_000); // same key: kept
  expect(buf.dropped).toBe(1);
  const rows = buf.take();
  expect(rows).toEqual([
    { siteId: 1, minute: m0, kind: 'outcome', value: 'unknown_site', count: 2 },
    { siteId: 2, minute: m0, kind: 'outcome', value: 'excluded_path', count: 1 },
  ]);
  expect(buf.size).toBe(0);
  buf.restore(rows);
  expect(buf.take()).toEqual(rows);
});
