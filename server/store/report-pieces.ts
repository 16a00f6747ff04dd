// Pure parts of the SQLite report cache (report-cache.ts): how a day range is cut into cacheable
// pieces, and how pieces are summed, filtered, ordered and paged exactly as the SQL of reports.ts.
import { metricNames, type Metrics } from '../counters/types.js';

/** Sums per value over one piece of days: `sums[i * 8 + k]` is metric k of `values[i]`. */
export interface Piece {
  values: string[];
  sums: Float64Array;
}

export const metricCount = metricNames.length;

const dayMs = 86_400_000;
const toMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const toDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Every day from `from` to `to`, both included (YYYY-MM-DD). */
export function eachDayOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = toMs(from); ; t += dayMs) {
    const day = toDay(t);
    if (day > to) return out;
    out.push(day);
  }
}

export function lastDayOfMonth(day: string): string {
  const d = new Date(toMs(day));
  return toDay(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0));
}

/** Days 1..n of a partial month as blocks aligned on powers of two (1–16, 17–24, 25–28, …). */
export function alignedBlocks(first: string, last: string): [string, string][] {
  const out: [string, string][] = [];
  const monthStart = toMs(first) - (Number(first.slice(8, 10)) - 1) * dayMs;
  let a = Number(first.slice(8, 10)) - 1;
  const b = Number(last.slice(8, 10)) - 1;
  while (a <= b) {
    let size = 16;
    while (size > 1 && (a % size !== 0 || a + size - 1 > b)) size /= 2;
    out.push([toDay(monthStart + a * dayMs), toDay(monthStart + (a + size - 1) * dayMs)]);
    a += size;
  }
  return out;
}

/**
 * Cuts [fromDay, toDay] into pieces that other ranges reuse: whole calendar months, aligned blocks
 * of partial months, and the range's last day on its own (usually today: the only piece that
 * ingestion keeps changing, so the only one a busy site recomputes).
 */
export function piecesOf(fromDay: string, toDayIncl: string): [string, string][] {
  if (fromDay > toDayIncl) return [];
  if (fromDay === toDayIncl) return [[fromDay, fromDay]];
  const out: [string, string][] = [];
  const end = toDay(toMs(toDayIncl) - dayMs);
  for (let a = fromDay; a <= end;) {
    const monthEnd = lastDayOfMonth(a);
    const b = monthEnd < end ? monthEnd : end;
    if (a.endsWith('-01') && b === monthEnd) out.push([a, b]);
    else out.push(...alignedBlocks(a, b));
    a = toDay(toMs(b) + dayMs);
  }
  out.push([toDayIncl, toDayIncl]);
  return out;
}

/**
 * Adds a counter row to a piece in place (`index`: value → position, built on first use), as the
 * upsert adds it to the table; a value the piece lacks is appended, even with zero metrics, since
 * the upsert creates its row.
 */
export function addToPiece(
  piece: Piece,
  index: Map<string, number>,
  value: string,
  metrics: Metrics,
): void {
  let i = index.get(value);
  if (i === undefined) {
    i = piece.values.length;
    piece.values.push(value);
    index.set(value, i);
    if ((i + 1) * metricCount > piece.sums.length) {
      const grown = new Float64Array(Math.max(16, (i + 1) * 2) * metricCount);
      grown.set(piece.sums.subarray(0, i * metricCount));
      piece.sums = grown;
    }
  }
  for (let k = 0; k < metricCount; k++)
    piece.sums[i * metricCount + k]! += metrics[metricNames[k]!];
}

export function indexOf(piece: Piece): Map<string, number> {
  return new Map(piece.values.map((v, i) => [v, i]));
}

/** Number of entries a piece holds (the cache's unit of size). */
export const pieceSize = (p: Piece) => p.values.length;

/** Rows as the piece query returns them: [value, sum1 … sum8]. */
export function pieceFromRows(rows: unknown[][]): Piece {
  const values: string[] = new Array(rows.length);
  const sums = new Float64Array(rows.length * metricCount);
  rows.forEach((r, i) => {
    values[i] = r[0] as string;
    for (let k = 0; k < metricCount; k++) sums[i * metricCount + k] = Number(r[k + 1] ?? 0);
  });
  return { values, sums };
}

/** Sum of pieces, value by value (a value missing from a piece adds nothing). */
export function mergePieces(pieces: Piece[]): Piece {
  if (pieces.length === 1) return pieces[0]!;
  const index = new Map<string, number>();
  const values: string[] = [];
  let sums = new Float64Array(Math.max(16, pieces[0]?.values.length ?? 0) * metricCount);
  for (const p of pieces) {
    for (let i = 0; i < p.values.length; i++) {
      const v = p.values[i]!;
      let j = index.get(v);
      if (j === undefined) {
        j = values.length;
        index.set(v, j);
        values.push(v);
        if ((j + 1) * metricCount > sums.length) {
          const grown = new Float64Array(sums.length * 2);
          grown.set(sums);
          sums = grown;
        }
      }
      for (let k = 0; k < metricCount; k++)
        sums[j * metricCount + k]! += p.sums[i * metricCount + k]!;
    }
  }
  return { values, sums: sums.subarray(0, values.length * metricCount) };
}

/**
 * SQLite compares TEXT as bytes of UTF-8, i.e. by code point; JavaScript compares UTF-16 code units.
 * They differ only between surrogates (astral characters) and U+E000–U+FFFF: shift those apart.
 */
export function compareBinary(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
}

export interface PageQuery {
  /** Metric index in `metricNames`, or 'value'. */
  orderBy: keyof Metrics | 'value';
  direction: 'asc' | 'desc';
  limit: number;
  offset: number;
  /** Exact value conditions (`is` / `is_not`); every one must hold. */
  filters: { op: 'is' | 'is_not'; values: string[] }[];
}

export interface PageOfValues {
  rows: (Metrics & { value: string })[];
  totalRows: number;
}

/** Filters, orders (ties by value, ascending) and pages like reports.ts `topValues` does in SQL. */
export function pageOf(piece: Piece, q: PageQuery): PageOfValues {
  const sets = q.filters.map((f) => ({ keep: f.op === 'is', set: new Set(f.values) }));
  const picked: number[] = [];
  for (let i = 0; i < piece.values.length; i++) {
    const v = piece.values[i]!;
    if (sets.every((f) => f.set.has(v) === f.keep)) picked.push(i);
  }
  const dir = q.direction === 'asc' ? 1 : -1;
  const { values, sums } = piece;
  const k = q.orderBy === 'value' ? -1 : metricNames.indexOf(q.orderBy);
  const compare =
    k < 0
      ? (i: number, j: number) => dir * compareBinary(values[i]!, values[j]!)
      : (i: number, j: number) =>
          dir * (sums[i * metricCount + k]! - sums[j * metricCount + k]!) ||
          compareBinary(values[i]!, values[j]!);
  // As SQL: a negative OFFSET counts as 0, a negative LIMIT means no limit.
  const from = Math.max(0, q.offset);
  const wanted = q.limit < 0 ? picked.length : from + q.limit;
  const ordered = wanted * 8 < picked.length ? best(picked, wanted, compare) : picked.sort(compare);
  const rows = ordered.slice(from, wanted).map((i) => {
    const m = { value: values[i]! } as Metrics & { value: string };
    metricNames.forEach((name, k) => (m[name] = sums[i * metricCount + k]!));
    return m;
  });
  return { rows, totalRows: picked.length };
}

/** The first `n` of `items` in `compare` order, without sorting them all (a top 10 of 10,000). */
function best(items: number[], n: number, compare: (a: number, b: number) => number): number[] {
  const top: number[] = [];
  for (const item of items) {
    if (top.length === n && compare(item, top[n - 1]!) >= 0) continue;
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compare(top[mid]!, item) <= 0) lo = mid + 1;
      else hi = mid;
    }
    top.splice(lo, 0, item);
    if (top.length > n) top.pop();
  }
  return top;
}
