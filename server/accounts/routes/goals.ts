// /api/sites/:siteId/goals: a site's conversion goals. Admins add and remove them (audited); every
// report reader (members, shared links, API keys) lists them. Input: server/goals/goal-input.ts,
// the schema the CLI uses too.
import { Hono } from 'hono';
import { ApiError } from '../../http/errors.js';
import { maxGoalsPerSite, parseGoal, parseGoalName } from '../../goals/goal-input.js';
import type { GoalRecord } from '../../store/goals-store.js';
import { siteAccess, siteParam } from '../access.js';
import { auditRequest } from '../audit.js';
import type { AccountsDeps } from '../context.js';

/** A goal as the API shows it. */
export function goalView(g: GoalRecord) {
  return {
    name: g.name,
    kind: g.kind,
    page: g.pagePattern,
    event: g.eventName,
    prop: g.propKey === null ? null : { key: g.propKey, value: g.propValue },
    currency: g.currency,
    createdAt: g.createdAt,
  };
}

export function goalRoutes(deps: AccountsDeps): Hono {
  const app = new Hono();

  app.get('/api/sites/:siteId/goals', async (c) => {
    const site = await siteAccess(c, siteParam(c), 'read');
    return c.json({ goals: (await deps.store.goals.goalsOf(site.id)).map(goalView) });
  });

  app.post('/api/sites/:siteId/goals', async (c) => {
    const site = await siteAccess(c, siteParam(c), 'admin');
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      throw new ApiError('bad_request', 'the body must be a JSON goal');
    }
    const parsed = parseGoal(body);
    if (!parsed.ok) throw new ApiError('bad_request', parsed.message);
    const at = new Date(deps.now()).toISOString();
    const added = await deps.store.goals.addGoal(site.id, parsed.goal, at);
    if (added === 'exists') {
      throw new ApiError(
        'conflict',
        `name: this site already has a goal named "${parsed.goal.name}"`,
      );
    }
    if (added === 'full') {
      throw new ApiError('conflict', `a site has at most ${maxGoalsPerSite} goals`);
    }
    await auditRequest(c, {
      action: 'goal.create',
      target: `site:${site.id}`,
      orgId: site.orgId ?? null,
      details: { name: added.name, kind: added.kind },
    });
    return c.json({ goal: goalView(added) }, 201);
  });

  app.delete('/api/sites/:siteId/goals/:name', async (c) => {
    const site = await siteAccess(c, siteParam(c), 'admin');
    const name = parseGoalName(c.req.param('name'));
    const removed = name === null ? undefined : await deps.store.goals.removeGoal(site.id, name);
    if (!removed) throw new ApiError('not_found', 'no such goal');
    await auditRequest(c, {
      action: 'goal.delete',
      target: `site:${site.id}`,
      orgId: site.orgId ?? null,
      details: { name: removed.name, kind: removed.kind },
    });
    return c.body(null, 204);
  });
  return app;
}
