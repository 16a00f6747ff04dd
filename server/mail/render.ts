// Report and alert emails as HTML and plain text (pure). The HTML is a table layout with inline
// styles (mail clients drop most CSS), a chart of the period drawn with table cells (no image, no
// remote resource, no tracking pixel), a dark-mode palette in a `prefers-color-scheme` block for
// the clients that read it, and one column on a phone. Every text from a visitor (a page path, a
// source) is escaped and shortened.
import type { Locale } from '../i18n/locale.js';
import type { MetricName } from '../reports/metrics.js';
import type { ReportData, ReportRow } from './report-data.js';
import { mailFormat, mailText, type MailFormat, type MailText } from './text.js';

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

export interface MailLinks {
  /** The dashboard page of the site (or a shared link). */
  dashboard: string;
  /** The signed one-click unsubscribe link ('' for replay-window notices: see compose.ts). */
  unsubscribe: string;
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );

/** Visitor text on one line, at most 80 characters. */
function shown(value: string): string {
  const line = value.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

const accent = '#d9622b';

const styles = `
  :root { color-scheme: light dark; supported-color-schemes: light dark; }
  body { margin: 0; padding: 0; background: #f4f1ec; }
  .card { background: #ffffff; color: #1f2328; }
  .muted { color: #5b636b; }
  .line { border-color: #e6e1da; }
  .bar { background: ${accent}; }
  .bar-empty { background: #e6e1da; }
  a { color: #b84d1b; }
  @media (prefers-color-scheme: dark) {
    body, .page { background: #15171a !important; }
    .card { background: #1f2226 !important; color: #e8e6e3 !important; }
    .muted { color: #a9b0b7 !important; }
    .line { border-color: #353a40 !important; }
    .bar-empty { background: #353a40 !important; }
    a { color: #f08a57 !important; }
    a.button { color: #ffffff !important; }
  }
  @media (max-width: 480px) {
    .metric { display: block !important; width: 100% !important; box-sizing: border-box; }
    .panel { display: block !important; width: 100% !important; box-sizing: border-box; }
    .pad { padding: 16px !important; }
  }
`;

function page(locale: Locale, title: string, body: string, preheader: string): string {
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="supported-color-schemes" content="light dark">
<title>${escapeHtml(title)}</title>
<style>${styles}</style>
</head>
<body>
<div style="display:none;max-height:0;overflow:hidden">${escapeHtml(preheader)}</div>
<table role="presentation" class="page" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f1ec">
<tr><td align="center" style="padding:24px 8px">
<table role="presentation" class="card" width="100%" cellpadding="0" cellspacing="0" style="max-width:640px;background:#ffffff;color:#1f2328;border-radius:10px;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;font-size:15px;line-height:1.45">
${body}
</table>
</td></tr>
</table>
</body>
</html>
`;
}

interface MetricCell {
  key: 'metricVisits' | 'metricPageviews' | 'metricBounceRate' | 'metricTimeOnPage';
  metric: MetricName;
  value: string;
  points: boolean;
}

function changeText(t: MailText, change: number | null, points: boolean): string {
  if (change === null) return t('changeNew');
  return t(points ? 'changePoints' : 'changePercent', { change });
}

function metricCells(d: ReportData, f: MailFormat): MetricCell[] {
  const top = d.totals.time_on_page;
  return [
    { key: 'metricVisits', metric: 'visits', value: f.number(d.totals.visits), points: false },
    {
      key: 'metricPageviews',
      metric: 'pageviews',
      value: f.number(d.totals.pageviews),
      points: false,
    },
    {
      key: 'metricBounceRate',
      metric: 'bounce_rate',
      value: `${f.number(d.totals.bounce_rate)} %`,
      points: true,
    },
    {
      key: 'metricTimeOnPage',
      metric: 'time_on_page',
      value: top === null ? '—' : f.duration(top),
      points: false,
    },
  ];
}

function chartHtml(d: ReportData, t: MailText, f: MailFormat): string {
  const max = Math.max(1, ...d.days.map((x) => x.visits));
  const cells = d.days
    .map((x) => {
      const h = x.visits === 0 ? 2 : Math.max(3, Math.round((x.visits / max) * 80));
      const label = escapeHtml(t('chartDay', { day: f.day(x.day), visits: x.visits }));
      const cls = x.visits === 0 ? 'bar-empty' : 'bar';
      const bg = x.visits === 0 ? '#e6e1da' : accent;
      return `<td valign="bottom" style="padding:0 1px;height:84px" title="${label}"><div class="${cls}" style="height:${h}px;background:${bg};border-radius:2px 2px 0 0" aria-label="${label}"></div></td>`;
    })
    .join('');
  const first = escapeHtml(f.day(d.days[0]?.day ?? d.period.fromDay));
  const last = escapeHtml(f.day(d.days[d.days.length - 1]?.day ?? d.period.toDay));
  return `<p style="margin:0 0 8px;font-weight:600">${escapeHtml(t('chartTitle'))}</p>
<table role="img" aria-label="${escapeHtml(t('chartTitle'))}" width="100%" cellpadding="0" cellspacing="0" style="table-layout:fixed"><tr>${cells}</tr></table>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td class="muted" style="font-size:12px;color:#5b636b;padding-top:4px">${first}</td><td class="muted" align="right" style="font-size:12px;color:#5b636b;padding-top:4px">${last}</td></tr></table>`;
}

function regionName(locale: Locale, code: string): string {
  if (!/^[A-Z]{2}$/.test(code)) return code;
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

function panelHtml(title: string, rows: ReportRow[], f: MailFormat): string {
  const body = rows
    .map(
      (r) =>
        `<tr><td class="line" style="padding:4px 0;border-bottom:1px solid #e6e1da;word-break:break-all">${escapeHtml(shown(r.value))}</td><td class="line" align="right" style="padding:4px 0 4px 8px;border-bottom:1px solid #e6e1da;white-space:nowrap">${f.number(r.count)}</td></tr>`,
    )
    .join('');
  return `<p style="margin:0 0 6px;font-weight:600">${escapeHtml(title)}</p><table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="font-size:14px">${body || '<tr><td class="muted" style="color:#5b636b">—</td></tr>'}</table>`;
}

function footerHtml(text: string, unsubscribeLabel: string, note: string, links: MailLinks) {
  return `<tr><td class="pad muted" style="padding:20px 28px 28px;font-size:12px;color:#5b636b">
<p style="margin:0 0 6px">${escapeHtml(note)}</p>
<p style="margin:0 0 6px">${escapeHtml(text)}</p>
${links.unsubscribe ? `<p style="margin:0"><a href="${escapeHtml(links.unsubscribe)}">${escapeHtml(unsubscribeLabel)}</a></p>` : ''}
</td></tr>`;
}

export interface ReportRenderOptions {
  locale: Locale;
  recipient: string;
  links: MailLinks;
  test?: boolean;
}

export function renderReport(d: ReportData, o: ReportRenderOptions): RenderedMail {
  const t = mailText(o.locale);
  const f = mailFormat(o.locale);
  const site = d.site.name || d.site.domain;
  const p = d.period;
  const subjectBase =
    p.kind === 'weekly'
      ? t('subjectWeekly', { site, from: f.day(p.fromDay), to: f.day(p.toDay) })
      : t('subjectMonthly', { site, month: f.month(p.key) });
  const subject = o.test ? t('subjectTest', { subject: subjectBase }) : subjectBase;
  const heading = t(p.kind === 'weekly' ? 'headingWeekly' : 'headingMonthly', { site });
  const periodLine = t('periodLine', {
    from: f.day(p.fromDay),
    to: f.day(p.toDay),
    previousFrom: f.day(p.previous.fromDay),
    previousTo: f.day(p.previous.toDay),
  });
  const metrics = metricCells(d, f);
  const countries = d.countries.map((r) => ({ ...r, value: regionName(o.locale, r.value) }));
  const goalRows = d.goals.map((g) => ({
    value: g.name,
    text: t('conversions', { count: g.conversions, rate: f.number(g.rate) }),
  }));
  const footer = t('footerReports', { site, address: o.recipient });
  const empty = d.totals.visits === 0 && d.totals.pageviews === 0;

  const metricHtml = metrics
    .map(
      (m) =>
        `<td class="metric" width="25%" valign="top" style="padding:8px 8px 8px 0"><div class="muted" style="font-size:12px;color:#5b636b;text-transform:uppercase;letter-spacing:.04em">${escapeHtml(t(m.key))}</div><div style="font-size:24px;font-weight:700;margin:2px 0">${escapeHtml(m.value)}</div><div class="muted" style="font-size:12px;color:#5b636b">${escapeHtml(changeText(t, d.change[m.metric], m.points))}</div></td>`,
    )
    .join('');
  const goalsHtml =
    goalRows.length === 0
      ? ''
      : `<tr><td class="pad" style="padding:0 28px 16px"><p style="margin:0 0 6px;font-weight:600">${escapeHtml(t('goals'))}</p><table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="font-size:14px">${goalRows
          .map(
            (g) =>
              `<tr><td class="line" style="padding:4px 0;border-bottom:1px solid #e6e1da">${escapeHtml(shown(g.value))}</td><td class="line" align="right" style="padding:4px 0 4px 8px;border-bottom:1px solid #e6e1da">${escapeHtml(g.text)}</td></tr>`,
          )
          .join('')}</table></td></tr>`;
  const body = `<tr><td class="pad" style="padding:28px 28px 8px">
<p class="muted" style="margin:0;font-size:13px;color:#5b636b">Pomelo · ${escapeHtml(d.site.domain)}</p>
<h1 style="margin:4px 0 2px;font-size:22px">${escapeHtml(heading)}</h1>
<p class="muted" style="margin:0;font-size:13px;color:#5b636b">${escapeHtml(periodLine)}</p>
</td></tr>
<tr><td class="pad" style="padding:8px 28px"><table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr>${metricHtml}</tr></table></td></tr>
${empty ? `<tr><td class="pad" style="padding:8px 28px">${escapeHtml(t('noData'))}</td></tr>` : ''}
<tr><td class="pad" style="padding:12px 28px 16px">${chartHtml(d, t, f)}</td></tr>
<tr><td class="pad" style="padding:0 28px 8px"><table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr>
<td class="panel" width="50%" valign="top" style="padding:0 12px 16px 0">${panelHtml(t('topPages'), d.pages, f)}</td>
<td class="panel" width="50%" valign="top" style="padding:0 0 16px 0">${panelHtml(t('topSources'), d.sources, f)}</td>
</tr><tr>
<td class="panel" width="50%" valign="top" style="padding:0 12px 16px 0">${panelHtml(t('countries'), countries, f)}</td>
<td class="panel" width="50%" valign="top" style="padding:0 0 16px 0"></td>
</tr></table></td></tr>
${goalsHtml}
<tr><td class="pad" style="padding:4px 28px 8px"><a class="button" href="${escapeHtml(o.links.dashboard)}" style="display:inline-block;background:${accent};color:#ffffff;text-decoration:none;padding:10px 18px;border-radius:6px;font-weight:600">${escapeHtml(t('openDashboard'))}</a></td></tr>
${footerHtml(footer, t('unsubscribeReports'), t('privacyNote'), o.links)}`;

  const lines = [
    heading,
    periodLine,
    '',
    ...metrics.map(
      (m) => `${t(m.key)}: ${m.value} (${changeText(t, d.change[m.metric], m.points)})`,
    ),
    '',
    ...(empty ? [t('noData'), ''] : []),
    `${t('chartTitle')}:`,
    ...d.days.map((x) => `  ${t('chartDay', { day: f.day(x.day), visits: x.visits })}`),
    '',
    ...textPanel(t('topPages'), d.pages, f),
    ...textPanel(t('topSources'), d.sources, f),
    ...textPanel(t('countries'), countries, f),
    ...(goalRows.length
      ? [`${t('goals')}:`, ...goalRows.map((g) => `  ${shown(g.value)}: ${g.text}`), '']
      : []),
    `${t('openDashboard')}: ${o.links.dashboard}`,
    '',
    '-- ',
    t('privacyNote'),
    footer,
    `${t('unsubscribeReports')}: ${o.links.unsubscribe}`,
    '',
  ];
  return { subject, html: page(o.locale, subject, body, periodLine), text: lines.join('\n') };
}

function textPanel(title: string, rows: ReportRow[], f: MailFormat): string[] {
  return [
    `${title}:`,
    ...(rows.length ? rows.map((r) => `  ${shown(r.value)}: ${f.number(r.count)}`) : ['  —']),
    '',
  ];
}

export interface AlertContent {
  subject: string;
  /** Paragraphs, plain text. */
  paragraphs: string[];
}

export function renderAlert(
  content: AlertContent,
  o: {
    locale: Locale;
    recipient: string;
    links: MailLinks;
    site: string;
    domain: string;
    /** The footer's sentence (default: why this address gets the site's alerts). */
    footer?: string;
  },
): RenderedMail {
  const t = mailText(o.locale);
  const footer = o.footer ?? t('footerAlerts', { site: o.site, address: o.recipient });
  const body = `<tr><td class="pad" style="padding:28px 28px 8px">
<p class="muted" style="margin:0;font-size:13px;color:#5b636b">Pomelo · ${escapeHtml(o.domain)}</p>
<h1 style="margin:4px 0 12px;font-size:20px">${escapeHtml(content.subject)}</h1>
${content.paragraphs.map((p) => `<p style="margin:0 0 10px">${escapeHtml(p)}</p>`).join('\n')}
<p style="margin:16px 0 0"><a class="button" href="${escapeHtml(o.links.dashboard)}" style="display:inline-block;background:${accent};color:#ffffff;text-decoration:none;padding:10px 18px;border-radius:6px;font-weight:600">${escapeHtml(t('openDashboard'))}</a></p>
</td></tr>
${footerHtml(footer, t('unsubscribeAlerts'), t('privacyNote'), o.links)}`;
  const text = [
    content.subject,
    '',
    ...content.paragraphs.flatMap((p) => [p, '']),
    `${t('openDashboard')}: ${o.links.dashboard}`,
    '',
    '-- ',
    t('privacyNote'),
    footer,
    ...(o.links.unsubscribe ? [`${t('unsubscribeAlerts')}: ${o.links.unsubscribe}`] : []),
    '',
  ].join('\n');
  return {
    subject: content.subject,
    html: page(o.locale, content.subject, body, content.paragraphs[0] ?? ''),
    text,
  };
}
