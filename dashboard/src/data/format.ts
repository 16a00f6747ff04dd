// Number, percent, duration and date formatting for the browser's locale (Intl only, no DOM).

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string | undefined, options: Intl.NumberFormatOptions) {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
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

/** Seconds as `45s`, `2m 05s` or `1h 02m`; `—` without engagement data. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return '—';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
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
  const n = numberFormat(locale, { signDisplay: 'exceptZero', maximumFractionDigits: 0 }).format(
    change,
  );
  return kind === 'points' ? `${n} pts` : `${n}%`;
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
  return new Intl.DateTimeFormat(locale, options).format(utc);
}
