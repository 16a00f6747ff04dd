// Progress of a long job (migrate-data, backup, restore): a bar with rate and ETA redrawn in place on
// a terminal, a plain line every few seconds otherwise (logs, CI). The text is built by pure functions,
// in the user's language (counts as it writes numbers; the label and unit come translated).
import type { Locale } from '../i18n/locale.js';
import { cliText } from './text.js';

export interface ProgressReporter {
  /** Sets how much is done (same unit as the total). */
  update(done: number): void;
  /** The job is complete: prints the final state (all done) and moves to the next line. */
  finish(): void;
}

export interface ProgressOptions {
  /** The stream written to (stderr: stdout stays for the result). */
  stream: { write(text: string): unknown; isTTY?: boolean };
  now?: () => number;
  /** Unit shown after the counts, e.g. 'rows', 'pages'. */
  unit?: string;
  /** The language of the line (default English). */
  locale?: Locale;
}

export function bar(done: number, total: number, width = 30): string {
  const share = total <= 0 ? 1 : Math.min(1, done / total);
  const filled = Math.round(share * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.floor(share * 100)).padStart(3)}%`;
}

export function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  return s < 60
    ? `${s}s`
    : s < 3600
      ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`
      : `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** One progress line: label, bar, counts, rate per second and the time left. */
export function progressLine(
  label: string,
  done: number,
  total: number,
  elapsedMs: number,
  unit = '',
  locale: Locale = 'en',
): string {
  const t = cliText(locale);
  const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  const eta = rate > 0 ? (total - done) / rate : Infinity;
  const u = unit ? ` ${unit}` : '';
  const n = (x: number) => x.toLocaleString(locale);
  const time =
    done >= total
      ? t('progressDone', { duration: duration(elapsedMs / 1000) })
      : t('progressEta', { duration: duration(eta) });
  return `${label} ${bar(done, total)} ${n(done)}/${n(total)}${u}, ${n(Math.round(rate))}${u}/s, ${time}`;
}

export function createProgress(
  label: string,
  total: number,
  { stream, now = Date.now, unit = '', locale = 'en' }: ProgressOptions,
): ProgressReporter {
  const started = now();
  const tty = stream.isTTY === true;
  let done = 0;
  let shownAt = -Infinity;
  const draw = (final: boolean) => {
    const line = progressLine(label, done, total, now() - started, unit, locale);
    stream.write(tty ? `\r${line}\x1b[K${final ? '\n' : ''}` : `${line}\n`);
  };
  return {
    update(value) {
      done = value;
      // A terminal redraws ten times a second; a log gets a line every 5 s.
      if (now() - shownAt >= (tty ? 100 : 5_000)) {
        shownAt = now();
        draw(false);
      }
    },
    finish() {
      done = total;
      draw(true);
    },
  };
}
