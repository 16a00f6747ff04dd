// The replay job: windows past their end are closed, windows past their retention are purged (key
// destroyed, rows deleted, space reclaimed, deletion receipt in the audit log).
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
      if (closed + purged > 0) deps.log.info('replay windows', { closed, purged });
    },
  };
}
