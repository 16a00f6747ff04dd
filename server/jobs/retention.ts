// The retention purge: deletes counters older than each site's retention (default 25 months).
import { retentionOf } from '../accounts/site-input.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/types.js';
import type { Job } from './runner.js';

/** The first day and hour kept, for a retention of `months` counted back from `nowMs` (UTC). */
export function retentionCutoff(nowMs: number, months: number): { day: string; hour: string } {
  const d = new Date(nowMs);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() - months;
  // Clamp the day: 31 March minus one month is the last day of February, not 3 March.
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const cutoff = new Date(Date.UTC(y, m, Math.min(d.getUTCDate(), lastDay)));
  const day = cutoff.toISOString().slice(0, 10);
  return { day, hour: `${day}T00` };
}

export async function purgeExpiredCounters(store: Store, nowMs: number): Promise<number> {
  let removed = 0;
  for (const site of await store.listSites()) {
    const { day, hour } = retentionCutoff(nowMs, retentionOf(site.settings));
    removed += await store.accounts.purgeCounters(site.id, day, hour);
  }
  return removed;
}

export function retentionJob(store: Store, log: Logger): Job {
  return {
    name: 'retention-purge',
    everyMs: 60 * 60_000,
    async run(nowMs) {
      const removed = await purgeExpiredCounters(store, nowMs);
      if (removed > 0) log.info('retention purge', { rows: removed });
    },
  };
}
