// Mail routes. Admin API (behind the API middleware): a site's mail settings and send log, the
// preview of its report as a document of its own (an iframe in the settings page), "send a test
// now". Public: the one-click unsubscribe page (GET shows a button, POST does it; RFC 8058's
// List-Unsubscribe-Post sends that POST), no sign-in, the link's signature is the permission.
import { Hono, type Context } from 'hono';
import { siteAccess, siteParam } from '../accounts/access.js';
import { auditRequest } from '../accounts/audit.js';
import { ApiError } from '../http/errors.js';
import { chooseLocale, isLocale, locales, type Locale } from '../i18n/locale.js';
import type { MailKey } from '../store/mail-store.js';
import type { Store } from '../store/types.js';
import { composeReport, type ComposeDeps } from './compose.js';
import { parseMailInput } from './mail-input.js';
import type { Mailer } from './mailer.js';
import { latestDue, namedPeriod, type ReportKind } from './periods.js';
import { mailText } from './text.js';
import { MailSendError, type MailTransport } from './transport.js';
import { verifyUnsubscribe } from './unsubscribe.js';
import crypto from 'node:crypto';

export interface MailDeps {
  store: Store;
  now: () => number;
  mailer: () => Mailer;
  transport: () => MailTransport | undefined;
  compose: () => ComposeDeps;
}

/** Rows of the send log the settings page shows. */
const logRows = 50;

const notConfigured =
  'mail is not configured: set POMELO_SMTP_URL and POMELO_MAIL_FROM (docs/DEPLOY.md, "Mail")';

function kindParam(c: Context): ReportKind {
  const kind = c.req.query('kind') ?? 'weekly';
  if (kind !== 'weekly' && kind !== 'monthly') {
    throw new ApiError('bad_request', 'kind must be weekly or monthly');
  }
  return kind;
}

function langParam(value: string | undefined): Locale {
  if (value === undefined) return 'en';
  if (!isLocale(value))
    throw new ApiError('bad_request', `lang must be one of ${locales.join(', ')}`);
  return value;
}

const logView = (r: MailKey & { status: string; attempts: number; error: string | null }) => ({
  kind: r.kind,
  period: r.period,
  recipient: r.recipient,
  status: r.status,
  attempts: r.attempts,
  error: r.error,
  createdAt: (r as { createdAt?: string }).createdAt,
  sentAt: (r as { sentAt?: string | null }).sentAt ?? null,
});

export function mailApiRoutes(deps: MailDeps): Hono {
  const app = new Hono();

  app.get('/api/sites/:siteId/mail', async (c) => {
    const site = await siteAccess(c, siteParam(c), 'admin');
    const [settings, recipients, log] = await Promise.all([
      deps.store.mail.settingsOf(site.id),
      deps.store.mail.recipientsOf(site.id),
      deps.store.mail.logOf(site.id, logRows),
    ]);
    return c.json({
      configured: deps.mailer().configured,
      timezone: site.timezone,
      settings,
      recipients,
      log: log.map(logView),
    });
  });

  app.put('/api/sites/:siteId/mail', async (c) => {
    const site = await siteAccess(c, siteParam(c), 'admin');
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      throw new ApiError('bad_request', 'the body must be JSON mail settings');
    }
    const parsed = parseMailInput(body);
    if (!parsed.ok) throw new ApiError('bad_request', parsed.message);
    await deps.store.mail.saveMail(
      site.id,
      parsed.settings,
      parsed.recipients,
      new Date(deps.now()).toISOString(),
    );
    await auditRequest(c, {
      action: 'mail.update',
      target: `site:${site.id}`,
      orgId: site.orgId ?? null,
      details: {
        weekly: parsed.settings.weekly,
        monthly: parsed.settings.monthly,
        recipients: parsed.recipients.length,
      },
    });
    return c.json({
      settings: await deps.store.mail.settingsOf(site.id),
      recipients: await deps.store.mail.recipientsOf(site.id),
    });
  });

  /** The latest due report as a document (no script; its own CSP: security-headers.ts). */
  app.get('/api/sites/:siteId/mail/preview', async (c) => {
    const site = await siteAccess(c, siteParam(c), 'admin');
    const kind = kindParam(c);
    const locale = langParam(c.req.query('lang'));
    const settings = await deps.store.mail.settingsOf(site.id);
    const period = latestDue(kind, site.timezone, settings.hour, deps.now());
    const mail = await composeReport(
      deps.compose(),
      site,
      period,
      'preview@example.invalid',
      locale,
      '<preview@example.invalid>',
    );
    if (c.req.query('format') === 'json') {
      return c.json({ subject: mail.subject, text: mail.text, period: period.key });
    }
    c.header('Cache-Control', 'no-store');
    return c.html(mail.html);
  });

  app.post('/api/sites/:siteId/mail/test', async (c) => {
    const site = await siteAccess(c, siteParam(c), 'admin');
    let body: { to?: unknown; kind?: unknown; lang?: unknown };
    try {
      body = (await c.req.json()) as typeof body;
    } catch {
      throw new ApiError('bad_request', 'the body must be JSON: {"to": "…"}');
    }
    const to = typeof body?.to === 'string' ? body.to.trim().toLowerCase() : '';
    if (!/^[^\s@<>()]{1,64}@[^\s@<>()]{1,190}\.[^\s@<>()]{2,}$/.test(to)) {
      throw new ApiError('bad_request', 'to: an e-mail address');
    }
    const kind = body.kind === undefined ? 'weekly' : body.kind;
    if (kind !== 'weekly' && kind !== 'monthly') {
      throw new ApiError('bad_request', 'kind must be weekly or monthly');
    }
    const locale = langParam(typeof body.lang === 'string' ? body.lang : undefined);
    const transport = deps.transport();
    if (!transport) throw new ApiError('conflict', notConfigured);
    const period = namedPeriod(
      kind === 'weekly' ? 'last-week' : 'last-month',
      site.timezone,
      deps.now(),
    )!;
    const compose = deps.compose();
    const messageId = `<test-${crypto.randomUUID()}@${compose.domain}>`;
    const mail = await composeReport(compose, site, period, to, locale, messageId, true);
    try {
      await transport.send({ to, date: new Date(deps.now()), ...mail });
    } catch (err) {
      const reason = err instanceof MailSendError ? err.reason : 'ERROR';
      throw new ApiError('bad_gateway', `the mail server did not take the message (${reason})`);
    }
    await auditRequest(c, {
      action: 'mail.test',
      target: `site:${site.id}`,
      orgId: site.orgId ?? null,
      details: { kind, period: period.key },
    });
    return c.json({ sent: true, period: period.key, messageId });
  });
  return app;
}

const pageOf = (locale: Locale, title: string, body: string) => `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark"><meta name="robots" content="noindex">
<title>${escape(title)}</title></head><body><main><h1>${escape(title)}</h1>${body}</main></body></html>
`;

const escape = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );

/** /mail/unsubscribe: public, signed, idempotent. */
export function mailPublicRoutes(deps: MailDeps): Hono {
  const app = new Hono();

  async function resolve(c: Context) {
    const q = c.req.query();
    const claim = verifyUnsubscribe(deps.compose().key, q);
    const site = claim && (await deps.store.listSites()).find((s) => s.id === claim.siteId);
    const recipient =
      claim && site
        ? (await deps.store.mail.recipientsOf(site.id)).find((r) => r.address === claim.address)
        : undefined;
    const locale = chooseLocale(
      recipient?.locale ?? c.req.query('lang'),
      c.req.header('accept-language'),
    );
    return { claim, site, locale, q };
  }

  function invalid(c: Context, locale: Locale) {
    const t = mailText(locale);
    return c.html(
      pageOf(locale, t('unsubscribeTitle'), `<p>${escape(t('unsubscribeInvalid'))}</p>`),
      400,
    );
  }

  app.get('/mail/unsubscribe', async (c) => {
    const { claim, site, locale, q } = await resolve(c);
    if (!claim || !site) return invalid(c, locale);
    const t = mailText(locale);
    const scope = t(claim.scope === 'reports' ? 'scopeReports' : 'scopeAlerts');
    const action = `/mail/unsubscribe?${new URLSearchParams({ s: q.s!, a: q.a!, k: q.k!, t: q.t! })}`;
    const body = `<p>${escape(t('unsubscribeQuestion', { scope, site: site.name || site.domain, address: claim.address }))}</p>
<form method="post" action="${escape(action)}"><button type="submit">${escape(t('unsubscribeButton'))}</button></form>`;
    c.header('Cache-Control', 'no-store');
    return c.html(pageOf(locale, t('unsubscribeTitle'), body));
  });

  app.post('/mail/unsubscribe', async (c) => {
    const { claim, site, locale } = await resolve(c);
    if (!claim || !site) return invalid(c, locale);
    await deps.store.mail.unsubscribe(site.id, claim.address, claim.scope);
    const t = mailText(locale);
    const scope = t(claim.scope === 'reports' ? 'scopeReports' : 'scopeAlerts');
    const done = t('unsubscribeDone', {
      address: claim.address,
      scope,
      site: site.name || site.domain,
    });
    return c.html(pageOf(locale, t('unsubscribeTitle'), `<p>${escape(done)}</p>`));
  });
  return app;
}
