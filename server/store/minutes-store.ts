// Reads and prunes minute_counters (server/reports/minutes.ts), written once for both databases.
// Only PostgreSQL deployments write the table (in the counters' statement, pg.ts); SQLite keeps
// realtime in memory and leaves it empty.
import { sql } from 'drizzle-orm';
import type { MinuteTotals } from '../reports/minutes.js';
import type { Db } from './db.js';

export interface MinutesRepo {
  /** The 'visits', 'pageviews' and 'outcome' rows of a site from minute `from` to `to`, summed. */
  totals(siteId: number, from: number, to: number): Promise<MinuteTotals[]>;
  /** The site's most viewed pages from minute `from` to `to`: most first, then by path (bytes). */
  topPages(
    siteId: number,
    from: number,
    to: number,
    limit: number,
  ): Promise<{ page: string; pageviews: number }[]>;
  /** Deletes up to `limit` rows of any site with a minute below `before`; how many it deleted. */
  prune(before: number, limit: number): Promise<number>;
}

export function minutesRepo(db: Db): MinutesRepo {
  return {
    totals(siteId, from, to) {
      return db.all<MinuteTotals>(sql`select minute, kind, value, cast(sum(count) as bigint) as count
        from minute_counters
        where site_id = ${siteId} and minute >= ${from} and minute <= ${to} and kind <> 'page'
        group by minute, kind, value`);
    },

    async topPages(siteId, from, to, limit) {
      if (limit <= 0) return [];
      return db.all<{ page: string; pageviews: number }>(sql`select value as page,
          cast(sum(count) as bigint) as pageviews
        from minute_counters
        where site_id = ${siteId} and minute >= ${from} and minute <= ${to} and kind = 'page'
        group by value order by 2 desc, ${db.bytewise('value')} limit ${limit}`);
    },

    prune(before, limit) {
      // Nodes prune at the same time: each skips the rows another is deleting (no wait, no deadlock).
      const skipLocked = db.dialect === 'postgres' ? sql` for update skip locked` : sql``;
      return db.exec(sql`delete from minute_counters
        where (site_id, minute, kind, value) in (select site_id, minute, kind, value
          from minute_counters where minute < ${before} limit ${limit}${skipLocked})`);
    },
  };
}
