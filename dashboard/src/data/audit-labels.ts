// How audit rows read on screen: actions in words, actors by email where the org knows them, and
// details as `key: value` pairs. Plain strings: the caller renders them as text.

const actions: Record<string, string> = {
  'setup.complete': 'Completed setup',
  'login.success': 'Signed in',
  'login.failure': 'Failed sign-in',
  'login.locked': 'Account locked',
  logout: 'Signed out',
  'password.change': 'Changed password',
  'password.reset': 'Reset password',
  'org.create': 'Created organisation',
  'org.delete': 'Deleted organisation',
  'member.add': 'Added member',
  'member.role': 'Changed role',
  'member.remove': 'Removed member',
  'invitation.create': 'Invited',
  'invitation.revoke': 'Revoked invitation',
  'site.create': 'Created site',
  'site.update': 'Changed site settings',
  'site.delete': 'Deleted site',
  'shared_link.create': 'Created shared link',
  'shared_link.revoke': 'Revoked shared link',
  'api_key.create': 'Created API key',
  'api_key.revoke': 'Revoked API key',
};

/** A known action in words; an unknown one (a newer server) as its code. */
export function actionLabel(action: string): string {
  return actions[action] ?? action;
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
