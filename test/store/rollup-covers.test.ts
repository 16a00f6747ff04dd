// The covers the agency overview reads (server/store/rollup-blocks.ts): whole months by their own
// block, and a range's sums as its months' blocks minus the days outside it when that is fewer rows.
import { expect, test } from 'vitest';
import { eachDayOf } from '../../server/store/report-pieces.js';
import { blockDays, coverDays, signedCover, type Cover } from '../../server/store/rollup-blocks.js';

/** May and April with their 16- and 8-day blocks, and May's 2- and 4-day blocks up to the 28th. */
const blocks = new Set([
  '2025-04-01/2025-04-30',
  '2025-04-01/2025-04-16',
  '2025-05-01/2025-05-31',
  '2025-05-01/2025-05-16',
  '2025-05-17/2025-05-24',
  '2025-05-25/2025-05-28',
  '2025-05-25/2025-05-26',
  '2025-05-27/2025-05-28',
]);
const has = (b: string) => blocks.has(b);

/** Each day of a cover with its sign: +1 per block or day of `plus`, −1 per one of `minus`. */
function signedDays(plus: Cover, minus: Cover = { blocks: [], days: [] }): Map<string, number> {
  const out = new Map<string, number>();
  const add = (c: Cover, sign: number) => {
    const days = [...c.days, ...c.blocks.flatMap((b) => eachDayOf(...blockDays(b)))];
    for (const d of days) out.set(d, (out.get(d) ?? 0) + sign);
  };
  add(plus, 1);
  add(minus, -1);
  for (const [d, n] of out) if (n === 0) out.delete(d);
  return out;
}

const once = (from: string, to: string) => new Map(eachDayOf(from, to).map((d) => [d, 1]));

test('coverDays reads a whole month as its block, and every day of a range once', () => {
  expect(coverDays('2025-05-01', '2025-05-31', has)).toEqual({
    blocks: ['2025-05-01/2025-05-31'],
    days: [],
  });
  const c = coverDays('2025-04-20', '2025-05-31', has);
  expect(c.blocks).toEqual(['2025-05-01/2025-05-31']);
  expect(signedDays(c)).toEqual(once('2025-04-20', '2025-05-31'));
  // Without its month block, a month is its aligned blocks, then days.
  const noMonth = (b: string) => b !== '2025-05-01/2025-05-31' && has(b);
  const m = coverDays('2025-05-01', '2025-05-31', noMonth);
  expect(m.blocks).toEqual([
    '2025-05-01/2025-05-16',
    '2025-05-17/2025-05-24',
    '2025-05-25/2025-05-28',
  ]);
  expect(m.days).toEqual(['2025-05-29', '2025-05-30', '2025-05-31']);
});

test('signedCover: a month minus its first day, or the plain cover when that is fewer rows', () => {
  const prev = signedCover('2025-05-02', '2025-05-31', has);
  expect(prev).toEqual({
    plus: { blocks: ['2025-05-01/2025-05-31'], days: [] },
    minus: { blocks: [], days: ['2025-05-01'] },
  });
  // Two months but a few days at each end: both months' blocks minus those days.
  const two = signedCover('2025-04-03', '2025-05-29', has);
  expect(two.plus.blocks).toEqual(['2025-04-01/2025-04-30', '2025-05-01/2025-05-31']);
  expect(signedDays(two.plus, two.minus)).toEqual(once('2025-04-03', '2025-05-29'));
  // Half a month: its own blocks are fewer than the month minus the other half.
  const half = signedCover('2025-05-01', '2025-05-16', has);
  expect(half).toEqual({
    plus: { blocks: ['2025-05-01/2025-05-16'], days: [] },
    minus: { blocks: [], days: [] },
  });
  // Every range of these two months: each day counted exactly once.
  const days = eachDayOf('2025-04-01', '2025-05-31');
  for (let i = 0; i < days.length; i += 3) {
    for (let j = i; j < days.length; j += 5) {
      const s = signedCover(days[i]!, days[j]!, has);
      expect(signedDays(s.plus, s.minus), `${days[i]}..${days[j]}`).toEqual(
        once(days[i]!, days[j]!),
      );
    }
  }
});
