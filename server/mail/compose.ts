// Builds the message a send-log key names (a report period or an alert), for one recipient: the same
// key always gives the same content and Message-ID, so a retry after a crash resends the same mail.
import crypto from 'node:crypto';
import { formatOffset, localDateTime, offsetMinutes } from '../reports/calendar.js';
import { addHours, hourKeyToMs } from '../reports/calendar.js';
import type { Locale } from '../i18n/locale.js';
import type { MailKey } from '../store/mail-store.js';
import type { SiteRecord, Store } from '../store/types.js';
import { alertHours, spikeAt, type HourTraffic } from './alerts.js';
import { periodOf, type ReportPeriod } from './periods.js';
import { renderAlert, renderReport, type RenderedMail } from './render.js';
import { reportData } from './report-data.js';
import { isReplayAlertKind, windowOfPeriod } from './replay-alerts.js';
import { REVIEW_GATE } from '../replay/safeguards.js';
import { mailFormat, mailText } from './text.js';
import { unsubscribeQuery, type UnsubscribeScope } from './unsubscribe.js';

export interface ComposeDeps {
  store: Store;
  /** The mail key (unsubscribe.ts `mailKey`). */
  key: Buffer;
  /** Where people reach Pomelo: POMELO_PUBLIC_URL, else the server's own URL. */
  baseUrl: string;
  /** The right-hand side of Message-IDs (the From address's domain). */
  domain: string;
}

export interface ComposedMail extends RenderedMail {
  messageId: string;
  headers: Record<string, string>;
}

export const alertKinds = ['spike', 'stopped'] as const;
export const isAlertKind = (kind: string) => (alertKinds as readonly string[]).includes(kind);

/** The same Message-ID for the same (site, kind, period, recipient): a resend is recognisable. */
export function messageIdOf(key: MailKey, domain: string): string {
  const hash = crypto
    .createHash('sha256')
    .update(`${key.siteId}\n${key.kind}\n${key.period}\n${key.recipient}`)
    .digest('hex')
    .slice(0, 32);
  return `<${hash}@${domain}>`;
}

function links(deps: ComposeDeps, site: SiteRecord, recipient: string, scope: UnsubscribeScope) {
  const unsubscribe = `${deps.baseUrl}/mail/unsubscribe?${unsubscribeQuery(deps.key, {
    siteId: site.id,
    address: recipient,
    scope,
  })}`;
  return { dashboard: `${deps.baseUrl}/#/sites/${encodeURIComponent(site.domain)}`, unsubscribe };
}

function withHeaders(mail: RenderedMail, messageId: string, unsubscribe: string): ComposedMail {
  return {
    ...mail,
    messageId,
    headers: {
      'List-Unsubscribe': `<${unsubscribe}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'Auto-Submitted': 'auto-generated',
    },
  };
}

export async function composeReport(
  deps: ComposeDeps,
  site: SiteRecord,
  period: ReportPeriod,
  recipient: string,
  locale: Locale,
  messageId: string,
  test = false,
): Promise<ComposedMail> {
  const data = await reportData(deps.store, site, period);
  const l = links(deps, site, recipient, 'reports');
  const mail = renderReport(data, { locale, recipient, links: l, test });
  return withHeaders(mail, messageId, l.unsubscribe);
}

/** Local wall time of a UTC hour key, "2026-11-30 14:00 (+01:00)". */
function localHour(timezone: string, hour: string, f: ReturnType<typeof mailFormat>): string {
  const ms = hourKeyToMs(hour);
  const local = localDateTime(timezone, ms);
  return `${f.day(local.slice(0, 10))} ${local.slice(11, 16)} (UTC${formatOffset(offsetMinutes(timezone, ms))})`;
}

async function hourTraffic(store: Store, siteId: number, nowMs: number, quietHours: number) {
  const { fromHour, toHour } = alertHours(nowMs, quietHours);
  const rows = await store.hourlyRows(siteId, fromHour, toHour);
  return rows.map((r): HourTraffic => ({ hour: r.hour, pageviews: r.pageviews, events: r.events }));
}

export { hourTraffic };

export async function composeAlert(
  deps: ComposeDeps,
  site: SiteRecord,
  key: MailKey,
  locale: Locale,
  nowMs: number,
  settings: { spikePercent: number; cooldownHours: number },
): Promise<ComposedMail | undefined> {
  const t = mailText(locale);
  const f = mailFormat(locale);
  const name = site.name || site.domain;
  let subject: string;
  let paragraph: string;
  if (key.kind === 'spike') {
    const rows = await hourTraffic(deps.store, site.id, hourKeyToMs(key.period) + 3_600_000, 0);
    const spike = spikeAt(rows, key.period, Math.max(1, settings.spikePercent));
    if (!spike) return undefined;
    subject = t('spikeSubject', { site: name, count: spike.pageviews });
    paragraph = t('spikeBody', {
      site: name,
      count: spike.pageviews,
      percent: spike.percent === null ? '—' : f.number(spike.percent),
      usual: f.number(spike.usual),
      from: localHour(site.timezone, key.period, f),
      to: localHour(site.timezone, addHours(key.period, 1), f),
      timezone: site.timezone,
    });
  } else if (key.kind === 'stopped') {
    const since = addHours(key.period, 1);
    const hours = Math.max(1, Math.floor((nowMs - hourKeyToMs(since)) / 3_600_000));
    subject = t('stoppedSubject', { site: name, hours });
    paragraph = t('stoppedBody', {
      site: name,
      since: localHour(site.timezone, since, f),
      timezone: site.timezone,
    });
  } else {
    return undefined;
  }
  const l = links(deps, site, key.recipient, 'alerts');
  const mail = renderAlert(
    { subject, paragraphs: [paragraph, t('alertCooldown', { hours: settings.cooldownHours })] },
    { locale, recipient: key.recipient, links: l, site: name, domain: site.domain },
  );
  return withHeaders(mail, messageIdOf(key, deps.domain), l.unsubscribe);
}

const localInstant = (timezone: string, ms: number, f: ReturnType<typeof mailFormat>) => {
  const local = localDateTime(timezone, ms);
  return `${f.day(local.slice(0, 10))} ${local.slice(11, 16)}`;
};

/**
 * A replay window's notice to its owner and named viewers. No List-Unsubscribe: these are the
 * window's safeguard notices to the people accountable for it (docs/REPLAY.md), not a
 * subscription; they stop with the window.
 */
export async function composeReplayAlert(
  deps: ComposeDeps,
  site: SiteRecord,
  key: MailKey,
  locale: Locale,
): Promise<ComposedMail | undefined> {
  const w = await deps.store.replay.window(windowOfPeriod(key.period));
  if (!w || String(w.siteId) !== String(site.id)) return undefined;
  const t = mailText(locale);
  const f = mailFormat(locale);
  const name = site.name || site.domain;
  const purpose = w.purposeText ?? w.purpose.replace(/_/g, ' ');
  const values = { site: name, purpose, timezone: site.timezone, count: REVIEW_GATE };
  const [subject, paragraph] =
    key.kind === 'replay_paused'
      ? [
          t('replayPausedSubject', values),
          t('replayPausedBody', { ...values, at: localInstant(site.timezone, w.lastChange.at, f) }),
        ]
      : key.kind === 'replay_review'
        ? [t('replayReviewSubject', values), t('replayReviewBody', values)]
        : [
            t('replayEndingSubject', { ...values, at: localInstant(site.timezone, w.endsAt, f) }),
            t('replayEndingBody', { ...values, at: localInstant(site.timezone, w.endsAt, f) }),
          ];
  const dashboard = `${deps.baseUrl}/#/replay/windows/${encodeURIComponent(w.id)}`;
  const mail = renderAlert(
    { subject, paragraphs: [paragraph] },
    {
      locale,
      recipient: key.recipient,
      links: { dashboard, unsubscribe: '' },
      site: name,
      domain: site.domain,
      footer: t('footerReplay'),
    },
  );
  return {
    ...mail,
    messageId: messageIdOf(key, deps.domain),
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}

/** The message of a send-log key, or undefined when the key names nothing that can be built. */
export async function composeFor(
  deps: ComposeDeps,
  site: SiteRecord,
  key: MailKey,
  locale: Locale,
  nowMs: number,
  settings: { spikePercent: number; cooldownHours: number },
): Promise<ComposedMail | undefined> {
  if (isAlertKind(key.kind)) return composeAlert(deps, site, key, locale, nowMs, settings);
  if (isReplayAlertKind(key.kind)) return composeReplayAlert(deps, site, key, locale);
  const period = periodOf(key.kind, key.period);
  if (!period) return undefined;
  return composeReport(deps, site, period, key.recipient, locale, messageIdOf(key, deps.domain));
}
