// The rollups job: rolls up the closed days of every site (server/store/rollups-store.ts), so that
// a report over a long range reads one row per value and block instead of one per value and day.
// Off the ingestion path on purpose: the writer's transactions stay as they were.
import type { Logger } from '../log.js';
import type { Store } from '../store/types.js';
import type { Job } from './runner.js';

/** Builds the missing blocks of every site; returns how many were built. */
export async function buildRollups(store: Store, nowMs: number): Promise<number> {
  let built = 0;
  for (const site of await store.listSites())
    built += await store.rollups.buildSite(site.id, nowMs);
  return built;
}

export function rollupsJob(store: Store, log: Logger): Job {
  return {
    name: 'rollups',
    // A day closes once a day; the rest of the time a run finds (nearly) nothing to do, except
    // blocks deleted by an import or a purge, which it rebuilds.
    everyMs: 15 * 60_000,
    async run(nowMs) {
      const built = await buildRollups(store, nowMs);
      if (built > 0) log.info('rollups built', { blocks: built });
    },
  };
}
