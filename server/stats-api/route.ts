// POST /api/v2/query: Plausible's Stats API v2 over counters; API key auth through the injected access.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ApiError, jsonError } from '../http/errors.js';
import { toApiError, type SiteAccess, type SmallCountK } from '../reports/routes.js';
import type { Store } from '../store/types.js';
import { executeStatsQuery } from './execute.js';
import { parseStatsQuery } from './parse.js';

export interface StatsApiDeps {
  store: Store;
  /** Checks the `Authorization: Bearer <API key>` of the request against the site. */
  access: SiteAccess;
  now: () => number;
  /** Small-count protection of the key (reports/routes.ts SmallCountK); default none. */
  smallCountK?: SmallCountK;
}

export function statsApiRoutes(deps: StatsApiDeps): Hono {
  const app = new Hono();
  app.post(
    '/api/v2/query',
    bodyLimit({
      maxSize: 64 * 1024,
      onError: (c) => jsonError(c, 413, 'body_too_large', 'the query is larger than 64 KB'),
    }),
    async (c) => {
      let body: unknown;
      try {
        body = JSON.parse(await c.req.text());
      } catch {
        throw new ApiError('bad_request', 'body: the body must be JSON');
      }
      try {
        // Authenticate before judging the query, so that strangers learn nothing from the 400s.
        const domain = (body as { site_id?: unknown } | null)?.site_id;
        const site = typeof domain === 'string' ? await deps.access(c, domain) : undefined;
        // The key's opt-in (resolved by the access check just above); never for other principals.
        const principal = c.get('principal') as
          { kind: string; plausibleCompat?: boolean } | undefined;
        const query = parseStatsQuery(body, {
          plausibleCompat: principal?.kind === 'api_key' && principal.plausibleCompat === true,
        });
        if (!site) throw new ApiError('bad_request', 'site_id must be the site domain');
        const k = await deps.smallCountK?.(c);
        return c.json(await executeStatsQuery(deps.store, site, query, deps.now(), { k }));
      } catch (err) {
        throw toApiError(err);
      }
    },
  );
  return app;
}
