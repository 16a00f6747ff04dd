// The single authorization function: principal × action × resource → allow / 401 / 403 / 404.
// "hidden" (404) whenever the principal has no standing in the resource's org, so that
// existence never leaks across organisations; "forbidden" (403) only inside its own org.
import type { Role } from '../store/accounts.js';
import type { Principal } from './principal.js';

export type Action =
  /** Read reports of a site: viewers, API keys scoped to it, its shared links. */
  | 'site.report'
  /** Read a site's settings. */
  | 'site.view'
  /** Change a site's settings, manage its shared links. */
  | 'site.manage'
  | 'site.delete'
  | 'org.view'
  | 'org.create_site'
  /** Create and delete the org-wide annotations (every site's chart). */
  | 'org.annotate'
  | 'org.view_members'
  | 'org.manage_members'
  | 'org.audit'
  | 'org.delete'
  /** The signed-in user's own account: profile, password, orgs list, API keys. */
  | 'account'
  /** Create an organisation: the install's policy (POMELO_ORG_CREATION) decides who may. */
  | 'instance.create_org';

/** Install-wide rules that are not about one org (server/config.ts). */
export interface InstancePolicy {
  /** 'admins' (default): only instance administrators; 'anyone': every signed-in user. */
  orgCreation: 'admins' | 'anyone';
}

export type Decision =
  | 'allow'
  | 'unauthenticated'
  | 'forbidden'
  | 'hidden'
  /** A member of an org that requires a second factor, without one: enrol first (403). */
  | 'second_factor_required';

/** The org (and site) an action targets; orgId null means a site no org has adopted. */
export interface Resource {
  orgId: number | null | undefined;
  siteId?: number;
}

export const minimumRole: Record<Exclude<Action, 'account' | 'instance.create_org'>, Role> = {
  'site.report': 'viewer',
  'site.view': 'viewer',
  'org.view': 'viewer',
  'site.manage': 'admin',
  'org.create_site': 'admin',
  'org.annotate': 'admin',
  'org.view_members': 'admin',
  'site.delete': 'owner',
  'org.manage_members': 'owner',
  'org.audit': 'owner',
  'org.delete': 'owner',
};

const rank: Record<Role, number> = { viewer: 1, admin: 2, owner: 3 };

export function authorize(
  p: Principal,
  action: Action,
  resource?: Resource,
  policy: InstancePolicy = { orgCreation: 'admins' },
): Decision {
  if (p.kind === 'anonymous') return 'unauthenticated';
  if (action === 'account') return p.kind === 'user' ? 'allow' : 'forbidden';
  if (action === 'instance.create_org') {
    if (p.kind !== 'user') return 'forbidden';
    return policy.orgCreation === 'anyone' || p.instanceAdmin ? 'allow' : 'forbidden';
  }
  if (!resource) return 'hidden';
  if (p.kind === 'shared_link') {
    if (resource.siteId !== p.siteId) return 'hidden';
    return action === 'site.report' ? 'allow' : 'forbidden';
  }
  const role = resource.orgId == null ? undefined : p.memberships.get(resource.orgId);
  if (!role) return 'hidden';
  if (p.awaitingSecondFactor?.has(resource.orgId!)) return 'second_factor_required';
  if (p.kind === 'api_key') {
    if (resource.siteId !== undefined && !p.siteIds.has(resource.siteId)) return 'hidden';
    return action === 'site.report' && resource.siteId !== undefined ? 'allow' : 'forbidden';
  }
  return rank[role] >= rank[minimumRole[action]] ? 'allow' : 'forbidden';
}
