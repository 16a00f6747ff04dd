import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { metricNames, zeroMetrics } from '../counters/types.js';
import { sumsWhere, valuesWhere, type ValueTest } from './piece-sums.js';
import { addToPiece, indexOf, metricCount, pieceFromRows, type Piece } from './report-pieces.js';

/** The sums of each test over the pieces, value by value, without any memo. */
function naive(pieces: Piece[], metricIndex: number, tests: ValueTest[]): number[] {
  return tests.map((t) =>
    pieces.reduce(
      (sum, p) =>
        sum +
        p.values.reduce(
          (s, v, i) => s + (t.test(v) ? p.sums[i * metricCount + metricIndex]! : 0),
          0,
        ),
      0,
    ),
  );
}

const tests: ValueTest[] = [
  { key: 'starts with /a', test: (v) => v.startsWith('/a') },
  { key: 'has 7', test: (v) => v.includes('7') },
  { key: 'all', test: () => true },
  { key: 'none', test: () => false },
];

describe('sumsWhere', () => {
  test('equals a plain sum while pieces grow and their sums change in place', () => {
    const value = fc.tuple(fc.constantFrom('/a', '/b', '/ab', '/c'), fc.nat(120));
    const write = fc.array(fc.tuple(value, fc.integer({ min: -5, max: 50 })), { maxLength: 80 });
    fc.assert(
      fc.property(fc.array(write, { minLength: 1, maxLength: 6 }), fc.nat(7), (writes, k) => {
        const pieces: Piece[] = [
          pieceFromRows([]),
          pieceFromRows([['/a7', 3, 1, 0, 0, 0, 0, 0, 9]]),
        ];
        writes.forEach((rows, n) => {
          const p = pieces[n % 2]!;
          const index = indexOf(p);
          for (const [[prefix, i], amount] of rows) {
            const m = zeroMetrics();
            m[metricNames[k]!] = amount;
            addToPiece(p, index, `${prefix}${i}`, m);
          }
          // Asked after every write: the memo must take in appended values and fresh sums.
          expect(sumsWhere(pieces, k, tests)).toEqual(naive(pieces, k, tests));
        });
      }),
      { numRuns: 200 },
    );
  });

  test('every bit of a word counts (values 0, 31, 32, 63 of a piece)', () => {
    const rows = Array.from({ length: 70 }, (_, i) => [`/v${i}`, i + 1, 0, 0, 0, 0, 0, 0, 0]);
    const picked = new Set(['/v0', '/v31', '/v32', '/v63', '/v69']);
    const [sum] = sumsWhere([pieceFromRows(rows)], 0, [
      { key: 'picked', test: (v) => picked.has(v) },
    ]);
    expect(sum).toBe(1 + 32 + 33 + 64 + 70);
  });
});

describe('valuesWhere', () => {
  test('the distinct accepted values of every piece, as pieces grow; null past the limit', () => {
    const value = fc.tuple(fc.constantFrom('/a', '/b', '/ab', '/c'), fc.nat(120));
    fc.assert(
      fc.property(
        fc.array(fc.array(value, { maxLength: 60 }), { minLength: 1, maxLength: 6 }),
        fc.nat(40),
        (writes, limit) => {
          const pieces: Piece[] = [
            pieceFromRows([]),
            pieceFromRows([['/a7', 3, 1, 0, 0, 0, 0, 0, 9]]),
          ];
          writes.forEach((rows, n) => {
            const p = pieces[n % 2]!;
            const index = indexOf(p);
            for (const [prefix, i] of rows) addToPiece(p, index, `${prefix}${i}`, zeroMetrics());
            for (const t of tests) {
              const want = [...new Set(pieces.flatMap((q) => q.values.filter(t.test)))].sort();
              const got = valuesWhere(pieces, t, limit);
              expect(got === null ? null : [...got].sort(), t.key).toEqual(
                want.length > limit ? null : want,
              );
            }
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});
