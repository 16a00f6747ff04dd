// The privacy report as Markdown (to paste into a privacy policy) and as a printable HTML page.
// Pure. Every text is escaped for its format: domains and purposes are typed by people.
import { intlTag } from '../i18n/locale.js';
import type { PrivacyReport } from './report.js';

const markdownSpecial = /[\\`*_{}[\]()#+\-.!|<>~]/g;
const escapeMarkdown = (s: string) => s.replace(markdownSpecial, (c) => `\\${c}`);

export function reportMarkdown(report: PrivacyReport): string {
  const lines = [`# ${escapeMarkdown(report.title)}`, '', escapeMarkdown(report.intro), ''];
  for (const section of report.sections) {
    lines.push(`## ${escapeMarkdown(section.heading)}`, '');
    for (const p of section.paragraphs) lines.push(escapeMarkdown(p), '');
    for (const item of section.items) {
      const status = item.statusLabel ? `**${escapeMarkdown(item.statusLabel)}** — ` : '';
      lines.push(`- ${status}${escapeMarkdown(item.text)}`);
    }
    if (section.items.length) lines.push('');
  }
  lines.push(`_${escapeMarkdown(report.footer)}_`, '');
  return lines.join('\n');
}

const htmlSpecial: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => htmlSpecial[c]!);

/** The stylesheet the page links to (served by the privacy routes: the CSP allows 'self' only). */
export const reportCss = `body{font:16px/1.55 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f;background:#fff}
h1{font-size:1.6rem;line-height:1.25}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd;padding-bottom:.25rem}
li{margin:.35rem 0}.status{display:inline-block;min-width:6.5rem;font-weight:600}.pass{color:#11622c}.fail{color:#a01212}.warn{color:#8a5300}
footer{margin-top:2.5rem;color:#555;font-size:.9rem}
@media (prefers-color-scheme:dark){body{background:#161618;color:#ececec}h2{border-color:#444}.pass{color:#6fd08c}.fail{color:#ff8a8a}.warn{color:#ffc266}footer{color:#aaa}}
@media print{body{margin:0;max-width:none;color:#000;background:#fff}a{color:#000}}
`;

export function reportHtml(report: PrivacyReport, cssHref: string): string {
  const parts = [
    '<!doctype html>',
    `<html lang="${escapeHtml(intlTag(report.lang))}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(report.title)}</title>`,
    `<link rel="stylesheet" href="${escapeHtml(cssHref)}"></head>`,
    '<body><main>',
    `<h1>${escapeHtml(report.title)}</h1>`,
    `<p>${escapeHtml(report.intro)}</p>`,
  ];
  for (const section of report.sections) {
    parts.push(`<section><h2>${escapeHtml(section.heading)}</h2>`);
    for (const p of section.paragraphs) parts.push(`<p>${escapeHtml(p)}</p>`);
    if (section.items.length) {
      parts.push('<ul>');
      for (const item of section.items) {
        const status = item.status
          ? `<span class="status ${item.status}">${escapeHtml(item.statusLabel ?? item.status)}</span> `
          : '';
        parts.push(`<li>${status}${escapeHtml(item.text)}</li>`);
      }
      parts.push('</ul>');
    }
    parts.push('</section>');
  }
  parts.push(`</main><footer>${escapeHtml(report.footer)}</footer></body></html>`);
  return parts.join('\n');
}
