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
  /** Bit i: the test accepted value i. A bitset bounds the memory whatever the tests accept. */
  bits: Uint32Array;
}

/**
 * Keys remembered per piece before its memo starts over (tests come and go with goals; a site has at
 * most 100). The memo then holds at most 128 bits per cached value: 8 MB for the cache's 500,000.
 */
const maxKeysPerPiece = 128;

const memo = new WeakMap<Piece, Map<string, Verdicts>>();

function verdictsOf(piece: Piece, t: ValueTest): Uint32Array {
  let byKey = memo.get(piece);
  if (!byKey) memo.set(piece, (byKey = new Map()));
  let v = byKey.get(t.key);
  if (!v) {
    if (byKey.size >= maxKeysPerPiece) byKey.clear();
    byKey.set(t.key, (v = { tested: 0, bits: new Uint32Array(0) }));
  }
  const { values } = piece;
  if (v.tested === values.length) return v.bits;
  if (values.length > v.bits.length * 32) {
    const grown = new Uint32Array(Math.ceil((values.length * 1.25) / 32) + 1);
    grown.set(v.bits);
    v.bits = grown;
  }
  for (let i = v.tested; i < values.length; i++) {
    if (t.test(values[i]!)) v.bits[i >>> 5]! |= 1 << (i & 31);
  }
  v.tested = values.length;
  return v.bits;
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
      const bits = verdictsOf(p, t);
      const { sums } = p;
      for (let w = 0; w < bits.length; w++) {
        for (let x = bits[w]!; x !== 0; x &= x - 1) {
          const i = (w << 5) | (31 - Math.clz32(x & -x));
          sum += sums[i * metricCount + metricIndex]!;
        }
      }
    }
    return sum;
  });
}

/**
 * The distinct values of the pieces that `t` accepts (verdicts shared with sumsWhere under the same
 * key), or null past `limit` of them: the caller then reads its rows another way.
 */
export function valuesWhere(
  pieces: readonly Piece[],
  t: ValueTest,
  limit: number,
): string[] | null {
  const out = new Set<string>();
  for (const p of pieces) {
    const bits = verdictsOf(p, t);
    const { values } = p;
    for (let w = 0; w < bits.length; w++) {
      for (let x = bits[w]!; x !== 0; x &= x - 1) {
        out.add(values[(w << 5) | (31 - Math.clz32(x & -x))]!);
        if (out.size > limit) return null;
      }
    }
  }
  return [...out];
}
