// Number, percent, duration and date formatting in the reader's locale (i18n/locale.ts) through
// Intl; a `locale` argument overrides it (tests). Units and words come from the catalogs.
import { intlLocale, langOf, type Lang } from '../i18n/locale.js';
import { t } from '../i18n/t.js';

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string | undefined, options: Intl.NumberFormatOptions) {
  locale ??= intlLocale();
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, f);
  }
  return f;
}

/** A count or an average: `1,234` / `1.33` in the locale; `—` when there is no value. */
export function formatNumber(n: number | null, locale?: string): string {
  if (n === null) return '—';
  return numberFormat(locale, { maximumFractionDigits: 2 }).format(n);
}

/** Large counts shortened (`12K`, `1.2M`) for tight places such as the overview table. */
export function formatCompact(n: number, locale?: string): string {
  if (Math.abs(n) < 10_000) return formatNumber(n, locale);
  return numberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(n);
}

/** A whole-percent value from the API (`33` → `33%`); `—` when there is none. */
export function formatPercent(whole: number | null, locale?: string): string {
  if (whole === null) return '—';
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(whole / 100);
}

/** Seconds as `45s`, `2m 05s` or `1h 02m` (`45 s`, `2 min 05 s`, `1 h 02 min` in French). */
export function formatDuration(seconds: number | null, lang?: Lang): string {
  if (seconds === null) return '—';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return t('format.seconds', { s }, lang);
  const m = Math.floor(s / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  if (m < 60) return t('format.minutesSeconds', { m, s: pad(s % 60) }, lang);
  return t('format.hoursMinutes', { h: Math.floor(m / 60), m: pad(m % 60) }, lang);
}

/**
 * A change versus the previous period: `+12%`, `−5%`, `0%`; for rates the difference in points
 * (`+3 pts`). `—` when there is nothing to compare with.
 */
export function formatChange(
  change: number | null,
  kind: 'percent' | 'points' = 'percent',
  locale?: string,
): string {
  if (change === null) return '—';
  if (kind === 'percent') {
    return numberFormat(locale, {
      style: 'percent',
      signDisplay: 'exceptZero',
      maximumFractionDigits: 0,
    }).format(change / 100);
  }
  const n = numberFormat(locale, { signDisplay: 'exceptZero', maximumFractionDigits: 0 }).format(
    change,
  );
  return t('format.points', { n }, langFor(locale));
}

/** A bucket label from the API: `2025-03-29T14:00` (hour), `2025-03-29` (day/week) or a month. */
export function formatBucket(
  date: string,
  interval: 'hour' | 'day' | 'week' | 'month',
  locale?: string,
): string {
  const [y, mo, d] = date.slice(0, 10).split('-').map(Number) as [number, number, number];
  const utc = new Date(Date.UTC(y, mo - 1, d, Number(date.slice(11, 13)) || 0));
  const options: Intl.DateTimeFormatOptions =
    interval === 'hour'
      ? { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }
      : interval === 'month'
        ? { month: 'short', year: 'numeric', timeZone: 'UTC' }
        : { month: 'short', day: 'numeric', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(locale ?? intlLocale(), options).format(utc);
}

/** The catalog that goes with an explicit Intl locale (`fr-FR` → fr), else the current one. */
function langFor(locale: string | undefined): Lang | undefined {
  return locale === undefined ? undefined : (langOf(locale) ?? 'en');
}

/** A date and time (ISO text or epoch ms) in the reader's locale and zone: `Mar 29, 2025, 2:05 PM`. */
export function formatDateTime(value: string | number | Date, locale?: string): string {
  return new Intl.DateTimeFormat(locale ?? intlLocale(), {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(value));
}

/** A day in the reader's locale: `Mar 29, 2025` / `29 mars 2025`. */
export function formatDate(value: string | number | Date, locale?: string): string {
  return new Intl.DateTimeFormat(locale ?? intlLocale(), { dateStyle: 'medium' }).format(
    new Date(value),
  );
}

/** A clock time in the reader's locale. */
export function formatTime(value: string | number | Date, locale?: string): string {
  return new Intl.DateTimeFormat(locale ?? intlLocale(), { timeStyle: 'medium' }).format(
    new Date(value),
  );
}

/** An amount of money in the reader's locale: `€1,234.50` / `1 234,50 €`. */
export function formatCurrency(amount: number, currency: string, locale?: string): string {
  return numberFormat(locale, { style: 'currency', currency }).format(amount);
}
