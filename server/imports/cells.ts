// Pure: reading one CSV cell of an import — counts, days, text — or an ImportError naming the file,
// the line and the column. Days must be real calendar days from 2000-01-01 to the site's today.
import { isDay } from '../reports/calendar.js';
import { sanitiseText } from '../classify/text.js';
import { ImportError } from './errors.js';

/** Counter columns are 32-bit; engaged milliseconds and revenue amounts are 64-bit (exact to 2^53). */
export const MAX_COUNT = 2_000_000_000;
export const MAX_BIG = Number.MAX_SAFE_INTEGER;
export const EARLIEST_DAY = '2000-01-01';
/** Longest text value kept (paths, names, hosts): the ingestion's own limit is of the same order. */
export const MAX_TEXT = 1024;

export interface Where {
  file: string;
  line: number;
}

export function count(raw: string | undefined, column: string, at: Where, max = MAX_COUNT): number {
  const text = (raw ?? '').trim();
  if (!/^\d{1,16}$/.test(text)) {
    throw new ImportError('bad_count', at.file, at.line, 'countNotWhole', {
      column,
      value: JSON.stringify(text.slice(0, 40)),
    });
  }
  const n = Number(text);
  if (n > max)
    throw new ImportError('bad_count', at.file, at.line, 'countTooLarge', {
      column,
      value: text,
    });
  return n;
}

/** An optional count: empty or absent is 0. */
export function optionalCount(raw: string | undefined, column: string, at: Where, max = MAX_COUNT) {
  return raw === undefined || raw.trim() === '' ? 0 : count(raw, column, at, max);
}

/** A day YYYY-MM-DD from 2000-01-01 to `today` (the site's local day). */
export function day(raw: string | undefined, column: string, at: Where, today: string): string {
  const text = (raw ?? '').trim();
  if (!isDay(text)) {
    throw new ImportError('bad_date', at.file, at.line, 'dateNotDay', {
      column,
      value: JSON.stringify(text.slice(0, 40)),
    });
  }
  return inRange(text, column, at, today);
}

export function inRange(d: string, column: string, at: Where, today: string): string {
  if (d < EARLIEST_DAY || d > today) {
    throw new ImportError(
      'date_out_of_range',
      at.file,
      at.line,
      d > today ? 'dateInFuture' : 'dateTooEarly',
      { column, date: d, today },
    );
  }
  return d;
}

/** Visitor-originated text: sanitised like ingestion's (control, bidi, zero-width removed), capped. */
export function text(raw: string | undefined): string {
  return sanitiseText(raw ?? '', MAX_TEXT);
}

/** The header must hold every required column, and nothing that is neither required nor optional. */
export function checkHeader(
  header: string[],
  required: readonly string[],
  optional: readonly string[],
  file: string,
): void {
  const seen = new Set<string>();
  for (const h of header) {
    if (seen.has(h)) throw new ImportError('bad_columns', file, 1, 'columnTwice', { column: h });
    seen.add(h);
  }
  const missing = required.filter((c) => !seen.has(c));
  if (missing.length > 0) {
    throw new ImportError('bad_columns', file, 1, 'columnsMissing', {
      columns: missing.join(', '),
    });
  }
  const known = new Set([...required, ...optional]);
  const extra = header.filter((h) => !known.has(h));
  if (extra.length > 0) {
    throw new ImportError('bad_columns', file, 1, 'columnsUnknown', {
      columns: extra.map((e) => JSON.stringify(e.slice(0, 40))).join(', '),
    });
  }
}
