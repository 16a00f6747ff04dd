// The site settings form's fields as text, and back to a PATCH body with the server's rules
// (server/accounts/site-input.ts), so mistakes are named before anything is sent.
import { t } from '../i18n/t.js';

export interface SiteFormText {
  name: string;
  timezone: string;
  excludedPaths: string;
  cardinalityCap: string;
  retentionMonths: string;
}

export interface SitePatchBody {
  name: string;
  timezone: string;
  excludedPaths: string[];
  cardinalityCap?: number;
  retentionMonths: number;
}

/** One pattern a line; blank lines dropped, repeats kept once, order kept. */
export function parseExcludedPaths(text: string): string[] {
  const seen = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const p = line.trim();
    if (p) seen.add(p);
  }
  return [...seen];
}

const wholeNumber = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : NaN);

/** The PATCH body, or the first problem as a sentence naming the field. */
export function sitePatchFromForm(
  f: SiteFormText,
): { ok: true; body: SitePatchBody } | { ok: false; error: string } {
  const name = f.name.trim();
  if (!name || name.length > 200) return { ok: false, error: t('siteForm.name') };
  if (!f.timezone) return { ok: false, error: t('siteForm.timezone') };
  const excludedPaths = parseExcludedPaths(f.excludedPaths);
  if (excludedPaths.length > 50) return { ok: false, error: t('siteForm.tooManyPaths') };
  const bad = excludedPaths.find((p) => !p.startsWith('/') || p.length > 200);
  if (bad !== undefined) {
    return { ok: false, error: t('siteForm.badPath', { path: bad }) };
  }
  const retentionMonths = wholeNumber(f.retentionMonths);
  if (!(retentionMonths >= 1 && retentionMonths <= 120)) {
    return { ok: false, error: t('siteForm.retention') };
  }
  const body: SitePatchBody = { name, timezone: f.timezone, excludedPaths, retentionMonths };
  if (f.cardinalityCap.trim() !== '') {
    const cap = wholeNumber(f.cardinalityCap);
    if (!(cap >= 10 && cap <= 10_000_000)) {
      return { ok: false, error: t('siteForm.cap', { min: 10, max: 10_000_000 }) };
    }
    body.cardinalityCap = cap;
  }
  return { ok: true, body };
}
