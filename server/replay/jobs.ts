// The replay job: windows past their end are closed, windows past their retention are purged (key
// destroyed, rows deleted, space reclaimed, deletion receipt in the audit log), and window secrets
// left without a key row (a deleted site) are destroyed.
import type { Job } from '../jobs/runner.js';
import type { ReplayDeps } from './deps.js';
import { closeEndedAndPurgeExpired } from './windows.js';

export function replayWindowsJob(deps: ReplayDeps): Job {
  return {
    name: 'replay-windows',
    // Ingestion already refuses chunks past a window's end; this makes the close durable and
    // audited within a minute.
    everyMs: 60_000,
    async run(nowMs) {
      const { closed, purged } = await closeEndedAndPurgeExpired(deps, nowMs);
      // Secrets of windows deleted without a purge (their site was deleted) are destroyed too.
      const swept = await deps.keys.sweep();
      if (closed + purged + swept > 0) deps.log.info('replay windows', { closed, purged, swept });
    },
  };
}
