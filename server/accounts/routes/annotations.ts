// Annotations: dated notes on a site's chart (a release, a campaign, an outage), or on every site of
// an organisation. Admins create and delete them here (audited); every report reader sees them in
// the site report and GET /api/sites/:domain/annotations (server/reports/routes.ts). The text is
// untrusted: sanitised here, escaped wherever it is rendered, never executed.
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { sanitiseText } from '../../classify/text.js';
import { ApiError } from '../../http/errors.js';
import { valid } from '../../http/validate.js';
import type { AnnotationRecord } from '../../store/annotations.js';
import { idParam, orgFor, requireUser, siteAccess, siteParam } from '../access.js';
import { auditRequest } from '../audit.js';
import type { AccountsDeps } from '../context.js';

export const maxAnnotationText = 200;

/** A real calendar day, YYYY-MM-DD (2026-02-30 is refused). */
const isDay = (s: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = Date.parse(`${s}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === s;
};

const annotationBody = v.strictObject({
  day: v.pipe(v.string(), v.check(isDay, 'day must be a date, YYYY-MM-DD')),
  text: v.pipe(v.string(), v.maxLength(1000)),
});

/** The text as stored: invisible and control characters removed, trimmed, 1-200 characters. */
function annotationText(raw: string): string {
  const text = sanitiseText(raw, maxAnnotationText + 1);
  if (text.length === 0 || text.length > maxAnnotationText) {
    throw new ApiError('bad_request', `invalid text: 1-${maxAnnotationText} visible characters`);
  }
  return text;
}

export const annotationView = (a: AnnotationRecord) => ({
  id: a.id,
  orgId: a.orgId,
  siteId: a.siteId,
  day: a.day,
  text: a.text,
  createdBy: a.createdBy,
  createdAt: a.createdAt,
});

async function audit(
  c: Context,
  action: 'annotation.create' | 'annotation.delete',
  a: AnnotationRecord,
): Promise<void> {
  await auditRequest(c, {
    action,
    target: `annotation:${a.id}`,
    orgId: a.orgId,
    details: { siteId: a.siteId, day: a.day },
  });
}

export function annotationRoutes(deps: AccountsDeps): Hono {
  const app = new Hono();
  const store = deps.store;

  app.post('/api/sites/:siteId/annotations', valid('json', annotationBody), async (c) => {
    const site = await siteAccess(c, siteParam(c), 'admin');
    if (site.orgId == null)
      throw new ApiError('bad_request', 'this site belongs to no organisation');
    const body = c.req.valid('json');
    const created = await store.annotations.create({
      orgId: site.orgId,
      siteId: site.id,
      day: body.day,
      text: annotationText(body.text),
      createdBy: (await requireUser(c)).userId,
      createdAt: new Date(deps.now()).toISOString(),
    });
    await audit(c, 'annotation.create', created);
    return c.json({ annotation: annotationView(created) }, 201);
  });

  app.delete('/api/sites/:siteId/annotations/:annotationId', async (c) => {
    const site = await siteAccess(c, siteParam(c), 'admin');
    const found = await store.annotations.byId(idParam(c, 'annotationId'));
    // An org-wide note is deleted on its org's route; another site's note is not found here.
    if (!found || found.siteId !== site.id || !(await store.annotations.delete(found.id))) {
      throw new ApiError('not_found', 'no such annotation');
    }
    await audit(c, 'annotation.delete', found);
    return c.body(null, 204);
  });

  app.get('/api/orgs/:orgId/annotations', async (c) => {
    const org = await orgFor(c, idParam(c, 'orgId'), 'org.view');
    return c.json({ annotations: (await store.annotations.ofOrg(org.id)).map(annotationView) });
  });

  app.post('/api/orgs/:orgId/annotations', valid('json', annotationBody), async (c) => {
    const org = await orgFor(c, idParam(c, 'orgId'), 'org.annotate');
    const body = c.req.valid('json');
    const created = await store.annotations.create({
      orgId: org.id,
      siteId: null,
      day: body.day,
      text: annotationText(body.text),
      createdBy: (await requireUser(c)).userId,
      createdAt: new Date(deps.now()).toISOString(),
    });
    await audit(c, 'annotation.create', created);
    return c.json({ annotation: annotationView(created) }, 201);
  });

  app.delete('/api/orgs/:orgId/annotations/:annotationId', async (c) => {
    const org = await orgFor(c, idParam(c, 'orgId'), 'org.annotate');
    const found = await store.annotations.byId(idParam(c, 'annotationId'));
    if (
      !found ||
      found.orgId !== org.id ||
      found.siteId !== null ||
      !(await store.annotations.delete(found.id))
    ) {
      throw new ApiError('not_found', 'no such annotation');
    }
    await audit(c, 'annotation.delete', found);
    return c.body(null, 204);
  });
  return app;
}
