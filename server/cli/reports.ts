// `pomelo report send DOMAIN --period last-week|last-month|YYYY-MM --to ADDRESS`: a site's report
// mailed now, for scripts. The same content as the scheduled report (server/mail/), outside the
// send log: each run sends once, and says so (or why not) with its exit code.
import crypto from 'node:crypto';
import { auditTrailOf } from '../accounts/audit-trail.js';
import { isLocale } from '../i18n/locale.js';
import { composeReport } from '../mail/compose.js';
import { namedPeriod } from '../mail/periods.js';
import { createMailTransport, fromDomain, MailSendError } from '../mail/transport.js';
import { mailKey } from '../mail/unsubscribe.js';
import { command, CliError } from './command.js';

const address = /^[^\s@<>()]{1,64}@[^\s@<>()]{1,190}\.[^\s@<>()]{2,}$/;

export const reportSend = command({
  name: 'report send',
  summary: 'reportSendSummary',
  args: 'argsDomain',
  positionals: 1,
  options: {
    period: { type: 'string', value: 'valuePeriod', description: 'optReportPeriod' },
    to: { type: 'string', value: 'valueAddress', description: 'optReportTo' },
    lang: { type: 'string', value: 'valueLang', description: 'optReportLang' },
  },
  store: 'read',
  async run({ store, config, options, args, out, t }) {
    const domain = (args[0] ?? '').trim().toLowerCase();
    const site = await store.siteByDomain(domain);
    if (!site) throw new CliError(t('reportNoSite', { domain }));
    const now = Date.now();
    const period = namedPeriod(String(options.period ?? ''), site.timezone, now);
    if (!period) throw new CliError(t('reportBadPeriod'));
    const to = String(options.to ?? '')
      .trim()
      .toLowerCase();
    if (!address.test(to)) throw new CliError(t('reportBadAddress'));
    const lang = options.lang === undefined ? 'en' : String(options.lang);
    if (!isLocale(lang)) throw new CliError(t('reportBadLang'));
    const transport = createMailTransport(config);
    if (!transport) throw new CliError(t('reportMailOff'));
    const domainOfIds = fromDomain(config.mailFrom);
    const messageId = `<cli-${crypto.randomUUID()}@${domainOfIds}>`;
    const base = config.publicUrl ?? `http://${config.host}:${config.port}`;
    const compose = {
      store,
      key: mailKey(auditTrailOf(store).key),
      baseUrl: base,
      domain: domainOfIds,
    };
    const mail = await composeReport(compose, site, period, to, lang, messageId);
    try {
      await transport.send({ to, date: new Date(now), ...mail });
    } catch (err) {
      const reason = err instanceof MailSendError ? err.reason : 'ERROR';
      out(t('reportFailed', { reason }));
      return 1;
    } finally {
      transport.close();
    }
    out(t('reportSent', { period: period.key, domain: site.domain, to, messageId }));
  },
});

export const reportCommands = [reportSend];
