// The AccountsRepo contract: persistence for orgs, users, sessions, keys, links, audit and org sites.
// Secrets never reach this layer in clear: callers pass SHA-256 or argon2 hashes only.
import type { LockRung, LoginFailureCount } from './login-failure.js';
import type { NewSite, SiteRecord, SiteSettings } from './types.js';

export type { LockRung, LoginFailureCount };

export const roles = ['owner', 'admin', 'viewer'] as const;
export type Role = (typeof roles)[number];

export interface UserRecord {
  id: number;
  email: string;
  passwordHash: string;
  failedLogins: number;
  lockedUntil: string | null;
  createdAt: string;
  /** May create organisations when the install allows only administrators (the default). */
  instanceAdmin: boolean;
  /** The dashboard language the user chose; null: the browser's. */
  locale: string | null;
}

/** A users row as the repo returns it (the flag is an integer column in both dialects). */
export function toUserRecord<R extends { instanceAdmin: number }>(
  row: R | undefined,
): (Omit<R, 'instanceAdmin'> & { instanceAdmin: boolean }) | undefined {
  return row && { ...row, instanceAdmin: row.instanceAdmin === 1 };
}

export interface OrgRecord {
  id: number;
  name: string;
  createdAt: string;
}

export interface MembershipRecord {
  orgId: number;
  orgName: string;
  role: Role;
}

export interface MemberRecord {
  userId: number;
  email: string;
  role: Role;
  createdAt: string;
}

export interface SessionRecord {
  idHash: string;
  userId: number;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

export interface InvitationRecord {
  id: string;
  orgId: number;
  tokenHash: string;
  role: Role;
  email: string | null;
  createdBy: number;
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
}

export interface ApiKeyRecord {
  id: string;
  userId: number;
  name: string;
  prefix: string;
  keyHash: string;
  siteIds: number[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** From this instant the key is refused (401 naming the expiry); null or absent: no expiry. */
  expiresAt?: string | null;
  /** Small-count protection: breakdown rows counted fewer than k times are hidden; null: off. */
  k?: number | null;
  /** Stats API answers `visitors` and `visit_duration` with flagged approximations (docs/API.md). */
  plausibleCompat?: boolean;
}

export interface SharedLinkRecord {
  siteId: number;
  id: string;
  tokenHash: string;
  passwordHash: string | null;
  label: string;
  createdBy: number;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  /** Small-count protection, as on API keys; null or absent: off. */
  k?: number | null;
  /** Branding of the shared view: an https: or data:image/ logo URL and a #rrggbb accent. */
  logoUrl?: string | null;
  accent?: string | null;
  /** Origins allowed to frame the link's pages (CSP frame-ancestors), space-separated. */
  frameAncestors?: string | null;
}

export interface AuditEntry {
  at: string;
  orgId: number | null;
  actor: string;
  action: string;
  target: string;
  /** JSON text. */
  details: string;
}

export interface AuditRow extends AuditEntry {
  id: number;
  prevHash: string;
  hash: string;
}

export interface AuditFilter {
  orgId: number;
  userTargets: string[];
  personalActions: readonly string[];
}

export interface SitePatch {
  name?: string;
  timezone?: string;
  settings?: SiteSettings;
}

export interface AccountsRepo {
  countUsers(): Promise<number>;
  createUser(email: string, passwordHash: string, now: Date): Promise<UserRecord>;
  userByEmail(email: string): Promise<UserRecord | undefined>;
  userById(id: number): Promise<UserRecord | undefined>;
  setPasswordHash(userId: number, passwordHash: string): Promise<void>;
  /** The dashboard language the user chose (null: back to the browser's). */
  setLocale(userId: number, locale: string | null): Promise<void>;
  /** Lock-out bookkeeping: consecutive failures and the time before which logins are refused. */
  setLoginFailures(userId: number, failedLogins: number, lockedUntil: string | null): Promise<void>;
  setInstanceAdmin(userId: number, instanceAdmin: boolean): Promise<void>;
  /** The oldest account (lowest id). */
  firstUser(): Promise<UserRecord | undefined>;
  /** Ids of the instance administrators, in id order. */
  instanceAdmins(): Promise<number[]>;
  /**
   * Counts one failed login in one atomic statement: unless the account is locked at `now`,
   * failed_logins + 1 and locked_until from the first rung (most failures first) the new count
   * reaches, else null. Returns the new state, or undefined when the account was locked (nothing
   * counted) or does not exist. Parallel calls count one by one.
   */
  countLoginFailure(
    userId: number,
    now: string,
    rungs: LockRung[],
  ): Promise<LoginFailureCount | undefined>;
  /**
   * Takes back one counted attempt (a right password that still needs its second step): one less
   * failure in one statement, and the lock this attempt set (`lockedUntil`), if it set one, lifted.
   */
  forgiveLoginAttempt(userId: number, lockedUntil: string | null): Promise<void>;

  createOrg(name: string, now: Date): Promise<OrgRecord>;
  orgById(id: number): Promise<OrgRecord | undefined>;
  orgByName(name: string): Promise<OrgRecord | undefined>;
  /** Every organisation of the install, by id. */
  listOrgs(): Promise<OrgRecord[]>;
  /** Deletes the org with its memberships, invitations, sites, their counters and shared links. */
  deleteOrg(id: number): Promise<void>;
  membershipsOf(userId: number): Promise<MembershipRecord[]>;
  members(orgId: number): Promise<MemberRecord[]>;
  /** Adds the membership or changes its role. */
  putMembership(orgId: number, userId: number, role: Role, now: Date): Promise<void>;
  removeMembership(orgId: number, userId: number): Promise<boolean>;

  createSession(session: SessionRecord): Promise<void>;
  session(idHash: string): Promise<SessionRecord | undefined>;
  touchSession(idHash: string, lastSeenAt: string): Promise<void>;
  deleteSession(idHash: string): Promise<void>;
  deleteSessionsOf(userId: number): Promise<void>;

  createInvitation(invitation: InvitationRecord): Promise<void>;
  invitationByHash(tokenHash: string): Promise<InvitationRecord | undefined>;
  invitations(orgId: number): Promise<InvitationRecord[]>;
  deleteInvitation(orgId: number, id: string): Promise<boolean>;
  /** Marks it used; false when it was already used (the single-use guarantee is this update). */
  markInvitationAccepted(id: string, at: string): Promise<boolean>;

  createApiKey(key: ApiKeyRecord): Promise<void>;
  apiKeyByHash(keyHash: string): Promise<ApiKeyRecord | undefined>;
  apiKeysOf(userId: number): Promise<ApiKeyRecord[]>;
  revokeApiKey(userId: number, id: string, at: string): Promise<boolean>;
  touchApiKey(id: string, at: string): Promise<void>;
  /** Turns the key's Plausible compatibility on or off; false when the user has no such live key. */
  setApiKeyCompat(userId: number, id: string, on: boolean): Promise<boolean>;

  createSharedLink(link: SharedLinkRecord): Promise<void>;
  sharedLinkByHash(tokenHash: string): Promise<SharedLinkRecord | undefined>;
  sharedLinks(siteId: number): Promise<SharedLinkRecord[]>;
  revokeSharedLink(siteId: number, id: string, at: string): Promise<boolean>;
  /** A link by its public id (the embed address names it); revoked links included. */
  sharedLinkById(siteId: number, id: string): Promise<SharedLinkRecord | undefined>;
  /** Sets a link's branding and embedding origins; false when there is no such live link. */
  updateSharedLinkBranding(
    siteId: number,
    id: string,
    branding: Pick<SharedLinkRecord, 'logoUrl' | 'accent' | 'frameAncestors'>,
  ): Promise<boolean>;

  /**
   * Appends one row to the chain, serialised against every other writer (a write lock in SQLite,
   * an advisory lock in PostgreSQL) so that two rows never share a predecessor.
   */
  appendAudit(
    entry: AuditEntry,
    hash: (prevHash: string, entry: AuditEntry) => string,
  ): Promise<AuditRow>;
  /**
   * Rows in id order: every row, or those of one org plus the org-less rows whose target is one of
   * `userTargets` (the org's members) and whose action is one of `personalActions` (sign-ins,
   * password changes: rows about the person that name no other org's objects).
   */
  auditRows(filter?: AuditFilter): Promise<AuditRow[]>;
  /** How many rows the chain has, its last row and (when asked) the row with id `atId`. */
  auditHead(
    atId?: number,
  ): Promise<{ rows: number; last: AuditRow | undefined; at: AuditRow | undefined }>;

  siteById(id: number): Promise<SiteRecord | undefined>;
  sitesOfOrg(orgId: number): Promise<SiteRecord[]>;
  createSite(site: NewSite, orgId: number, now: Date): Promise<SiteRecord>;
  updateSite(id: number, patch: SitePatch): Promise<SiteRecord | undefined>;
  /** Deletes the site, its counters and its shared links; API keys simply stop matching it. */
  deleteSite(id: number): Promise<boolean>;
  /** Gives sites without an org (added by the CLI before setup) to this org; returns how many. */
  adoptOrphanSites(orgId: number): Promise<number>;
  /** Deletes counters of a site before a day (YYYY-MM-DD) and an hour (YYYY-MM-DDTHH). */
  purgeCounters(siteId: number, beforeDay: string, beforeHour: string): Promise<number>;
}

/** Genesis value of the audit chain: the prev_hash of the first row. */
export const auditGenesis = '0'.repeat(64);

export function parseSiteIds(text: string): number[] {
  const ids = JSON.parse(text) as unknown;
  return Array.isArray(ids) ? ids.filter((n): n is number => Number.isInteger(n)) : [];
}
