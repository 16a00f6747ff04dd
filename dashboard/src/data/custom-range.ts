// A custom date range typed by a person: both days, in order, within what the server accepts
// (server/reports/date-range.ts: at most 3,661 days). Days are YYYY-MM-DD in the site's timezone.
import { t } from '../i18n/t.js';

export const maxRangeDays = 3661;

const isDay = (s: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;

/** Null when the range can be asked for, else a sentence saying what to fix. */
export function customRangeError(from: string, to: string): string | null {
  if (!isDay(from)) return t('range.errorStart');
  if (!isDay(to)) return t('range.errorEnd');
  if (from > to) return t('range.errorOrder');
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
  if (days > maxRangeDays) return t('range.errorLength', { max: maxRangeDays });
  return null;
}

/** The first and last day of the last `n` days ending on `today` (both included). */
export function lastDays(today: string, n: number): { from: string; to: string } {
  const from = new Date(Date.parse(`${today}T00:00:00Z`) - (n - 1) * 86_400_000);
  return { from: from.toISOString().slice(0, 10), to: today };
}
