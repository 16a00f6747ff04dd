// Typed client for the account API the settings, members, API keys and audit pages use
// (docs/API.md, "Accounts"). Same origin, session cookie; errors are ApiFailure like api.ts.
import { call, download } from './api.js';

export type Role = 'owner' | 'admin' | 'viewer';
export const roles: readonly Role[] = ['owner', 'admin', 'viewer'];

export interface SiteSettings {
  id: number;
  orgId: number | null;
  domain: string;
  name: string;
  timezone: string;
  excludedPaths: string[];
  cardinalityCap: number | null;
  retentionMonths: number;
  /** Events sent with Sec-GPC: 1 are not counted (the snippet then has no data-ignore-gpc). */
  honourGpc: boolean;
  /** The privacy report is public at /privacy/<domain>. */
  publicPrivacyReport: boolean;
  /** The language of the site's documents (privacy report, record of processing, replay notice). */
  language: string;
  createdAt: string;
}

export type SitePatch = Partial<
  Pick<
    SiteSettings,
    | 'name'
    | 'timezone'
    | 'excludedPaths'
    | 'retentionMonths'
    | 'honourGpc'
    | 'publicPrivacyReport'
    | 'language'
  >
> & { cardinalityCap?: number };

export interface InstallStatus {
  installed: boolean;
  first_day: string | null;
  first_event_hour: string | null;
  recent_pageviews: number;
  /** Counted, bots set aside, not counted by reason: the last 30 minutes (every node on PostgreSQL). */
  recent?: RecentOutcomes;
}

export interface RecentOutcomes {
  minutes: number;
  counted: number;
  bots: number;
  not_counted: {
    reason: 'unknown_site' | 'domain_mismatch' | 'excluded_path' | 'gpc' | 'rate_limited';
    events: number;
  }[];
}

export interface SharedLink {
  siteId: number;
  id: string;
  label: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  hasPassword: boolean;
  /** Small-count protection (null: off). */
  k?: number | null;
  /** Branding and embedding origins (docs/API.md, shared links). */
  logoUrl?: string | null;
  accent?: string | null;
  frameAncestors?: string[];
}

export interface Member {
  userId: number;
  email: string;
  role: Role;
  createdAt: string;
  /** An authenticator app or a passkey is set up. */
  secondFactor?: boolean;
}

export interface Invitation {
  id: string;
  role: Role;
  email: string | null;
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  siteIds: number[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** null: no expiry. */
  expiresAt: string | null;
  /** Small-count protection (null: off). */
  k?: number | null;
  plausibleCompat?: boolean;
}

export interface AuditRow {
  id: number;
  at: string;
  orgId: number | null;
  actor: string;
  action: string;
  target: string;
  details: string;
  prevHash: string;
  hash: string;
}

export interface ChainCheck {
  intact: boolean;
  checkedRows: number;
  head: string;
  breaks: { id: number; problem: 'broken_link' | 'altered_row' }[];
  otherBreaks: number;
  /** The latest signed checkpoint kept outside the database (docs/SECURITY.md, "Audit key"). */
  checkpoint: { at: string; rows: number; lastId: number } | null;
  checkpointProblem: { problem: 'truncated' | 'rewritten'; message: string } | null;
  invalidCheckpointLines: number;
}

const site = (domain: string) => `/api/sites/${encodeURIComponent(domain)}`;
const org = (orgId: number) => `/api/orgs/${orgId}`;

export const adminApi = {
  site: async (domain: string) => (await call<{ site: SiteSettings }>('GET', site(domain))).site,
  updateSite: async (domain: string, patch: SitePatch) =>
    (await call<{ site: SiteSettings }>('PATCH', site(domain), patch)).site,
  deleteSite: (domain: string) => call<void>('DELETE', site(domain)),
  installStatus: (domain: string) => call<InstallStatus>('GET', `${site(domain)}/install-status`),

  sharedLinks: async (domain: string) =>
    (await call<{ links: SharedLink[] }>('GET', `${site(domain)}/shared-links`)).links,
  createSharedLink: (
    domain: string,
    body: {
      label?: string;
      password?: string;
      k?: number | null;
      logoUrl?: string;
      accent?: string;
      frameAncestors?: string[];
    },
  ) =>
    call<{ link: SharedLink; token: string; url: string }>(
      'POST',
      `${site(domain)}/shared-links`,
      body,
    ),
  updateSharedLinkBranding: async (
    domain: string,
    id: string,
    body: { logoUrl: string | null; accent: string | null; frameAncestors: string[] },
  ) =>
    (
      await call<{ link: SharedLink }>(
        'PATCH',
        `${site(domain)}/shared-links/${encodeURIComponent(id)}`,
        body,
      )
    ).link,
  revokeSharedLink: (domain: string, id: string) =>
    call<void>('DELETE', `${site(domain)}/shared-links/${encodeURIComponent(id)}`),

  createSite: async (orgId: number, body: { domain: string; timezone: string; name?: string }) =>
    (await call<{ site: SiteSettings }>('POST', `${org(orgId)}/sites`, body)).site,
  orgSites: async (orgId: number) =>
    (await call<{ sites: SiteSettings[] }>('GET', `${org(orgId)}/sites`)).sites,
  members: async (orgId: number) =>
    (await call<{ members: Member[] }>('GET', `${org(orgId)}/members`)).members,
  setRole: (orgId: number, userId: number, role: Role) =>
    call<unknown>('PATCH', `${org(orgId)}/members/${userId}`, { role }),
  removeMember: (orgId: number, userId: number) =>
    call<void>('DELETE', `${org(orgId)}/members/${userId}`),
  invitations: async (orgId: number) =>
    (await call<{ invitations: Invitation[] }>('GET', `${org(orgId)}/invitations`)).invitations,
  invite: (orgId: number, body: { role: Role; email?: string }) =>
    call<{ invitation: Invitation; token: string; url: string }>(
      'POST',
      `${org(orgId)}/invitations`,
      body,
    ),
  revokeInvitation: (orgId: number, id: string) =>
    call<void>('DELETE', `${org(orgId)}/invitations/${encodeURIComponent(id)}`),
  acceptInvitation: (body: { token: string; email?: string; password?: string }) =>
    call<{ orgId: number; role: Role }>('POST', '/api/invitations/accept', body),

  apiKeys: async () => (await call<{ keys: ApiKey[] }>('GET', '/api/api-keys')).keys,
  createApiKey: (body: {
    name: string;
    siteIds: number[];
    expiresAt?: string | null;
    k?: number | null;
    plausibleCompat?: boolean;
  }) => call<{ key: ApiKey; secret: string }>('POST', '/api/api-keys', body),
  setApiKeyCompat: async (id: string, plausibleCompat: boolean) =>
    (
      await call<{ key: ApiKey }>('PATCH', `/api/api-keys/${encodeURIComponent(id)}`, {
        plausibleCompat,
      })
    ).key,
  revokeApiKey: (id: string) => call<void>('DELETE', `/api/api-keys/${encodeURIComponent(id)}`),

  audit: async (orgId: number) =>
    (await call<{ rows: AuditRow[] }>('GET', `${org(orgId)}/audit`)).rows,
  verifyAudit: (orgId: number) => call<ChainCheck>('GET', `${org(orgId)}/audit/verify`),
  exportAudit: (orgId: number) => download(`${org(orgId)}/audit?format=csv`),
};
