// Signed one-click unsubscribe links (pure: the key is passed in). A token is an HMAC over the site,
// the address and the scope, so a link works without signing in and cannot be turned into another
// recipient's: changing any part breaks the signature. The key is derived from the install's audit
// key (the same on every node, docs/SECURITY.md), never stored in the database.
import crypto from 'node:crypto';

export type UnsubscribeScope = 'reports' | 'alerts';

export interface UnsubscribeClaim {
  siteId: number;
  address: string;
  scope: UnsubscribeScope;
}

/** The mail key: HMAC of a fixed label under the audit key (domain separation). */
export function mailKey(auditKey: Buffer): Buffer {
  return crypto.createHmac('sha256', auditKey).update('pomelo mail unsubscribe v1').digest();
}

const mac = (key: Buffer, c: UnsubscribeClaim) =>
  crypto
    .createHmac('sha256', key)
    .update(`${c.siteId}\n${c.scope}\n${c.address}`)
    .digest()
    .subarray(0, 20)
    .toString('base64url');

/** The query string of an unsubscribe link: `s`, `a`, `k` and `t`. */
export function unsubscribeQuery(key: Buffer, c: UnsubscribeClaim): string {
  const params = new URLSearchParams({
    s: String(c.siteId),
    a: c.address,
    k: c.scope,
    t: mac(key, c),
  });
  return params.toString();
}

/** The claim a link's parameters make, when its signature holds; undefined otherwise. */
export function verifyUnsubscribe(
  key: Buffer,
  q: Record<string, string | undefined>,
): UnsubscribeClaim | undefined {
  const { s, a, k, t } = q;
  if (!s || !/^\d{1,15}$/.test(s) || !a || a.length > 320 || !t || t.length > 64) return undefined;
  if (k !== 'reports' && k !== 'alerts') return undefined;
  const claim = { siteId: Number(s), address: a, scope: k } as const;
  const expected = Buffer.from(mac(key, claim));
  const given = Buffer.from(t);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
    return undefined;
  }
  return claim;
}
