// Pure helpers of the goals, flows and annotations views: rates with their two decimals, revenue
// per currency, the "hidden (fewer than k)" row in the reader's words, annotation days placed on
// the chart's buckets, funnel steps and the `k` of shared links and API keys read from a form.
import { formatCurrency } from './format.js';

const rateFormats = new Map<string, Intl.NumberFormat>();

/** A conversion rate (conversions per 100 visits, 2 decimals from the API): `33.33%`. */
export function formatRate(rate: number | null, locale: string): string {
  if (rate === null) return '—';
  let f = rateFormats.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 });
    rateFormats.set(locale, f);
  }
  return f.format(rate / 100);
}

/** A revenue total in its own currency (never converted); `—` without revenue. */
export function formatRevenue(
  revenue: { currency: string; total: number } | null,
  locale: string,
): string {
  return revenue ? formatCurrency(revenue.total, revenue.currency, locale) : '—';
}

/** The k of the server's `hidden (fewer than k)` row, or null for any other value. */
export function hiddenRowK(value: string): number | null {
  const m = /^hidden \(fewer than (\d+)\)$/.exec(value);
  return m ? Number(m[1]) : null;
}

export const minFunnelSteps = 2;
export const maxFunnelSteps = 5;

/** The funnel's pages from its inputs: blanks dropped; 2–5 paths starting with `/`, else a reason. */
export function funnelSteps(
  inputs: readonly string[],
): { ok: true; steps: string[] } | { ok: false; reason: 'tooFew' | 'tooMany' | 'notPath' } {
  const steps = inputs.map((s) => s.trim()).filter(Boolean);
  if (steps.length < minFunnelSteps) return { ok: false, reason: 'tooFew' };
  if (steps.length > maxFunnelSteps) return { ok: false, reason: 'tooMany' };
  if (steps.some((s) => !s.startsWith('/') || s.includes(','))) {
    return { ok: false, reason: 'notPath' };
  }
  return { ok: true, steps };
}

/** The `k` field of a shared link or API key: empty means off (null), else a whole 2–1000. */
export function parseSmallCountK(text: string): { ok: true; k: number | null } | { ok: false } {
  const s = text.trim();
  if (s === '') return { ok: true, k: null };
  if (!/^\d{1,4}$/.test(s)) return { ok: false };
  const k = Number(s);
  return k >= 2 && k <= 1000 ? { ok: true, k } : { ok: false };
}

/** A calendar day (YYYY-MM-DD) in the reader's locale, the same day in every timezone. */
export function formatDay(day: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );
}
