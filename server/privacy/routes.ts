// The privacy report over HTTP: for people who may read the site's reports (JSON, Markdown or a
// printable page), and at /privacy/<domain> for anyone once the owner turned the public page on.
import { Hono, type Context } from 'hono';
import { siteAccess, siteParam } from '../accounts/access.js';
import { ApiError } from '../http/errors.js';
import { chooseLocale, intlTag } from '../i18n/locale.js';
import type { SiteRecord, Store } from '../store/types.js';
import { privacyFacts } from './facts.js';
import { reportCss, reportHtml, reportMarkdown } from './render.js';
import { privacyReport } from './report.js';

export interface PrivacyDeps {
  store: Store;
  now: () => number;
}

export const reportCssPath = '/privacy/report.css';

async function answer(c: Context, deps: PrivacyDeps, site: SiteRecord, fallback: 'json' | 'html') {
  // Asked for, else the language the site set for its documents, else the reader's browser.
  const lang = chooseLocale(
    c.req.query('lang') ?? site.settings.language,
    c.req.header('accept-language'),
  );
  const report = privacyReport(await privacyFacts(deps.store, site, deps.now()), lang);
  const format = c.req.query('format') ?? fallback;
  c.header('Vary', 'Accept-Language');
  c.header('Content-Language', intlTag(lang));
  switch (format) {
    case 'json':
      return c.json({ report });
    case 'md':
      c.header('Content-Disposition', `attachment; filename="privacy-${site.domain}-${lang}.md"`);
      return c.body(reportMarkdown(report), 200, {
        'Content-Type': 'text/markdown; charset=utf-8',
      });
    case 'html':
      return c.html(reportHtml(report, reportCssPath));
    default:
      throw new ApiError('bad_request', 'invalid format: json, md or html');
  }
}

export function privacyRoutes(deps: PrivacyDeps): Hono {
  const app = new Hono();
  app.get(reportCssPath, (c) =>
    c.body(reportCss, 200, {
      'Content-Type': 'text/css; charset=utf-8',
      'Cache-Control': 'public, max-age=3600',
    }),
  );
  app.get('/api/sites/:siteId/privacy-report', async (c) => {
    const site = await siteAccess(c, siteParam(c), 'read');
    return answer(c, deps, site, 'json');
  });
  app.get('/privacy/:domain', async (c) => {
    const site = await deps.store.siteByDomain(c.req.param('domain').toLowerCase());
    // Off unless the owner turned it on; the same 404 either way, so nothing tells them apart.
    if (!site || site.settings.publicPrivacyReport !== true) {
      throw new ApiError('not_found', 'no such route');
    }
    c.header('Cache-Control', 'public, max-age=300');
    return answer(c, deps, site, 'html');
  });
  return app;
}
