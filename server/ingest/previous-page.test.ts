// The previous page of a pageview (page flows): same-site referrer of a load, pp of an SPA route.
import { describe, expect, test } from 'vitest';
import { toDeltas } from '../counters/deltas.js';
import { navigationKind } from '../classify/entry.js';
import { previousPage } from './classify-event.js';
import { validatePayload, type EventPayload } from './payload.js';

const payload = (body: Record<string, unknown>) =>
  validatePayload({ n: 'pageview', u: 'https://shop.test/b', ...body }) as EventPayload;
const page = new URL('https://shop.test/b');
const prev = (body: Record<string, unknown>, internal: boolean) => {
  const p = payload(body);
  return previousPage(p, page, navigationKind(p.navigation), internal);
};

describe('previousPage', () => {
  test('a load with a same-site referrer: its path, normalised like a page path', () => {
    expect(prev({ t: 0, r: 'https://shop.test/a%20b//c?q=1#x' }, true)).toBe('/a b/c');
    // Plausible payloads have no navigation kind: treated as a load.
    expect(prev({ r: 'https://shop.test/a' }, true)).toBe('/a');
  });

  test('an entry, a reload and back/forward name no previous page', () => {
    expect(prev({ t: 0, r: 'https://other.test/a' }, false)).toBeNull();
    expect(prev({ t: 0, r: null }, false)).toBeNull();
    expect(prev({ t: 1, r: 'https://shop.test/a' }, true)).toBeNull();
    expect(prev({ t: 2, r: 'https://shop.test/a' }, true)).toBeNull();
  });

  test('an SPA route change: pp, with the fragment under hash routing', () => {
    expect(prev({ t: 3, pp: '/a', r: 'https://other.test/' }, false)).toBe('/a');
    expect(prev({ t: 3 }, false)).toBeNull();
    expect(prev({ t: 3, h: 1, pp: '/app#/x?y=1' }, false)).toBe('/app#/x');
    expect(prev({ t: 3, h: 0, pp: '/app#/x' }, false)).toBe('/app');
  });

  test('pp must be a path of this site', () => {
    for (const pp of ['//evil.test/a', 'a', '', 5, {}, 'x'.repeat(2049)]) {
      expect(validatePayload({ n: 'pageview', u: 'https://shop.test/', t: 3, pp })).toMatchObject({
        rejected: 'bad_previous_path',
      });
    }
    expect(payload({ pp: null }).previousPath).toBeNull();
  });
});

test('a pageview with a previous page adds one pageview to its flow pair', () => {
  const base = {
    siteId: 1,
    day: '2026-11-01',
    hour: '2026-11-01T12',
    kind: 'pageview' as const,
    path: '/b',
    entry: false,
    source: '(internal)',
    referrer: null,
    utmSource: null,
    utmMedium: null,
    utmCampaign: null,
    country: 'FR',
    browser: 'Chrome',
    os: 'Linux',
    device: 'laptop',
    eventName: 'pageview',
    props: [],
    engagement: null,
  };
  const flows = (previous: string | null) =>
    toDeltas({ ...base, previous }).daily.filter((r) => r.dimension === 'flow');
  expect(flows('/a').map((r) => [r.value, r.pageviews, r.visits])).toEqual([['/a\n/b', 1, 0]]);
  expect(flows(null)).toEqual([]);
});
