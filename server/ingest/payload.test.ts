// The engagement beacon's `c` bits (docs/WIRE.md): what is new since the pageview's previous beacon.
import { expect, test } from 'vitest';
import { validatePayload } from './payload.js';
import { isRejection } from './rejection.js';

const beacon = (c: unknown) =>
  validatePayload({ n: 'engagement', u: 'https://example.com/', e: 10, sd: 0, c, f: 0 });

test.each([
  [undefined, null, false], // Plausible's engagement: continuation unknown
  [0, false, false],
  [false, false, false],
  [1, true, true], // trackers before issue 19: continued, and so engaged
  [true, true, true],
  [2, false, true], // an interactive custom event: engaged, still on this page
  [4, true, false], // continued after an engagement an earlier beacon reported
  [6, true, true], // continued (and so engaged), both new
])('c = %j → continued %j, engaged %j', (c, continued, engaged) => {
  const p = beacon(c);
  if (isRejection(p)) throw new Error(p.message);
  expect(p.engagement).toMatchObject({ continued, engaged });
});

test.each([8, -1, 1.5, '1'])('c = %j is refused', (c) => {
  const p = beacon(c);
  expect(isRejection(p) && p.rejected).toBe('bad_engagement');
});

const purchase = (extra: Record<string, unknown>) =>
  validatePayload({ n: 'Purchase', u: 'https://example.com/thanks', ...extra });

test("revenue under props' `$` (Pomelo's tracker) is revenue, not a prop", () => {
  const p = purchase({ p: { plan: 'pro', $: { amount: 49.9, currency: 'EUR' } } });
  if (isRejection(p)) throw new Error(p.message);
  expect(p.props).toEqual([['plan', 'pro']]);
  const direct = purchase({ $: { amount: 49.9, currency: 'EUR' } });
  if (isRejection(direct)) throw new Error(direct.message);
  expect(p.revenue).toEqual(direct.revenue);
  expect(p.revenue).not.toBeNull();
});

test('a `$` prop that is not an object stays a prop; a bad revenue under it is refused', () => {
  const p = purchase({ p: { $: 'dollar' } });
  if (isRejection(p)) throw new Error(p.message);
  expect(p.props).toEqual([['$', 'dollar']]);
  expect(p.revenue).toBeNull();
  const bad = purchase({ p: { $: { amount: -1, currency: 'EUR' } } });
  expect(isRejection(bad) && bad.rejected).toBe('bad_revenue');
});
