// Deleting a site and everything that hangs off it, as one piece of a unit of work (db.ts): used by
// removeSite, by deleting a site from the API and by deleting an organisation.
import { sql } from 'drizzle-orm';
import { exec, type Work } from './db.js';
import { deleteSiteGoals } from './goals-store.js';
import { deleteSiteMail } from './mail-store.js';
import { deleteSiteRollups } from './rollups-store.js';

/** Replay windows of the site and their keys, recordings, chunks, plays and offer nonces. */
export function* deleteSiteReplay(siteId: number): Work<void> {
  const windows = sql`(select id from replay_windows where site_id = ${siteId})`;
  for (const child of [
    'replay_chunks',
    'replay_plays',
    'replay_window_keys',
    'replay_offer_nonces',
    'replay_recordings',
  ]) {
    yield* exec(sql`delete from ${sql.identifier(child)} where window_id in ${windows}`);
  }
  yield* exec(sql`delete from replay_windows where site_id = ${siteId}`);
}

/** The site, its counters (realtime's minute counters too), imports, shared links, annotations, goals, revenue and replay data; false when there was no such site. */
export function* deleteSiteData(siteId: number): Work<boolean> {
  yield* exec(sql`delete from daily_counters where site_id = ${siteId}`);
  yield* exec(sql`delete from hourly_counters where site_id = ${siteId}`);
  yield* exec(sql`delete from minute_counters where site_id = ${siteId}`);
  for (const t of ['import_daily', 'import_hourly', 'import_revenue', 'imports']) {
    yield* exec(sql`delete from ${sql.identifier(t)} where site_id = ${siteId}`);
  }
  yield* exec(sql`delete from shared_links where site_id = ${siteId}`);
  yield* exec(sql`delete from annotations where site_id = ${siteId}`);
  yield* deleteSiteGoals(siteId);
  yield* deleteSiteMail(siteId);
  yield* deleteSiteReplay(siteId);
  const deleted = (yield* exec(sql`delete from sites where id = ${siteId}`)) > 0;
  // After the site row: on PostgreSQL that delete waits for a rollup block being built (the job
  // locks the row), so this one then sees and removes it.
  yield* deleteSiteRollups(siteId);
  return deleted;
}
