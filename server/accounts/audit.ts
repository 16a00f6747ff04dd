// Writes audit rows through the chain and formats exports (CSV / JSON) for owners.
import type { Context } from 'hono';
import type { AuditRow } from '../store/accounts.js';
import type { Store } from '../store/types.js';
import { chainHash } from './audit-chain.js';
import { depsOf } from './context.js';
import { actorOf, anonymous } from './principal.js';

export type AuditAction =
  | 'setup.complete'
  | 'login.success'
  | 'login.failure'
  | 'login.locked'
  | 'logout'
  | 'password.change'
  | 'password.reset'
  | 'org.create'
  | 'org.delete'
  | 'member.add'
  | 'member.role'
  | 'member.remove'
  | 'invitation.create'
  | 'invitation.revoke'
  | 'site.create'
  | 'site.update'
  | 'site.delete'
  | 'shared_link.create'
  | 'shared_link.revoke'
  | 'api_key.create'
  | 'api_key.revoke'
  // Replay research window (server/replay/): every change, play, export and deletion.
  | 'replay.window_open'
  | 'replay.window_update'
  | 'replay.window_pause'
  | 'replay.window_resume'
  | 'replay.window_close'
  | 'replay.window_purge'
  | 'replay.kill'
  | 'replay.play'
  | 'replay.export'
  | 'replay.record_export'
  | 'replay.recording_review'
  | 'replay.recording_delete'
  | 'replay.recording_quarantine'
  | 'replay.unlatch'
  | 'replay.window_sign_off';

export interface AuditEvent {
  actor: string;
  action: AuditAction;
  target: string;
  orgId?: number | null;
  /** Ids, names and roles only: never a password, token, key or IP address. */
  details?: Record<string, string | number | boolean | null | number[]>;
}

export function recordAudit(store: Store, now: number, e: AuditEvent): Promise<AuditRow> {
  return store.accounts.appendAudit(
    {
      at: new Date(now).toISOString(),
      orgId: e.orgId ?? null,
      actor: e.actor,
      action: e.action,
      target: e.target,
      details: JSON.stringify(e.details ?? {}),
    },
    chainHash,
  );
}

/** Audits an action of the request's principal (resolved by the access check before it). */
export function auditRequest(c: Context, e: Omit<AuditEvent, 'actor'>): Promise<AuditRow> {
  const { store, now } = depsOf(c);
  return recordAudit(store, now(), { actor: actorOf(c.get('principal') ?? anonymous), ...e });
}

const columns = ['id', 'at', 'actor', 'action', 'target', 'details', 'prevHash', 'hash'] as const;

/** RFC 4180 CSV; cells that a spreadsheet would run as a formula are prefixed with a quote. */
export function auditCsv(rows: readonly AuditRow[]): string {
  const cell = (v: unknown) => {
    let s = v === null || v === undefined ? '' : String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [columns.join(','), ...rows.map((r) => columns.map((k) => cell(r[k])).join(','))];
  return lines.join('\r\n') + '\r\n';
}
