// Pure parts of the rollups (rollups-store.ts, jobs/rollups.ts): which blocks of days are rolled
// up, which days are closed, and how a range is covered by the rollups that exist plus daily rows.
//
// A block is a whole calendar month or an aligned block of 2, 4, 8 or 16 days inside one month:
// pieces that piecesOf (report-pieces.ts) cuts a range into, so that a range reads one rollup row
// per value and block instead of one per value and day. 2- and 4-day blocks are kept for the
// recent months only (smallBlocksFrom), where the usual periods (7 and 30 days, this and last
// month) end: for values seen once, each level holds as many rows as the daily counters, and
// older ranges then read at most 6 days of daily rows at each end. One more block is kept for the
// current month: its closed days so far (monthSoFar), rebuilt as each day closes.
import { alignedBlocks, lastDayOfMonth, piecesOf } from './report-pieces.js';

const dayMs = 86_400_000;
const toMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const toDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The per-day `total` rows of a block (the agency overview's sparklines): value = the day. */
export const dayTotalsDimension = '@day';

/**
 * One row per block holding all of its `@day` rows as one flat JSON array, `[day, pageviews,
 * visits, bounces, exits, engaged_ms, engagements, scroll_sum, events, day, …]` in day order (`[]`
 * for a block without traffic), its metrics the block's sums: the agency overview reads one row per
 * site and block instead of one per site and day (turning rows into JavaScript values is what
 * costs, and one flat array parses faster than an array per day).
 */
export const packedDaysDimension = '@days';

/** The value of a block's packed row from its day rows [day, sums…] (any order). */
export function packDays(rows: readonly (readonly [string, ...number[]])[]): string {
  const sorted = [...rows].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return JSON.stringify(sorted.flat());
}

export const dayBefore = (day: string) => toDay(toMs(day) - dayMs);
export const dayAfter = (day: string) => toDay(toMs(day) + dayMs);

/** The key of a block in rollup_blocks / rollup_counters. */
export const blockName = (from: string, to: string) => `${from}/${to}`;

export function blockDays(name: string): [string, string] {
  return [name.slice(0, 10), name.slice(11, 21)];
}

/**
 * The first day that is not closed at `nowMs`. A day is closed once it is over in every timezone
 * with a day to spare (late batches, clocks): the day before yesterday at UTC−12, the last
 * timezone to leave a day. Ingestion never writes a closed day (it counts "today" in the site's
 * timezone); only imports, purges and deletions do, and they invalidate the blocks they touch.
 */
export function closedBefore(nowMs: number): string {
  return toDay(Date.parse(`${toDay(nowMs - 12 * 3_600_000)}T00:00:00Z`) - dayMs);
}

/** Blocks shorter than this are small: kept for recent months only. */
export const smallBlockDays = 8;

/**
 * The first day of the months whose small blocks are kept at `nowMs`: the month of the last closed
 * day and the two before it.
 */
export function smallBlocksFrom(nowMs: number): string {
  const d = new Date(toMs(`${closedBefore(nowMs).slice(0, 7)}-01`));
  d.setUTCMonth(d.getUTCMonth() - 2);
  return toDay(d.getTime());
}

/** The number of days of a block. */
export function blockLength(name: string): number {
  const [from, to] = blockDays(name);
  return (toMs(to) - toMs(from)) / dayMs + 1;
}

/**
 * Every block of the month that starts at `monthStart`, smallest first (the month last); `small`:
 * with the 2- and 4-day blocks.
 */
export function blocksOfMonth(monthStart: string, small = true): [string, string][] {
  const last = Number(lastDayOfMonth(monthStart).slice(8, 10));
  const start = toMs(monthStart);
  const out: [string, string][] = [];
  for (const size of small ? [2, 4, 8, 16] : [8, 16]) {
    for (let a = 0; a + size <= last; a += size) {
      out.push([toDay(start + a * dayMs), toDay(start + (a + size - 1) * dayMs)]);
    }
  }
  out.push([monthStart, lastDayOfMonth(monthStart)]);
  return out;
}

/** The first day of each month from the month of `from` to the month of `to`. */
export function monthStarts(from: string, to: string): string[] {
  const out: string[] = [];
  const d = new Date(toMs(`${from.slice(0, 7)}-01`));
  for (;;) {
    const first = toDay(d.getTime());
    if (first > to) return out;
    out.push(first);
    d.setUTCMonth(d.getUTCMonth() + 1);
  }
}

/** Blocks to read and days to read from daily rows: together exactly the days asked for. */
export interface Cover {
  blocks: string[];
  days: string[];
}

/**
 * Covers the piece [from, to] (a whole month, an aligned block of a power of two days, or a day)
 * with the largest blocks that `has`, and days elsewhere. `self`: whether the piece itself may be
 * used (false when building it).
 */
export function coverPiece(
  from: string,
  to: string,
  has: (block: string) => boolean,
  out: Cover = { blocks: [], days: [] },
  self = true,
): Cover {
  if (from === to) {
    out.days.push(from);
    return out;
  }
  if (self && has(blockName(from, to))) {
    out.blocks.push(blockName(from, to));
    return out;
  }
  const length = (toMs(to) - toMs(from)) / dayMs + 1;
  if (from.endsWith('-01') && to === lastDayOfMonth(from)) {
    for (const [a, b] of alignedBlocks(from, to)) coverPiece(a, b, has, out);
  } else if ((length & (length - 1)) === 0) {
    const mid = toDay(toMs(from) + (length / 2 - 1) * dayMs);
    coverPiece(from, mid, has, out);
    coverPiece(toDay(toMs(mid) + dayMs), to, has, out);
  } else {
    for (let t = toMs(from); t <= toMs(to); t += dayMs) out.days.push(toDay(t));
  }
  return out;
}

const isPowerOfTwo = (n: number) => (n & (n - 1)) === 0;

/**
 * Whether `name` is a month-so-far block (monthSoFar): it starts on the 1st and ends before the
 * month does, over a number of days that no aligned block has.
 */
export function isMonthSoFar(name: string): boolean {
  const [from, to] = blockDays(name);
  return from.endsWith('-01') && to < lastDayOfMonth(from) && !isPowerOfTwo(blockLength(name));
}

/**
 * The block of the month's closed days so far at `nowMs` — from the 1st of the month of the last
 * closed day to that day — when no other block is the same days (the month's own block once it
 * is closed, an aligned block of 2, 4, 8 or 16 days, or a single day). The usual periods (this
 * month, the last 7 or 30 days) then read it as one row per value instead of up to four blocks.
 */
export function monthSoFar(nowMs: number): [string, string] | undefined {
  const last = dayBefore(closedBefore(nowMs));
  const first = `${last.slice(0, 8)}01`;
  const name = blockName(first, last);
  return isMonthSoFar(name) ? [first, last] : undefined;
}

/**
 * `cover` of [from, to], except that a month-so-far block lying within it is read instead of its
 * days (the rest covered by `cover`). Any exact cover sums the same; this one has fewer parts.
 */
function withMonthSoFar(
  from: string,
  to: string,
  has: (block: string) => boolean,
  cover: (from: string, to: string) => Cover,
): Cover {
  for (const month of monthStarts(from, to)) {
    if (month < from) continue;
    const monthEnd = lastDayOfMonth(month);
    // Its last day: before the month's, within the range. Names built as text (a warm report
    // computes covers too: a year is 12 months × 30 candidates).
    const end = Number((monthEnd <= to ? dayBefore(monthEnd) : to).slice(8, 10));
    for (let d = end; d > 1; d--) {
      const last = `${month.slice(0, 8)}${d < 10 ? '0' : ''}${d}`;
      const name = blockName(month, last);
      if (!has(name) || !isMonthSoFar(name)) continue;
      const out: Cover = { blocks: [name], days: [] };
      for (const [a, b] of [
        [from, dayBefore(month)],
        [dayAfter(last), to],
      ] as const) {
        if (a > b) continue;
        const c = withMonthSoFar(a, b, has, cover);
        out.blocks.push(...c.blocks);
        out.days.push(...c.days);
      }
      return out;
    }
  }
  return cover(from, to);
}

/**
 * Covers any range: its report pieces (piecesOf), each with the largest blocks that `has`, or a
 * month-so-far block where one lies within the range.
 */
export function coverRange(from: string, to: string, has: (block: string) => boolean): Cover {
  return withMonthSoFar(from, to, has, (a, b) => {
    const out: Cover = { blocks: [], days: [] };
    for (const [x, y] of piecesOf(a, b)) coverPiece(x, y, has, out);
    return out;
  });
}

/**
 * Covers any range with the largest blocks that `has`, whole months by their own block: unlike
 * coverRange, whose pieces keep the range's last day apart (the report cache's pieces), a closed
 * month read whole (the agency overview's months) is one row a site, not four blocks and a day.
 */
export function coverDays(from: string, to: string, has: (block: string) => boolean): Cover {
  return withMonthSoFar(from, to, has, (a, b) => coverWholeMonths(a, b, has));
}

function coverWholeMonths(from: string, to: string, has: (block: string) => boolean): Cover {
  const out: Cover = { blocks: [], days: [] };
  for (let a = from; a <= to;) {
    const monthEnd = lastDayOfMonth(a);
    const b = monthEnd < to ? monthEnd : to;
    if (a.endsWith('-01') && b === monthEnd) coverPiece(a, b, has, out);
    else for (const [x, y] of alignedBlocks(a, b)) coverPiece(x, y, has, out);
    a = dayAfter(b);
  }
  return out;
}

/** Bounds of `block` for the blocks that start within [from, to] (`block >= lo AND block < hi`). */
export const blockBounds = (from: string, to: string): [string, string] => [`${from}/`, `${to}0`];

/** The blocks of `names` that lie within [from, to]. */
export function blocksWithin(names: Iterable<string>, from: string, to: string): Set<string> {
  const out = new Set<string>();
  for (const n of names) {
    const [a, b] = blockDays(n);
    if (a >= from && b <= to) out.add(n);
  }
  return out;
}

/** Days and blocks to add, and those to take away: sums only (every metric is a sum). */
export interface SignedCover {
  plus: Cover;
  minus: Cover;
}

const parts = (c: Cover) => c.blocks.length + c.days.length;

/**
 * The fewest rows per site for the sums of [from, to]: its own cover, or the cover of its whole
 * months minus the covers of the days of those months outside it (the previous 30 days, 2 May to
 * 31 May: the month's block minus 1 May — two rows a site instead of seven).
 */
export function signedCover(
  from: string,
  to: string,
  has: (block: string) => boolean,
): SignedCover {
  const inner: SignedCover = { plus: coverDays(from, to, has), minus: { blocks: [], days: [] } };
  const first = `${from.slice(0, 8)}01`;
  const last = lastDayOfMonth(to);
  if (first === from && last === to) return inner;
  const outer: SignedCover = {
    plus: coverDays(first, last, has),
    minus: { blocks: [], days: [] },
  };
  for (const [a, b] of [
    [first, dayBefore(from)],
    [dayAfter(to), last],
  ] as const) {
    if (a > b) continue;
    const c = coverDays(a, b, has);
    outer.minus.blocks.push(...c.blocks);
    outer.minus.days.push(...c.days);
  }
  return parts(outer.plus) + parts(outer.minus) < parts(inner.plus) ? outer : inner;
}
