import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { metricNames } from '../counters/types.js';
import {
  compareBinary,
  mergePieces,
  pageOf,
  pieceFromRows,
  piecesOf,
  type PageQuery,
} from './report-pieces.js';

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const daysOf = (from: string, to: string) => {
  const out: string[] = [];
  for (let t = Date.parse(from); day(t) <= to; t += 86_400_000) out.push(day(t));
  return out;
};

describe('piecesOf', () => {
  test('a 30-day range: aligned blocks of partial months, the last day alone', () => {
    expect(piecesOf('2025-05-17', '2025-06-15')).toEqual([
      ['2025-05-17', '2025-05-24'],
      ['2025-05-25', '2025-05-28'],
      ['2025-05-29', '2025-05-30'],
      ['2025-05-31', '2025-05-31'],
      ['2025-06-01', '2025-06-08'],
      ['2025-06-09', '2025-06-12'],
      ['2025-06-13', '2025-06-14'],
      ['2025-06-15', '2025-06-15'],
    ]);
  });

  test('whole months are one piece each (February of a leap year included)', () => {
    expect(piecesOf('2024-02-01', '2024-04-01')).toEqual([
      ['2024-02-01', '2024-02-29'],
      ['2024-03-01', '2024-03-31'],
      ['2024-04-01', '2024-04-01'],
    ]);
    expect(piecesOf('2025-06-03', '2025-06-03')).toEqual([['2025-06-03', '2025-06-03']]);
    expect(piecesOf('2025-06-04', '2025-06-03')).toEqual([]);
  });

  test('pieces cover every day of the range exactly once, in order', () => {
    const start = Date.parse('2023-01-01');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 900 }), fc.integer({ min: 0, max: 800 }), (a, n) => {
        const from = day(start + a * 86_400_000);
        const to = day(start + (a + n) * 86_400_000);
        const covered = piecesOf(from, to).flatMap(([x, y]) => {
          expect(x.slice(0, 7)).toBe(y.slice(0, 7)); // never across a month
          return daysOf(x, y);
        });
        expect(covered).toEqual(daysOf(from, to));
      }),
    );
  });
});

describe('compareBinary', () => {
  test('orders like SQLite (bytes of UTF-8), astral characters included', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'B', 'é', '\uffff', '\ue000', '😀', '𝄞') });
    fc.assert(
      fc.property(text, text, (a, b) => {
        const bytes = Buffer.compare(Buffer.from(a), Buffer.from(b));
        expect(Math.sign(compareBinary(a, b))).toBe(bytes);
      }),
    );
  });
});

describe('pageOf', () => {
  const metric = fc.integer({ min: -3, max: 5 });
  const value = fc.oneof(
    fc.constantFrom('/', '/a', '/b', '/B', '/é', '/😀', '/\ue000', '(other)'),
    fc.integer({ min: 0, max: 80 }).map((n) => `/p${n}`),
  );
  const row = fc.tuple(value, metric, metric);
  const query = fc.record({
    orderBy: fc.constantFrom('pageviews', 'visits', 'value') as fc.Arbitrary<PageQuery['orderBy']>,
    direction: fc.constantFrom('asc', 'desc') as fc.Arbitrary<'asc' | 'desc'>,
    limit: fc.integer({ min: 1, max: 8 }),
    offset: fc.integer({ min: 0, max: 8 }),
    filters: fc.array(
      fc.record({
        op: fc.constantFrom('is', 'is_not') as fc.Arbitrary<'is' | 'is_not'>,
        values: fc.array(fc.constantFrom<string>('/', '/a', '/é', '(other)'), { maxLength: 3 }),
      }),
      { maxLength: 2 },
    ),
  });

  test('sums pieces and pages like GROUP BY … ORDER BY metric, value LIMIT OFFSET', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(row, { maxLength: 40 }), { maxLength: 4 }),
        query,
        (pieces, q) => {
          // Reference: plain sums per value, sorted in full.
          const sums = new Map<string, number[]>();
          for (const p of pieces)
            for (const [v, pv, visits] of p) {
              const s = sums.get(v) ?? metricNames.map(() => 0);
              s[0]! += pv;
              s[1]! += visits;
              sums.set(v, s);
            }
          const kept = [...sums].filter(([v]) =>
            q.filters.every((f) => f.values.includes(v) === (f.op === 'is')),
          );
          const dir = q.direction === 'asc' ? 1 : -1;
          const k = q.orderBy === 'value' ? -1 : metricNames.indexOf(q.orderBy);
          kept.sort(([a, x], [b, y]) =>
            k < 0 ? dir * compareBinary(a, b) : dir * (x[k]! - y[k]!) || compareBinary(a, b),
          );
          const expected = kept
            .slice(q.offset, q.offset + q.limit)
            .map(([v, s]) => [v, s[0], s[1]]);

          // Rows of one day: a value appears once per piece.
          const built = pieces.map((p) => {
            const once = new Map<string, unknown[]>();
            for (const [v, pv, visits] of p) {
              const r = once.get(v) ?? [v, 0, 0, 0, 0, 0, 0, 0, 0];
              (r[1] as number) += pv;
              (r[2] as number) += visits;
              once.set(v, r);
            }
            return pieceFromRows([...once.values()]);
          });
          const page = pageOf(mergePieces(built), q);
          expect(page.totalRows).toBe(kept.length);
          expect(page.rows.map((r) => [r.value, r.pageviews, r.visits])).toEqual(expected);
        },
      ),
    );
  });
});
