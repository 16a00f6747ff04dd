// Rollups of closed days (rollup-blocks.ts), both databases: built block by block by the rollups
// job (server/jobs/rollups.ts), deleted by any write that changes a closed day (imports, retention
// purges, site deletion) in that write's own transaction. A block is only ever read where its row
// in rollup_blocks exists, so a deleted block falls back to daily rows until the job rebuilds it.
//
// PostgreSQL: the job and those writes serialise per site on the imports' advisory lock, so a block
// is never built from rows a concurrent write is changing (and committed after that write deleted
// the blocks it touched).
import { sql } from 'drizzle-orm';
import type { Metrics } from '../counters/types.js';
import { all, exec, get, inList, type Db, type Work } from './db.js';
import {
  blockDays,
  blockLength,
  blockName,
  blocksOfMonth,
  closedBefore,
  smallBlockDays,
  smallBlocksFrom,
  coverDays,
  coverPiece,
  dayTotalsDimension,
  isMonthSoFar,
  monthSoFar,
  monthStarts,
  packDays,
  packedDaysDimension,
} from './rollup-blocks.js';

/** Same key as the imports' lock (imports-store.ts lockSite). */
export const siteLock = (db: Db, siteId: number) =>
  db.pgOnly(sql`select pg_advisory_xact_lock(${0x706f6d69}, ${siteId})`);

const metricColumns = [
  'pageviews',
  'visits',
  'bounces',
  'exits',
  'engaged_ms',
  'engagements',
  'scroll_sum',
  'events',
];
const metrics = sql.raw(metricColumns.join(', '));
const sums = sql.raw(
  ['pageviews', 'visits', 'bounces', 'exits', 'engaged_ms', 'engagements', 'scroll_sum', 'events']
    .map((c) => `sum(${c})`)
    .join(', '),
);

/** Deletes the blocks of a site that overlap [fromDay, toDay] (inside the caller's transaction). */
export function* invalidateRollups(siteId: number, fromDay: string, toDay: string): Work<void> {
  const overlap = sql`site_id = ${siteId} and to_day >= ${fromDay} and from_day <= ${toDay}`;
  yield* exec(sql`delete from rollup_counters where site_id = ${siteId}
    and block in (select block from rollup_blocks where ${overlap})`);
  yield* exec(sql`delete from rollup_blocks where ${overlap}`);
}

export function* deleteSiteRollups(siteId: number): Work<void> {
  yield* exec(sql`delete from rollup_counters where site_id = ${siteId}`);
  yield* exec(sql`delete from rollup_blocks where site_id = ${siteId}`);
}

/** Builds one block from its largest existing sub-blocks and daily rows; false if not needed. */
function* buildBlock(db: Db, siteId: number, from: string, to: string): Work<boolean> {
  yield* siteLock(db, siteId);
  // The site row locked (PostgreSQL): a deletion waits for this block, or this block sees it gone.
  const site = yield* get(sql`select id from sites where id = ${siteId} ${db.forUpdate}`);
  if (!site) return false;
  const name = blockName(from, to);
  const inside = yield* all<{ block: string }>(sql`select block from rollup_blocks
    where site_id = ${siteId} and from_day >= ${from} and to_day <= ${to}`);
  const has = new Set(inside.map((r) => r.block));
  if (has.has(name)) return false;
  // A month-so-far block is no piece: its days are read as aligned blocks (or an older one).
  const cover = isMonthSoFar(name)
    ? coverDays(from, to, (b) => has.has(b))
    : coverPiece(from, to, (b) => has.has(b), undefined, false);
  const blocks = inList(sql`block`, cover.blocks);
  const days = inList(sql`day`, cover.days);
  const head = sql`insert into rollup_counters (site_id, block, dimension, value, ${metrics})
    select cast(${siteId} as integer), cast(${name} as text)`;
  yield* exec(sql`${head}, dimension, value, ${sums} from (
      select dimension, value, ${metrics} from rollup_counters
        where site_id = ${siteId} and ${blocks}
          and dimension <> ${dayTotalsDimension} and dimension <> ${packedDaysDimension}
      union all
      select dimension, value, ${metrics} from daily_counters where site_id = ${siteId} and ${days}
    ) c group by dimension, value`);
  yield* exec(sql`${head}, cast(${dayTotalsDimension} as text), value, ${metrics} from (
      select value, ${metrics} from rollup_counters
        where site_id = ${siteId} and ${blocks} and dimension = ${dayTotalsDimension}
      union all
      select day as value, ${metrics} from daily_counters
        where site_id = ${siteId} and ${days} and dimension = 'total'
    ) c`);
  // The packed row (rollup-blocks.ts packedDaysDimension), from the day rows just written.
  const dayRows = yield* all<Record<string, string | number>>(sql`select value, ${metrics}
    from rollup_counters where site_id = ${siteId} and block = ${name}
      and dimension = ${dayTotalsDimension}`);
  const packed = dayRows.map((r): [string, ...number[]] => [
    String(r.value),
    ...metricColumns.map((c) => Number(r[c])),
  ]);
  const totals = metricColumns.map((_, k) =>
    packed.reduce((sum, r) => sum + (r[k + 1] as number), 0),
  );
  yield* exec(sql`insert into rollup_counters (site_id, block, dimension, value, ${metrics})
    values (${siteId}, ${name}, ${packedDaysDimension}, ${packDays(packed)},
      ${sql.join(
        totals.map((t) => sql`${t}`),
        sql`, `,
      )})`);
  yield* exec(sql`insert into rollup_blocks (site_id, block, from_day, to_day)
    values (${siteId}, ${name}, ${from}, ${to})`);
  return true;
}

export interface RollupsRepo {
  /**
   * Builds every closed block of the site that is missing, from the month of its first day on,
   * smallest first (a block reads its sub-blocks), 2- and 4-day blocks in recent months only
   * (older ones are deleted), then the month's closed days so far as one block (replacing the
   * previous one). One short transaction per block. Returns how many were built.
   */
  buildSite(siteId: number, nowMs: number): Promise<number>;
  /** Blocks of the site (tests, benchmark). */
  blocksOf(siteId: number): Promise<string[]>;
  /** Rollup rows of the site, or of one of its blocks (tests). */
  rowsOf(siteId: number, block?: string): Promise<(Metrics & RollupKey)[]>;
}

export interface RollupKey {
  block: string;
  dimension: string;
  value: string;
}

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

function deleteBlocks(db: Db, siteId: number, names: string[]): Promise<void> {
  return db.writeTx(function* () {
    yield* siteLock(db, siteId);
    yield* exec(sql`delete from rollup_counters where site_id = ${siteId}
      and ${inList(sql`block`, names)}`);
    yield* exec(sql`delete from rollup_blocks where site_id = ${siteId}
      and ${inList(sql`block`, names)}`);
  });
}

export function rollupsRepo(db: Db): RollupsRepo {
  return {
    async buildSite(siteId, nowMs) {
      const closed = closedBefore(nowMs);
      const first = await db.get<{ day: string | null }>(
        sql`select min(day) as "day" from daily_counters where site_id = ${siteId}`,
      );
      if (!first?.day || first.day >= closed) return 0;
      const existing = new Set(
        (
          await db.all<{ block: string }>(
            sql`select block from rollup_blocks where site_id = ${siteId}`,
          )
        ).map((r) => r.block),
      );
      const smallFrom = smallBlocksFrom(nowMs);
      // Small blocks of months that are no longer recent go (reports then read those days).
      const old = [...existing].filter(
        (b) => blockLength(b) < smallBlockDays && blockDays(b)[0] < smallFrom,
      );
      if (old.length > 0) await deleteBlocks(db, siteId, old);
      let built = 0;
      const wanted: [string, string][] = [];
      for (const month of monthStarts(first.day, closed)) {
        wanted.push(...blocksOfMonth(month, month >= smallFrom));
      }
      // Last, as it is read from the others: the month's closed days so far.
      const soFar = monthSoFar(nowMs);
      if (soFar) wanted.push(soFar);
      for (const [from, to] of wanted) {
        if (to >= closed || existing.has(blockName(from, to))) continue;
        if (await db.writeTx(() => buildBlock(db, siteId, from, to))) built++;
        // Other work (ingestion, requests) runs between two blocks.
        await pause();
      }
      // Earlier days-so-far blocks, once the newer one (or the month's own block) is there.
      const soFarName = soFar && blockName(...soFar);
      const stale = [...existing].filter(
        (b) => isMonthSoFar(b) && b !== soFarName && !old.includes(b),
      );
      if (stale.length > 0) await deleteBlocks(db, siteId, stale);
      return built;
    },
    async rowsOf(siteId, block) {
      return db.all(sql`select block, dimension, value, pageviews, visits, bounces, exits,
        engaged_ms as "engagedMs", engagements, scroll_sum as "scrollSum", events
        from rollup_counters where site_id = ${siteId}
        ${block === undefined ? sql`` : sql`and block = ${block}`} order by block, dimension, value`);
    },
    async blocksOf(siteId) {
      const rows = await db.all<{ block: string }>(
        sql`select block from rollup_blocks where site_id = ${siteId} order by block`,
      );
      return rows.map((r) => r.block);
    },
  };
}
