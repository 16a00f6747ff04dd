// How audit rows read on screen: actions in words, actors by email where the org knows them, and
// details as `key: value` pairs. Plain strings: the caller renders them as text.
import { t, type MessageKey } from '../i18n/t.js';

const actions: Record<string, MessageKey> = {
  'setup.complete': 'auditAction.setup_complete',
  'login.success': 'auditAction.login_success',
  'login.failure': 'auditAction.login_failure',
  'login.locked': 'auditAction.login_locked',
  logout: 'auditAction.logout',
  'password.change': 'auditAction.password_change',
  'password.reset': 'auditAction.password_reset',
  'org.create': 'auditAction.org_create',
  'org.delete': 'auditAction.org_delete',
  'member.add': 'auditAction.member_add',
  'member.role': 'auditAction.member_role',
  'member.remove': 'auditAction.member_remove',
  'invitation.create': 'auditAction.invitation_create',
  'invitation.revoke': 'auditAction.invitation_revoke',
  'site.create': 'auditAction.site_create',
  'site.update': 'auditAction.site_update',
  'site.delete': 'auditAction.site_delete',
  'shared_link.create': 'auditAction.shared_link_create',
  'shared_link.revoke': 'auditAction.shared_link_revoke',
  'shared_link.update': 'auditAction.shared_link_update',
  'api_key.create': 'auditAction.api_key_create',
  'api_key.revoke': 'auditAction.api_key_revoke',
  'api_key.update': 'auditAction.api_key_update',
  'goal.create': 'auditAction.goal_create',
  'goal.delete': 'auditAction.goal_delete',
  'annotation.create': 'auditAction.annotation_create',
  'annotation.delete': 'auditAction.annotation_delete',
  'mail.update': 'auditAction.mail_update',
  'mail.test': 'auditAction.mail_test',
  'import.create': 'auditAction.import_create',
  'import.remove': 'auditAction.import_remove',
};

/** A known action in words; an unknown one (a newer server) as its code. */
export function actionLabel(action: string): string {
  const key = actions[action];
  return key ? t(key) : action;
}

/** `user:12` → that member's email when known; `cli`, `anonymous` and others unchanged. */
export function actorLabel(actor: string, emails: ReadonlyMap<number, string>): string {
  const id = /^user:(\d+)$/.exec(actor)?.[1];
  return (id !== undefined && emails.get(Number(id))) || actor;
}

/** The details JSON as `key: value` pairs joined by `, `; arrays joined by spaces. */
export function detailsText(details: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(details);
  } catch {
    return details;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return details;
  return Object.entries(parsed as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(' ') : String(v)}`)
    .join(', ');
}
