// Replay entries in the hash-chained audit log (server/accounts/audit-chain.ts): every change,
// play, export and deletion of a window, with the organisation of the window's site.
import { recordAudit, type AuditAction, type AuditEvent } from '../accounts/audit.js';
import type { ReplayWindow } from './window.js';
import type { ReplayDeps } from './deps.js';

/** Who acted: `user:<id>`, or the system parts that act on their own. */
export type ReplayActor = `user:${number}` | 'system' | 'cli' | 'visitor';

export async function orgOfWindow(deps: ReplayDeps, w: ReplayWindow): Promise<number | null> {
  return (await deps.store.accounts.siteById(Number(w.siteId)))?.orgId ?? null;
}

export async function auditReplay(
  deps: ReplayDeps,
  w: ReplayWindow,
  actor: ReplayActor,
  action: Extract<AuditAction, `replay.${string}`>,
  details: AuditEvent['details'] = {},
  target = `replay_window:${w.id}`,
): Promise<void> {
  await recordAudit(deps.store, deps.now(), {
    actor,
    action,
    target,
    orgId: await orgOfWindow(deps, w),
    details: { window: w.id, site: Number(w.siteId), ...details },
  });
}
