// Pure validation of the settings of a replay window: untrusted input → typed values or field
// errors, with the limits of DESIGN.md "Replay research window" and issue 6 §1.
import { parseSelector } from './masking/selectors';
import { compileUrlRule } from './url-rules';

export type ReplayPurpose = 'ux_debugging' | 'support_investigation' | 'qa' | 'other';
export const REPLAY_PURPOSES: readonly ReplayPurpose[] = [
  'ux_debugging',
  'support_investigation',
  'qa',
  'other',
];

export type WindowErrorCode =
  | 'required'
  | 'invalid'
  | 'forbidden_purpose'
  | 'too_long'
  | 'out_of_range'
  | 'in_past'
  | 'end_before_start'
  | 'window_too_long'
  | 'duplicate'
  | 'immutable'
  | 'unknown_field'
  | 'window_closed'
  | 'self_viewer'
  | 'owner_only'
  | 'reason_required'
  | 'reason_too_long';

export interface WindowFieldError {
  field: string;
  code: WindowErrorCode;
  message: string;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const WINDOW_LIMITS = {
  defaultDurationMs: 24 * HOUR,
  maxDurationMs: 14 * DAY,
  /** A start slightly in the past (clock skew, a slow form) is accepted. */
  startSkewMs: 5 * 60_000,
  maxStartAheadMs: 30 * DAY,
  sampleRate: { default: 0.1, max: 0.25 },
  maxSessions: { default: 200, max: 2_000 },
  maxMinutesPerRecording: { default: 15, max: 60 },
  maxPagesPerRecording: { default: 20, max: 100 },
  retentionDays: { default: 7, max: 30 },
  maxRules: 50,
  maxSelectors: 20,
  maxSelectorLength: 200,
  maxViewers: 50,
  maxText: 500,
  maxIdLength: 200,
  maxUrlLength: 2_000,
} as const;

/** Purposes a window can never have, as values or inside the "other" text (issue 6 §1). */
const FORBIDDEN_PURPOSE = /\b(marketing|retargeting|remarketing|advertising|ads?|profiling)\b/i;

/**
 * True for an include rule that names no part of the site: only slashes and stars (`/`, `/*`,
 * `/**`, `/*` followed by `/**`). Such a rule records every page, so the window must say so (`wholeSite`).
 */
export function coversWholeSite(rule: string): boolean {
  for (const c of rule) if (c !== '/' && c !== '*') return false;
  return rule.startsWith('/');
}

/** Collects errors while reading fields; every reader returns undefined when the field is bad. */
export class FieldReader {
  readonly errors: WindowFieldError[] = [];

  fail(field: string, code: WindowErrorCode, message: string): undefined {
    this.errors.push({ field, code, message });
    return undefined;
  }

  id(field: string, value: unknown): string | undefined {
    if (value === undefined || value === null || value === '') {
      return this.fail(field, 'required', `${field} is required`);
    }
    if (typeof value !== 'string' || value.trim() !== value) {
      return this.fail(field, 'invalid', `${field} must be an id`);
    }
    if (value.length > WINDOW_LIMITS.maxIdLength)
      return this.fail(field, 'too_long', 'id too long');
    return value;
  }

  purpose(value: unknown): ReplayPurpose | undefined {
    if (value === undefined || value === null || value === '') {
      return this.fail('purpose', 'required', 'a window needs a purpose');
    }
    if (typeof value === 'string' && FORBIDDEN_PURPOSE.test(value.replace(/_/g, ' '))) {
      return this.fail(
        'purpose',
        'forbidden_purpose',
        'replay is never for marketing or retargeting',
      );
    }
    if (!REPLAY_PURPOSES.includes(value as ReplayPurpose)) {
      return this.fail(
        'purpose',
        'invalid',
        `purpose must be one of ${REPLAY_PURPOSES.join(', ')}`,
      );
    }
    return value as ReplayPurpose;
  }

  purposeText(purpose: ReplayPurpose | undefined, value: unknown): string | null | undefined {
    if (
      value === undefined ||
      value === null ||
      (typeof value === 'string' && value.trim() === '')
    ) {
      if (purpose === 'other') return this.fail('purposeText', 'required', 'describe the purpose');
      return null;
    }
    if (typeof value !== 'string') return this.fail('purposeText', 'invalid', 'must be text');
    if (value.length > WINDOW_LIMITS.maxText) {
      return this.fail('purposeText', 'too_long', 'at most 500 characters');
    }
    if (FORBIDDEN_PURPOSE.test(value)) {
      return this.fail(
        'purposeText',
        'forbidden_purpose',
        'replay is never for marketing or retargeting',
      );
    }
    return value.trim();
  }

  httpUrl(field: string, value: unknown): string | null | undefined {
    if (value === undefined || value === null || value === '') return null;
    if (typeof value !== 'string') return this.fail(field, 'invalid', 'must be a URL');
    if (value.length > WINDOW_LIMITS.maxUrlLength)
      return this.fail(field, 'too_long', 'URL too long');
    try {
      const url = new URL(value);
      if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
    } catch {
      // falls through to the error
    }
    return this.fail(field, 'invalid', 'must be an http or https URL');
  }

  time(field: string, value: unknown): number | undefined {
    const ms = typeof value === 'string' ? Date.parse(value) : value;
    if (typeof ms !== 'number' || !Number.isFinite(ms)) {
      return this.fail(field, 'invalid', `${field} must be a time (ISO 8601 or epoch ms)`);
    }
    return ms;
  }

  number(
    field: string,
    value: unknown,
    limits: { default: number; max: number },
    opts: {
      integer: boolean;
    },
  ): number | undefined {
    if (value === undefined || value === null) return limits.default;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      return this.fail(field, 'invalid', `${field} must be a number`);
    }
    if (opts.integer && !Number.isInteger(value)) {
      return this.fail(field, 'invalid', `${field} must be a whole number`);
    }
    if (value <= 0 || value > limits.max) {
      return this.fail(field, 'out_of_range', `${field} must be above 0 and at most ${limits.max}`);
    }
    return value;
  }

  list(field: string, value: unknown, opts: { min: number; max: number }): unknown[] | undefined {
    if (value === undefined || value === null) {
      if (opts.min === 0) return [];
      return this.fail(field, 'required', `${field} needs at least ${opts.min} entry`);
    }
    if (!Array.isArray(value)) return this.fail(field, 'invalid', `${field} must be a list`);
    if (value.length < opts.min) {
      return this.fail(field, 'required', `${field} needs at least ${opts.min} entry`);
    }
    if (value.length > opts.max) return this.fail(field, 'too_long', `at most ${opts.max} entries`);
    return value;
  }

  urlRules(field: string, value: unknown, min: number): string[] | undefined {
    const list = this.list(field, value, { min, max: WINDOW_LIMITS.maxRules });
    if (list === undefined) return undefined;
    const before = this.errors.length;
    list.forEach((rule, i) => {
      const compiled = compileUrlRule(rule as string);
      if (!compiled.ok) this.fail(`${field}[${i}]`, 'invalid', compiled.reason);
    });
    return this.errors.length === before ? this.unique(field, list as string[]) : undefined;
  }

  /**
   * Unmask selectors follow the strict grammar the server evaluates itself (masking/selectors.ts):
   * one compound of a tag and classes, ids or data-* attributes; never `*`, combinators,
   * pseudo-classes or a bare tag. The error names the selector and the reason.
   */
  selectors(value: unknown): string[] | undefined {
    const list = this.list('unmaskSelectors', value, { min: 0, max: WINDOW_LIMITS.maxSelectors });
    if (list === undefined) return undefined;
    const before = this.errors.length;
    list.forEach((sel, i) => {
      const field = `unmaskSelectors[${i}]`;
      if (typeof sel === 'string' && sel.length > WINDOW_LIMITS.maxSelectorLength) {
        this.fail(field, 'too_long', 'at most 200 characters');
        return;
      }
      const parsed = parseSelector(sel);
      if (!parsed.ok) {
        const named = typeof sel === 'string' && sel.trim() !== '' ? `"${sel}": ` : '';
        this.fail(field, 'invalid', `${named}${parsed.reason}`);
      }
    });
    return this.errors.length === before
      ? this.unique('unmaskSelectors', list as string[])
      : undefined;
  }

  viewers(value: unknown): string[] | undefined {
    const list = this.list('viewerIds', value, { min: 1, max: WINDOW_LIMITS.maxViewers });
    if (list === undefined) return undefined;
    const before = this.errors.length;
    list.forEach((v, i) => this.id(`viewerIds[${i}]`, v));
    return this.errors.length === before ? this.unique('viewerIds', list as string[]) : undefined;
  }

  unique(field: string, list: string[]): string[] | undefined {
    if (new Set(list).size !== list.length)
      return this.fail(field, 'duplicate', 'duplicate entries');
    return list;
  }
}
