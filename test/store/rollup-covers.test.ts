// The covers the agency overview reads (server/store/rollup-blocks.ts): whole months by their own
// block, and a range's sums as its months' blocks minus the days outside it when that is fewer rows;
// the current month's closed days so far as one block (the reports' covers too).
import { expect, test } from 'vitest';
import { eachDayOf } from '../../server/store/report-pieces.js';
import {
  blockDays,
  closedBefore,
  coverDays,
  coverRange,
  isMonthSoFar,
  monthSoFar,
  signedCover,
  type Cover,
} from '../../server/store/rollup-blocks.js';

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

test('the month so far: the closed days of the current month, when no other block is those days', () => {
  const noon = (day: string) => Date.parse(`${day}T12:00:00Z`);
  // 13 May at noon: closed up to 11 May (the day before yesterday at UTC−12).
  expect(closedBefore(noon('2025-05-13'))).toBe('2025-05-12');
  expect(monthSoFar(noon('2025-05-13'))).toEqual(['2025-05-01', '2025-05-11']);
  // Up to the 8th is the aligned 8-day block, up to the 1st a day, up to the 31st the month.
  expect(monthSoFar(noon('2025-05-10'))).toBeUndefined();
  expect(monthSoFar(noon('2025-05-03'))).toBeUndefined();
  expect(monthSoFar(noon('2025-06-02'))).toBeUndefined();
  expect(monthSoFar(noon('2025-06-01'))).toEqual(['2025-05-01', '2025-05-30']);
  expect(isMonthSoFar('2025-05-01/2025-05-11')).toBe(true);
  for (const b of ['2025-05-01/2025-05-16', '2025-05-01/2025-05-31', '2025-05-03/2025-05-11']) {
    expect(isMonthSoFar(b)).toBe(false);
  }
});

test('covers read the month-so-far block in place of its days, and every day once', () => {
  const soFar = '2025-05-01/2025-05-28';
  const withSoFar = (b: string) => b === soFar || blocks.has(b);
  // This month on 30 May: the month so far, the 29th (not closed yet), today.
  const range = coverRange('2025-05-01', '2025-05-30', withSoFar);
  expect(range).toEqual({ blocks: [soFar], days: ['2025-05-29', '2025-05-30'] });
  expect(coverRange('2025-05-01', '2025-05-30', has).blocks).toEqual([
    '2025-05-01/2025-05-16',
    '2025-05-17/2025-05-24',
    '2025-05-25/2025-05-28',
  ]);
  expect(coverDays('2025-04-20', '2025-05-29', withSoFar).blocks).toContain(soFar);
  // A range that starts after the 1st cannot use it.
  expect(coverRange('2025-05-02', '2025-05-30', withSoFar).blocks).not.toContain(soFar);
  const days = eachDayOf('2025-04-01', '2025-05-31');
  for (let i = 0; i < days.length; i += 2) {
    for (let j = i; j < days.length; j += 3) {
      const [from, to] = [days[i]!, days[j]!];
      for (const cover of [coverRange, coverDays]) {
        expect(signedDays(cover(from, to, withSoFar)), `${from}..${to}`).toEqual(once(from, to));
      }
      const s = signedCover(from, to, withSoFar);
      expect(signedDays(s.plus, s.minus), `${from}..${to}`).toEqual(once(from, to));
    }
  }
});
