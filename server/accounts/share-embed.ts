// The headers of a shared link's own page, /share/:siteId/:linkId (issue 19): the origins its
// owner listed may frame it, and its https logo may load there. Only a live link (not revoked, not
// expired) of that site has a policy; anything else answers null and keeps frame-ancestors 'none'.
import type { EmbedPolicy } from '../http/middleware/security-headers.js';
import type { Store } from '../store/types.js';

export function embedPolicyFrom(store: Store, now: () => number) {
  return async (siteId: number, linkId: string): Promise<EmbedPolicy | null> => {
    const link = await store.accounts.sharedLinkById(siteId, linkId);
    if (!link || link.revokedAt || (!link.frameAncestors && !link.logoUrl)) return null;
    if (link.expiresAt && Date.parse(link.expiresAt) <= now()) return null;
    const logo = link.logoUrl?.startsWith('https://') ? new URL(link.logoUrl).origin : null;
    return {
      frameAncestors: link.frameAncestors ? link.frameAncestors.split(' ') : [],
      logoOrigin: logo,
    };
  };
}
