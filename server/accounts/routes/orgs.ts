// /api/orgs/*: organisations, their members, invitations, sites and audit log.
import { Hono } from 'hono';
import * as v from 'valibot';
import { ApiError } from '../../http/errors.js';
import { valid } from '../../http/validate.js';
import { idParam, orgFor, requireOrgCreator, requireUser } from '../access.js';
import { auditCsv, auditRequest, orgAuditFilter } from '../audit.js';
import { describeCheckpointProblem } from '../audit-checkpoint.js';
import { auditTrailOf, trailIntact, verifyTrail } from '../audit-trail.js';
import { depsOf, publicBase, type AccountsDeps } from '../context.js';
import { mergeSettings, settingsProblem, newSiteBody } from '../site-input.js';
import { emailAddress, memberRole, orgName } from '../user-input.js';
import { newId, newToken, sha256Hex } from '../tokens.js';
import { siteView } from './sites.js';

const role = memberRole;
/** Conflict answers that reveal nothing about other tenants (docs/SECURITY.md, issue 11). */
export const domainTaken = 'this domain cannot be added; contact your Pomelo administrator';
export const orgNameTaken = 'this organisation name cannot be used; choose another';
const invitationDays = 7;

export function orgRoutes(deps: AccountsDeps): Hono {
  const app = new Hono();
  app.get('/api/orgs', async (c) => {
    const p = await requireUser(c);
    const list = await deps.store.accounts.membershipsOf(p.userId);
    return c.json({ orgs: list.map((o) => ({ id: o.orgId, name: o.orgName, role: o.role })) });
  });

  app.post('/api/orgs', valid('json', v.strictObject({ name: orgName })), async (c) => {
    // POMELO_ORG_CREATION: instance administrators only by default (issue 11).
    const p = await requireOrgCreator(c);
    const { name } = c.req.valid('json');
    // Names are unique install-wide; the answer says nothing about the organisation holding it.
    if (await deps.store.accounts.orgByName(name)) throw new ApiError('conflict', orgNameTaken);
    const org = await deps.store.accounts.createOrg(name, new Date(deps.now()));
    await deps.store.accounts.putMembership(org.id, p.userId, 'owner', new Date(deps.now()));
    await auditRequest(c, {
      action: 'org.create',
      target: `org:${org.id}`,
      orgId: org.id,
      details: { name },
    });
    return c.json({ org: { id: org.id, name: org.name, role: 'owner' } }, 201);
  });

  app.get('/api/orgs/:orgId', async (c) => {
    const org = await orgFor(c, idParam(c, 'orgId'), 'org.view');
    return c.json({ org: { id: org.id, name: org.name, createdAt: org.createdAt } });
  });

  app.delete('/api/orgs/:orgId', async (c) => {
    const org = await orgFor(c, idParam(c, 'orgId'), 'org.delete');
    await deps.store.accounts.deleteOrg(org.id);
    deps.onSitesChanged();
    await auditRequest(c, {
      action: 'org.delete',
      target: `org:${org.id}`,
      orgId: org.id,
      details: { name: org.name },
    });
    return c.body(null, 204);
  });

  app.get('/api/orgs/:orgId/sites', async (c) => {
    const org = await orgFor(c, idParam(c, 'orgId'), 'org.view');
    return c.json({ sites: (await deps.store.accounts.sitesOfOrg(org.id)).map(siteView) });
  });

  // A refused domain, timezone or name says why, in the CLI's words (the add-site form shows it).
  const siteReasons = { reasonsFor: ['domain', 'timezone', 'name'] };
  app.post('/api/orgs/:orgId/sites', valid('json', newSiteBody, siteReasons), async (c) => {
    const org = await orgFor(c, idParam(c, 'orgId'), 'org.create_site');
    const { domain, name, timezone, ...settings } = c.req.valid('json');
    const problem = settingsProblem(settings, deps.config);
    if (problem) throw new ApiError('bad_request', problem);
    // Domains are unique across the install: ingestion finds a site by its domain. The answer is
    // the same whoever holds it (this org or another) and names neither.
    if (await deps.store.siteByDomain(domain)) throw new ApiError('conflict', domainTaken);
    const site = await deps.store.accounts.createSite(
      { domain, name, timezone, settings: mergeSettings({}, settings) },
      org.id,
      new Date(deps.now()),
    );
    deps.onSitesChanged();
    await auditRequest(c, {
      action: 'site.create',
      target: `site:${site.id}`,
      orgId: org.id,
      details: { domain },
    });
    return c.json({ site: siteView(site) }, 201);
  });

  app.get('/api/orgs/:orgId/members', async (c) => {
    const org = await orgFor(c, idParam(c, 'orgId'), 'org.view_members');
    const members = await deps.store.accounts.members(org.id);
    const withFactor = new Set(
      await deps.store.secondFactor.usersWithSecondFactor(members.map((m) => m.userId)),
    );
    return c.json({
      members: members.map((m) => ({ ...m, secondFactor: withFactor.has(m.userId) })),
    });
  });

  app.patch(
    '/api/orgs/:orgId/members/:userId',
    valid('json', v.strictObject({ role })),
    async (c) => {
      const org = await orgFor(c, idParam(c, 'orgId'), 'org.manage_members');
      const members = await deps.store.accounts.members(org.id);
      const member = members.find((m) => m.userId === idParam(c, 'userId'));
      if (!member) throw new ApiError('not_found', 'no such member');
      const { role: next } = c.req.valid('json');
      if (
        member.role === 'owner' &&
        next !== 'owner' &&
        members.filter((m) => m.role === 'owner').length === 1
      ) {
        throw new ApiError('conflict', 'an organisation keeps at least one owner');
      }
      await deps.store.accounts.putMembership(org.id, member.userId, next, new Date(deps.now()));
      await auditRequest(c, {
        action: 'member.role',
        target: `user:${member.userId}`,
        orgId: org.id,
        details: { from: member.role, to: next },
      });
      return c.json({ member: { ...member, role: next } });
    },
  );

  app.delete('/api/orgs/:orgId/members/:userId', async (c) => {
    const org = await orgFor(c, idParam(c, 'orgId'), 'org.manage_members');
    const members = await deps.store.accounts.members(org.id);
    const member = members.find((m) => m.userId === idParam(c, 'userId'));
    if (!member) throw new ApiError('not_found', 'no such member');
    if (member.role === 'owner' && members.filter((m) => m.role === 'owner').length === 1) {
      throw new ApiError('conflict', 'an organisation keeps at least one owner');
    }
    await deps.store.accounts.removeMembership(org.id, member.userId);
    await auditRequest(c, {
      action: 'member.remove',
      target: `user:${member.userId}`,
      orgId: org.id,
      details: { role: member.role },
    });
    return c.body(null, 204);
  });

  app.get('/api/orgs/:orgId/invitations', async (c) => {
    const org = await orgFor(c, idParam(c, 'orgId'), 'org.manage_members');
    const list = await deps.store.accounts.invitations(org.id);
    return c.json({
      invitations: list.map(({ tokenHash: _secret, ...rest }) => rest),
    });
  });

  app.post(
    '/api/orgs/:orgId/invitations',
    valid(
      'json',
      v.strictObject({
        role,
        email: v.optional(emailAddress),
      }),
    ),
    async (c) => {
      const org = await orgFor(c, idParam(c, 'orgId'), 'org.manage_members');
      const body = c.req.valid('json');
      const token = newToken('inv');
      const now = deps.now();
      const invitation = {
        id: newId(),
        orgId: org.id,
        tokenHash: sha256Hex(token),
        role: body.role,
        email: body.email ?? null,
        createdBy: (await requireUser(c)).userId,
        createdAt: new Date(now).toISOString(),
        expiresAt: new Date(now + invitationDays * 86_400_000).toISOString(),
        acceptedAt: null,
      };
      await deps.store.accounts.createInvitation(invitation);
      await auditRequest(c, {
        action: 'invitation.create',
        target: `invitation:${invitation.id}`,
        orgId: org.id,
        details: { role: body.role },
      });
      const { tokenHash: _secret, ...shown } = invitation;
      // The token is shown once, here; only its SHA-256 is stored.
      return c.json(
        { invitation: shown, token, url: `${publicBase(c)}/invite#token=${token}` },
        201,
      );
    },
  );

  app.delete('/api/orgs/:orgId/invitations/:invitationId', async (c) => {
    const org = await orgFor(c, idParam(c, 'orgId'), 'org.manage_members');
    const id = c.req.param('invitationId');
    if (!(await deps.store.accounts.deleteInvitation(org.id, id)))
      throw new ApiError('not_found', 'no such invitation');
    await auditRequest(c, {
      action: 'invitation.revoke',
      target: `invitation:${id}`,
      orgId: org.id,
    });
    return c.body(null, 204);
  });

  app.get(
    '/api/orgs/:orgId/audit',
    valid('query', v.object({ format: v.optional(v.picklist(['json', 'csv'])) })),
    async (c) => {
      const org = await orgFor(c, idParam(c, 'orgId'), 'org.audit');
      const rows = await deps.store.accounts.auditRows(await orgAuditFilter(deps.store, org.id));
      if (c.req.valid('query').format === 'csv') {
        c.header('Content-Type', 'text/csv; charset=utf-8');
        c.header('Content-Disposition', `attachment; filename="pomelo-audit-org-${org.id}.csv"`);
        return c.body(auditCsv(rows));
      }
      return c.json({ rows });
    },
  );

  /**
   * Verifies the whole (global) hash chain: the org's rows are links of it, so checking them alone
   * proves nothing. Breaks are listed with their ids only for rows this org may see.
   */
  app.get('/api/orgs/:orgId/audit/verify', async (c) => {
    const org = await orgFor(c, idParam(c, 'orgId'), 'org.audit');
    const visible = await deps.store.accounts.auditRows(await orgAuditFilter(deps.store, org.id));
    const report = verifyTrail(await deps.store.accounts.auditRows(), auditTrailOf(deps.store));
    const ids = new Set(visible.map((r) => r.id));
    const shown = report.breaks.filter((b) => ids.has(b.id));
    const cp = report.checkpoint;
    const problem = report.checkpointProblem;
    return c.json({
      intact: trailIntact(report),
      checkedRows: report.rows,
      head: report.head,
      breaks: shown,
      otherBreaks: report.breaks.length - shown.length,
      // The latest signed checkpoint outside the database: truncation and rewrites show here.
      checkpoint: cp ? { at: cp.at, rows: cp.rows, lastId: cp.lastId } : null,
      checkpointProblem: problem
        ? {
            problem: problem.problem,
            message: describeCheckpointProblem(problem),
          }
        : null,
      invalidCheckpointLines: report.invalidCheckpointLines.length,
    });
  });
  return app;
}
