// /api/sites/:siteId/*: a site's settings (admins), deletion (owners), report info, shared links.
import { Hono } from 'hono';
import * as v from 'valibot';
import { ApiError } from '../../http/errors.js';
import { valid } from '../../http/validate.js';
import type { SharedLinkRecord } from '../../store/accounts.js';
import { honoursGpc, type SiteRecord } from '../../store/types.js';
import { readBranding, shareBrandingBody, type ShareBrandingInput } from '../share-branding.js';
import { requireUser, resolvePrincipal, siteAccess, siteFor, siteParam } from '../access.js';
import { auditRequest } from '../audit.js';
import type { AccountsDeps } from '../context.js';
import { publicBase } from '../context.js';
import { hashPassword } from '../passwords.js';
import { smallCountKSchema } from '../small-count-input.js';
import {
  languageOf,
  mergeSettings,
  retentionOf,
  settingsProblem,
  sitePatchBody,
} from '../site-input.js';
import { newId, newToken, sha256Hex } from '../tokens.js';

/** A site as the API shows it, with its effective retention. */
export function siteView(s: SiteRecord) {
  return {
    id: s.id,
    orgId: s.orgId ?? null,
    domain: s.domain,
    name: s.name,
    timezone: s.timezone,
    excludedPaths: s.settings.excludedPaths ?? [],
    cardinalityCap: s.settings.cardinalityCap ?? null,
    retentionMonths: retentionOf(s.settings),
    honourGpc: honoursGpc(s.settings),
    publicPrivacyReport: s.settings.publicPrivacyReport === true,
    language: languageOf(s.settings),
    createdAt: s.createdAt,
  };
}

const sharedLinkBody = v.strictObject({
  label: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(200)), ''),
  password: v.optional(v.pipe(v.string(), v.minLength(8), v.maxLength(256))),
  expiresAt: v.optional(v.pipe(v.string(), v.isoTimestamp())),
  /** Small-count protection: rows counted fewer than k times are hidden (docs/API.md). */
  k: v.optional(v.nullable(smallCountKSchema)),
  /** Branding and embedding (share-branding.ts). */
  ...shareBrandingBody.entries,
});

/** A link as the API shows it: never its token or password hash. */
function linkView({ tokenHash: _t, passwordHash, ...l }: SharedLinkRecord) {
  return {
    ...l,
    hasPassword: passwordHash !== null,
    k: l.k ?? null,
    logoUrl: l.logoUrl ?? null,
    accent: l.accent ?? null,
    frameAncestors: l.frameAncestors ? l.frameAncestors.split(' ') : [],
  };
}

/** The branding to store, or a 400 naming the field. */
function brandingOf(body: ShareBrandingInput) {
  const read = readBranding(body);
  if (!read.ok) throw new ApiError('bad_request', read.problem);
  return read.branding;
}

export function siteRoutes(deps: AccountsDeps): Hono {
  const app = new Hono();
  app.get('/api/sites/:siteId', async (c) => {
    const site = await siteFor(c, siteParam(c), 'site.view');
    return c.json({ site: siteView(site) });
  });

  /** What a report page needs to know about its site; reachable by shared links and API keys. */
  app.get('/api/sites/:siteId/info', async (c) => {
    const site = await siteAccess(c, siteParam(c), 'read');
    // firstDay: the day of its first counted event (null before it), for the empty-report words.
    const firstDay = await deps.store.reports.firstDay(site.id);
    // A shared link reads its branding here: the logo and accent its owner gave it.
    const principal = await resolvePrincipal(c);
    const link =
      principal.kind === 'shared_link'
        ? await deps.store.accounts.sharedLinkById(site.id, principal.linkId)
        : undefined;
    return c.json({
      site: {
        id: site.id,
        domain: site.domain,
        name: site.name,
        timezone: site.timezone,
        firstDay,
      },
      ...(link && { share: { logoUrl: link.logoUrl ?? null, accent: link.accent ?? null } }),
    });
  });

  app.patch('/api/sites/:siteId', valid('json', sitePatchBody), async (c) => {
    const site = await siteAccess(c, siteParam(c), 'admin');
    const { name, timezone, ...settings } = c.req.valid('json');
    const problem = settingsProblem(settings, deps.config);
    if (problem) throw new ApiError('bad_request', problem);
    const updated = await deps.store.accounts.updateSite(site.id, {
      name,
      timezone,
      settings: mergeSettings(site.settings, settings),
    });
    if (!updated) throw new ApiError('not_found', 'no such resource');
    deps.onSitesChanged();
    await auditRequest(c, {
      action: 'site.update',
      target: `site:${site.id}`,
      orgId: site.orgId ?? null,
      details: { fields: Object.keys(c.req.valid('json')).join(',') },
    });
    return c.json({ site: siteView(updated) });
  });

  app.delete('/api/sites/:siteId', async (c) => {
    const site = await siteFor(c, siteParam(c), 'site.delete');
    await deps.store.accounts.deleteSite(site.id);
    deps.onSitesChanged();
    await auditRequest(c, {
      action: 'site.delete',
      target: `site:${site.id}`,
      orgId: site.orgId ?? null,
      details: { domain: site.domain },
    });
    return c.body(null, 204);
  });

  app.get('/api/sites/:siteId/shared-links', async (c) => {
    const site = await siteAccess(c, siteParam(c), 'admin');
    const links = await deps.store.accounts.sharedLinks(site.id);
    return c.json({ links: links.map(linkView) });
  });

  app.post('/api/sites/:siteId/shared-links', valid('json', sharedLinkBody), async (c) => {
    const site = await siteAccess(c, siteParam(c), 'admin');
    const body = c.req.valid('json');
    const now = deps.now();
    if (body.expiresAt && Date.parse(body.expiresAt) <= now) {
      throw new ApiError('bad_request', 'invalid expiresAt: in the past');
    }
    const branding = brandingOf(body);
    const token = newToken('shr');
    const link: SharedLinkRecord = {
      siteId: site.id,
      id: newId(),
      tokenHash: sha256Hex(token),
      passwordHash: body.password ? await hashPassword(body.password) : null,
      label: body.label,
      createdBy: (await requireUser(c)).userId,
      createdAt: new Date(now).toISOString(),
      expiresAt: body.expiresAt ? new Date(body.expiresAt).toISOString() : null,
      revokedAt: null,
      k: body.k ?? null,
      ...branding,
    };
    await deps.store.accounts.createSharedLink(link);
    await auditRequest(c, {
      action: 'shared_link.create',
      target: `shared_link:${link.id}`,
      orgId: site.orgId ?? null,
      details: {
        siteId: site.id,
        hasPassword: link.passwordHash !== null,
        expiresAt: link.expiresAt,
        k: link.k ?? null,
        branded: branding.logoUrl !== null || branding.accent !== null,
        frameAncestors: branding.frameAncestors,
      },
    });
    return c.json(
      {
        link: linkView(link),
        token,
        // The address names the link (not secret; the token stays in the fragment), so that its
        // page gets the link's own headers: frame-ancestors and the logo's origin.
        url: `${publicBase(c)}/share/${site.id}/${link.id}#token=${token}`,
      },
      201,
    );
  });

  app.patch(
    '/api/sites/:siteId/shared-links/:linkId',
    valid('json', shareBrandingBody),
    async (c) => {
      const site = await siteAccess(c, siteParam(c), 'admin');
      const id = c.req.param('linkId');
      const body = c.req.valid('json');
      const before = await deps.store.accounts.sharedLinkById(site.id, id);
      if (!before || before.revokedAt) throw new ApiError('not_found', 'no such shared link');
      // Fields left out keep their value; null clears one.
      const branding = brandingOf({
        logoUrl: body.logoUrl === undefined ? before.logoUrl : body.logoUrl,
        accent: body.accent === undefined ? before.accent : body.accent,
        frameAncestors:
          body.frameAncestors ?? (before.frameAncestors ? before.frameAncestors.split(' ') : []),
      });
      if (!(await deps.store.accounts.updateSharedLinkBranding(site.id, id, branding))) {
        throw new ApiError('not_found', 'no such shared link');
      }
      await auditRequest(c, {
        action: 'shared_link.update',
        target: `shared_link:${id}`,
        orgId: site.orgId ?? null,
        details: {
          siteId: site.id,
          branded: branding.logoUrl !== null || branding.accent !== null,
          frameAncestors: branding.frameAncestors,
        },
      });
      return c.json({ link: linkView({ ...before, ...branding }) });
    },
  );

  app.delete('/api/sites/:siteId/shared-links/:linkId', async (c) => {
    const site = await siteAccess(c, siteParam(c), 'admin');
    const id = c.req.param('linkId');
    if (
      !(await deps.store.accounts.revokeSharedLink(site.id, id, new Date(deps.now()).toISOString()))
    ) {
      throw new ApiError('not_found', 'no such shared link');
    }
    await auditRequest(c, {
      action: 'shared_link.revoke',
      target: `shared_link:${id}`,
      orgId: site.orgId ?? null,
      details: { siteId: site.id },
    });
    return c.body(null, 204);
  });
  return app;
}
