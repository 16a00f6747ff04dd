// Who is asking: the four kinds of principal a request can carry (resolved in access.ts).
import type { Role } from '../store/accounts.js';

export type Principal =
  | { kind: 'anonymous' }
  | {
      kind: 'user';
      userId: number;
      email: string;
      /** SHA-256 of the session token of this request. */
      sessionHash: string;
      memberships: ReadonlyMap<number, Role>;
      /** May create organisations when the install reserves that to administrators. */
      instanceAdmin: boolean;
      /** Orgs that require a second factor this user has not set up: refused until enrolment. */
      awaitingSecondFactor?: ReadonlySet<number>;
    }
  | {
      kind: 'api_key';
      keyId: string;
      userId: number;
      siteIds: ReadonlySet<number>;
      /** The key owner's memberships, read live: losing a role shrinks the key too. */
      memberships: ReadonlyMap<number, Role>;
      /** As for the key owner's session: an org requiring a second factor refuses the key too. */
      awaitingSecondFactor?: ReadonlySet<number>;
      /** Small-count protection (server/reports/small-counts.ts): hide rows below k. */
      k?: number;
      /** The key opted in to Plausible compatibility (server/stats-api/parse.ts). */
      plausibleCompat?: boolean;
    }
  | { kind: 'shared_link'; linkId: string; siteId: number; k?: number };

/** The k of a principal's small-count protection, or undefined (off: members see every row). */
export function smallCountK(p: Principal): number | undefined {
  return p.kind === 'api_key' || p.kind === 'shared_link' ? p.k : undefined;
}

export const anonymous: Principal = { kind: 'anonymous' };

/** The audit actor of a principal: an id, never a token. */
export function actorOf(p: Principal): string {
  switch (p.kind) {
    case 'user':
      return `user:${p.userId}`;
    case 'api_key':
      return `api_key:${p.keyId}`;
    case 'shared_link':
      return `shared_link:${p.linkId}`;
    default:
      return 'anonymous';
  }
}
