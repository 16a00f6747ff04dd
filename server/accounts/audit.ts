// Writes audit rows through the chain and formats exports (CSV / JSON) for owners.
import type { Context } from 'hono';
import type { AuditFilter, AuditRow } from '../store/accounts.js';
import type { Store } from '../store/types.js';
import { toCsv } from '../http/csv.js';
import { keyedHash } from './audit-chain.js';
import { auditTrailOf } from './audit-trail.js';
import { depsOf } from './context.js';
import { actorOf, anonymous } from './principal.js';

export type AuditAction =
  | 'setup.complete'
  | 'login.success'
  | 'login.failure'
  | 'login.locked'
  /** Password right; a second factor is asked for (server/accounts/login-step.ts). */
  | 'login.second_step'
  | 'logout'
  | 'password.change'
  | 'password.reset'
  | 'org.create'
  | 'user.instance_admin'
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
  /** A shared link's branding or embedding origins changed (PATCH …/shared-links/:linkId). */
  | 'shared_link.update'
  | 'api_key.create'
  | 'api_key.revoke'
  | 'annotation.create'
  | 'annotation.delete'
  /** Plausible compatibility turned on or off (PATCH /api/api-keys/:keyId). */
  | 'api_key.update'
  // Goals (server/goals/): definitions added and removed, from the API or the CLI.
  | 'goal.create'
  | 'mail.update'
  | 'mail.test'
  /** Imports (issue 15): a batch applied, or removed (its counters subtracted). */
  | 'import.create'
  | 'import.remove'
  | 'goal.delete'
  // Second factor (server/accounts/second-factor.ts): every enrolment, removal and code use.
  | 'second_factor.totp_enrol'
  | 'second_factor.totp_remove'
  | 'second_factor.passkey_add'
  | 'second_factor.passkey_remove'
  | 'second_factor.recovery_codes'
  | 'second_factor.recovery_code_use'
  | 'second_factor.reset'
  | 'org.second_factor_requirement'
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
  | 'replay.window_sign_off'
  | 'replay.window_activate'
  | 'replay.preview_link';

/**
 * Org-less rows an org's owners see for their members: about the person only (sign-ins, password
 * changes), naming no other organisation's objects. Every action that concerns an org or its
 * sites is written with that org's id instead (API keys: one row per org, orgScopedRows).
 */
export const personalAuditActions: readonly AuditAction[] = [
  'login.success',
  'login.failure',
  'login.locked',
  'logout',
  'password.change',
  'password.reset',
  'login.second_step',
  'second_factor.totp_enrol',
  'second_factor.totp_remove',
  'second_factor.passkey_add',
  'second_factor.passkey_remove',
  'second_factor.recovery_codes',
  'second_factor.recovery_code_use',
  'second_factor.reset',
];

/** The audit filter of one org: its rows plus its members' personal rows. */
export async function orgAuditFilter(store: Store, orgId: number): Promise<AuditFilter> {
  const members = await store.accounts.members(orgId);
  return {
    orgId,
    userTargets: members.map((m) => `user:${m.userId}`),
    personalActions: personalAuditActions,
  };
}

/** Groups site ids by the org that holds them (sites without an org, or gone, are dropped). */
export async function sitesByOrg(
  store: Store,
  siteIds: readonly number[],
): Promise<Map<number, number[]>> {
  const byOrg = new Map<number, number[]>();
  for (const id of siteIds) {
    const orgId = (await store.accounts.siteById(id))?.orgId;
    if (orgId == null) continue;
    byOrg.set(orgId, [...(byOrg.get(orgId) ?? []), id]);
  }
  return byOrg;
}

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
    keyedHash(auditTrailOf(store).key),
  );
}

/** Audits an action of the request's principal (resolved by the access check before it). */
export function auditRequest(c: Context, e: Omit<AuditEvent, 'actor'>): Promise<AuditRow> {
  const { store, now } = depsOf(c);
  return recordAudit(store, now(), { actor: actorOf(c.get('principal') ?? anonymous), ...e });
}

const columns = ['id', 'at', 'actor', 'action', 'target', 'details', 'prevHash', 'hash'] as const;

/** RFC 4180 CSV through server/http/csv.ts: every string quoted, formulas defused. */
export function auditCsv(rows: readonly AuditRow[]): string {
  return toCsv(
    columns,
    rows.map((r) => columns.map((k) => r[k] as string | number | null)),
  );
}
