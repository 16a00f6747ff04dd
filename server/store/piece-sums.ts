// Sums of one metric over the values of cached pieces (report-pieces.ts) that a test accepts: the
// goals report asks "pageviews of every page matching /section-7/*" for 11 patterns over 10,000
// page values (docs/BENCHMARKS.md). A cached piece only ever appends values (writes add to its sums
// in place, report-cache.ts), so the positions a test accepted stay right: each (piece, test) pair
// is matched once, later calls test only the values appended since and read the sums fresh.
import { metricCount, type Piece } from './report-pieces.js';

/** A test of a dimension's values. The same `key` must always mean the same test. */
export interface ValueTest {
  key: string;
  test: (value: string) => boolean;
}

interface Verdicts {
  /** Values of the piece tested so far (a prefix of `values`). */
  tested: number;
  /** Positions of the accepted ones. */
  accepted: number[];
}

/** Keys remembered per piece before its memo starts over (tests come and go with goals). */
const maxKeysPerPiece = 256;

const memo = new WeakMap<Piece, Map<string, Verdicts>>();

function verdictsOf(piece: Piece, t: ValueTest): Verdicts {
  let byKey = memo.get(piece);
  if (!byKey) memo.set(piece, (byKey = new Map()));
  let v = byKey.get(t.key);
  if (!v) {
    if (byKey.size >= maxKeysPerPiece) byKey.clear();
    byKey.set(t.key, (v = { tested: 0, accepted: [] }));
  }
  const { values } = piece;
  for (let i = v.tested; i < values.length; i++) if (t.test(values[i]!)) v.accepted.push(i);
  v.tested = values.length;
  return v;
}

/**
 * Per test, the sum of metric `metricIndex` (in `metricNames` order) over the values of every piece
 * that it accepts.
 */
export function sumsWhere(
  pieces: readonly Piece[],
  metricIndex: number,
  tests: readonly ValueTest[],
): number[] {
  return tests.map((t) => {
    let sum = 0;
    for (const p of pieces) {
      const { sums } = p;
      for (const i of verdictsOf(p, t).accepted) sum += sums[i * metricCount + metricIndex]!;
    }
    return sum;
  });
}
