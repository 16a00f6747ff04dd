// The sites a request may read reports of (agency overview): every site of the user's orgs, the
// API key's scoped sites, or the shared link's one site.
import type { Context } from 'hono';
import type { SiteRecord } from '../store/types.js';
import { enforce, resolvePrincipal, siteAccess } from './access.js';
import { depsOf } from './context.js';

export async function visibleSites(c: Context): Promise<SiteRecord[]> {
  const p = await resolvePrincipal(c);
  const { store } = depsOf(c);
  switch (p.kind) {
    case 'anonymous':
      enforce(p, 'site.report');
      return [];
    case 'shared_link':
      return [await siteAccess(c, p.siteId, 'read')];
    case 'user': {
      const lists = await Promise.all(
        [...p.memberships.keys()]
          .filter((id) => !p.awaitingSecondFactor?.has(id))
          .map((id) => store.accounts.sitesOfOrg(id)),
      );
      return lists.flat().sort((a, b) => a.domain.localeCompare(b.domain));
    }
    case 'api_key': {
      const sites = await Promise.all([...p.siteIds].map((id) => store.accounts.siteById(id)));
      return sites
        .filter(
          (s): s is SiteRecord =>
            s !== undefined &&
            s.orgId != null &&
            p.memberships.has(s.orgId) &&
            !p.awaitingSecondFactor?.has(s.orgId),
        )
        .sort((a, b) => a.domain.localeCompare(b.domain));
    }
  }
}
