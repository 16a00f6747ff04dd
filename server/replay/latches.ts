// Kill-switch latches (issue 12 §10): after a kill (CLI or dashboard) no window of its scope can
// open until an owner clears the latch with a written note; setting and clearing are audited.
import { recordAudit } from '../accounts/audit.js';
import type { Latch } from '../store/replay.js';
import type { ReplayActor } from './audit.js';
import type { ReplayDeps } from './deps.js';

export const INSTALL_SCOPE = 'install';
export const siteScope = (siteId: number) => `site:${siteId}`;

/** Pure: the latch that stops a window of `siteId` from opening (the install's first), if any. */
export function latchFor(latches: readonly Latch[], siteId: number): Latch | undefined {
  return (
    latches.find((l) => l.scope === INSTALL_SCOPE) ??
    latches.find((l) => l.scope === siteScope(siteId))
  );
}

export function latchView(l: Latch | undefined) {
  if (!l) return null;
  return {
    scope: l.scope === INSTALL_SCOPE ? ('install' as const) : ('site' as const),
    latchedAt: new Date(l.latchedAt).toISOString(),
    latchedBy: l.latchedBy,
    detail: l.detail,
  };
}

export async function activeLatch(deps: ReplayDeps, siteId: number): Promise<Latch | undefined> {
  return latchFor(await deps.store.replay.latches(), siteId);
}

export async function setLatch(
  deps: ReplayDeps,
  scope: { siteId: number } | 'all',
  actor: ReplayActor,
  windows: number,
): Promise<void> {
  await deps.store.replay.latch({
    scope: scope === 'all' ? INSTALL_SCOPE : siteScope(scope.siteId),
    latchedAt: deps.now(),
    latchedBy: actor,
    detail: `kill switch: ${windows} window(s) closed and purged`,
  });
}

/** Clears a latch with a note; false when none was set. The note goes to the audit log. */
export async function clearLatch(
  deps: ReplayDeps,
  scope: { siteId: number; orgId: number | null } | 'all',
  actor: ReplayActor,
  note: string,
): Promise<boolean> {
  const key = scope === 'all' ? INSTALL_SCOPE : siteScope(scope.siteId);
  const cleared = await deps.store.replay.unlatch(key);
  if (!cleared) return false;
  await recordAudit(deps.store, deps.now(), {
    actor,
    action: 'replay.unlatch',
    target: scope === 'all' ? 'install' : `site:${scope.siteId}`,
    orgId: scope === 'all' ? null : scope.orgId,
    details: { scope: scope === 'all' ? 'all' : 'site', note },
  });
  return true;
}
