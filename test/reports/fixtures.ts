// Known events for shop.test (Europe/Paris) around the DST change of 2025-03-30 and the month
// boundary of March → April, sent through POST /api/event with the clock set per event.
// The expected counters are worked out by hand in test/reports/reports.test.ts.
import { parseGoal } from '../../server/goals/goal-input.js';
import type { ReportsServer } from './support.js';

export const site = { domain: 'shop.test', timezone: 'Europe/Paris' };

const base = { d: 'shop.test', z: 'Europe/Paris', t: 0 };
const pv = (path: string, r: string | null, w: number) => ({
  ...base,
  n: 'pageview',
  u: `https://shop.test${path}`,
  r,
  w,
});
const eng = (p: ReturnType<typeof pv>, e: number, sd: number, c: 0 | 1) => ({
  ...p,
  n: 'engagement',
  e,
  sd,
  c,
});

/** [UTC time, event]; comments give the local (Paris) time. */
export const fixtureEvents: [string, Record<string, unknown>][] = (() => {
  const e0 = pv('/', null, 1280);
  const e1 = pv(
    '/pricing?utm_source=news&utm_medium=email&utm_campaign=spring',
    'https://www.google.com/search?q=shop',
    1280,
  );
  const e3 = pv('/docs', 'https://shop.test/pricing', 1280);
  const e6 = pv('/', null, 400);
  const e8 = pv('/', 'https://t.co/abc', 800);
  const e10 = pv('/', null, 1500);
  const e12 = pv('/pricing', 'https://shop.test/', 1500);
  const e13 = pv('/pricing', 'https://www.google.com/', 1280);
  return [
    // Previous period: Thursday 27 March, 13:00 CET.
    ['2025-03-27T12:00:00Z', e0],
    // Saturday 29 March (CET, +01:00), 11:00.
    ['2025-03-29T10:00:00Z', e1],
    ['2025-03-29T10:01:00Z', eng(e1, 30_000, 50, 1)],
    ['2025-03-29T10:02:00Z', e3],
    ['2025-03-29T10:03:00Z', eng(e3, 10_000, 80, 0)],
    ['2025-03-29T10:04:00Z', { ...e3, n: 'Signup', p: { plan: 'pro' } }],
    // Sunday 30 March, the DST change: 01:30 CET, then 03:30 CEST.
    ['2025-03-30T00:30:00Z', e6],
    ['2025-03-30T00:35:00Z', eng(e6, 4_000, 20, 0)],
    ['2025-03-30T01:30:00Z', e8],
    ['2025-03-30T01:35:00Z', eng(e8, 8_000, 0, 0)],
    // Monday 31 March, 23:30 and 23:40 CEST.
    ['2025-03-31T21:30:00Z', e10],
    ['2025-03-31T21:35:00Z', eng(e10, 2_000, 10, 1)],
    ['2025-03-31T21:40:00Z', e12],
    // Tuesday 1 April, 00:30 CEST: the same UTC day as above, the next local day and month.
    ['2025-03-31T22:30:00Z', e13],
    ['2025-03-31T22:31:00Z', { ...e13, n: 'Signup', p: { plan: 'free' } }],
    ['2025-03-31T22:32:00Z', { ...e13, n: 'Download', p: { file: '=cmd|calc' } }],
    // Tuesday 1 April, 12:00 CEST: a path with LIKE wildcards.
    ['2025-04-01T10:00:00Z', pv('/100%_off', null, 1280)],
  ];
})();

/** The clock the reports are read at: Tuesday 1 April 2025, 12:10 CEST. */
export const readAt = '2025-04-01T10:10:00Z';

export async function loadFixtures(s: ReportsServer): Promise<void> {
  for (const [at, body] of fixtureEvents) await s.event(at, body);
  s.setClock(readAt);
}

/** The goals docs/API.md's goal examples show, added after the events (goals apply to history). */
export const exampleGoals = [
  { name: 'Pricing page', page: '/pricing*' },
  { name: 'Signup', event: 'Signup' },
  { name: 'Signup pro', event: 'Signup', prop: { key: 'plan', value: 'pro' } },
];

export async function addExampleGoals(s: ReportsServer): Promise<void> {
  const { id } = (await s.server.store.siteByDomain(site.domain))!;
  for (const g of exampleGoals) {
    const parsed = parseGoal(g);
    if (!parsed.ok) throw new Error(parsed.message);
    await s.server.store.goals.addGoal(id, parsed.goal, '2025-04-01T10:00:00.000Z');
  }
}
