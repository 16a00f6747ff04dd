// What a SQLite file holds for the counters, read from another connection: the counter tables plus
// the journal's rows not merged yet (server/store/counter-journal.ts). Both survive the process.
import type Database from 'better-sqlite3';
import type { DailyRow } from '../../server/counters/types.js';
import { decodeWrite } from '../../server/store/counter-journal.js';

/** Daily rows still in the journal (acknowledged, durable, not merged into daily_counters yet). */
export function journaledDaily(db: Database.Database): DailyRow[] {
  const exists = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'counter_journal'")
    .get();
  if (!exists) return [];
  const texts = db
    .prepare('SELECT write FROM counter_journal ORDER BY id')
    .pluck()
    .all() as string[];
  return texts.flatMap((t) => decodeWrite(t).daily);
}

/** Pageviews of a site's `total` rows in the journal. */
export function journaledPageviews(db: Database.Database, siteId: number): number {
  let n = 0;
  for (const r of journaledDaily(db)) {
    if (r.siteId === siteId && r.dimension === 'total') n += r.pageviews;
  }
  return n;
}
