// Pure: the "open a replay window" form — its defaults, and the request body it becomes. The
// server is the authority on every rule (a refused body comes back as a 400 with its reason); the
// form only pre-fills the defaults of DESIGN.md "Replay research window" and shows the limits.
import { intlLocale } from '../i18n/locale.js';
import { t, type MessageKey } from '../i18n/t.js';

export const REPLAY_PURPOSES = [
  { value: 'ux_debugging', label: 'purpose.ux_debugging' },
  { value: 'support', label: 'purpose.support' },
  { value: 'qa', label: 'purpose.qa' },
  { value: 'other', label: 'purpose.otherDescribe' },
] as const satisfies readonly { value: string; label: MessageKey }[];

export type ReplayPurpose = (typeof REPLAY_PURPOSES)[number]['value'];

/** The same limits as server/replay/window-options.ts (WINDOW_LIMITS); a unit test keeps them equal. */
export const REPLAY_LIMITS = {
  defaultDurationMs: 24 * 3_600_000,
  maxDurationMs: 14 * 86_400_000,
  sampleRate: { default: 0.1, max: 0.25 },
  maxSessions: { default: 200, max: 2_000 },
  maxMinutesPerRecording: { default: 15, max: 60 },
  maxPagesPerRecording: { default: 20, max: 100 },
  retentionDays: { default: 7, max: 30 },
} as const;

/**
 * Shown in the form as rules that cannot be removed: the built-in denylist of
 * server/replay/url-rules.ts (a unit test keeps them equal), plus any URL with a token-like
 * parameter.
 */
export const BUILT_IN_DENYLIST: readonly string[] = [
  'login', 'logon', 'logout', 'signin', 'signout', 'signup', 'register', 'account', 'checkout',
  'payment', 'billing', 'admin', 'settings', 'password', 'passwd', 'reset', 'oauth', '2fa', 'mfa',
]; // prettier-ignore

export interface OpenWindowForm {
  purpose: '' | ReplayPurpose;
  purposeText: string;
  ticketUrl: string;
  ownerUserId: string;
  /** `<input type="datetime-local">` values, in the browser's time zone; an empty start is "now". */
  startsAt: string;
  endsAt: string;
  samplePercent: string;
  maxSessions: string;
  maxMinutesPerRecording: string;
  maxPagesPerRecording: string;
  /** One rule per line. */
  includeRules: string;
  excludeRules: string;
  unmaskSelectors: string;
  retentionDays: string;
  viewerUserIds: string[];
  canary: boolean;
  /** Raw exports: off unless the window's owner allows them (issue 12 §7). */
  downloadsAllowed: boolean;
  /** Empty: the on-page notice is shown (the default). Text: why it is hidden. */
  hideNoticeReason: string;
  /** The explicit choice an include rule such as `/` needs (it records every page). */
  wholeSite: boolean;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A time as a `datetime-local` value in the browser's zone (minutes precision). */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` +
    `T${pad(d.getHours())}:${pad(d.getMinutes())}`
  );
}

/** A `datetime-local` value as an ISO instant; an empty or unreadable one is sent as typed. */
export function fromLocalInput(value: string): string {
  const trimmed = value.trim();
  if (trimmed === '') return '';
  const ms = new Date(trimmed).getTime();
  return Number.isFinite(ms) ? new Date(ms).toISOString() : trimmed;
}

/**
 * Defaults: start now (left empty, so a slow form does not start in the past), end in 24 h, 10 %,
 * default caps, 7 days; the signed-in user owns; no viewer yet (nobody names themselves a viewer:
 * the server refuses it); downloads off; the on-page notice shown.
 */
export function defaultOpenWindowForm(now: number, userId: string): OpenWindowForm {
  return {
    purpose: '',
    purposeText: '',
    ticketUrl: '',
    ownerUserId: userId,
    startsAt: '',
    endsAt: toLocalInput(now + REPLAY_LIMITS.defaultDurationMs),
    samplePercent: String(REPLAY_LIMITS.sampleRate.default * 100),
    maxSessions: String(REPLAY_LIMITS.maxSessions.default),
    maxMinutesPerRecording: String(REPLAY_LIMITS.maxMinutesPerRecording.default),
    maxPagesPerRecording: String(REPLAY_LIMITS.maxPagesPerRecording.default),
    includeRules: '',
    excludeRules: '',
    unmaskSelectors: '',
    retentionDays: String(REPLAY_LIMITS.retentionDays.default),
    viewerUserIds: [],
    canary: false,
    downloadsAllowed: false,
    hideNoticeReason: '',
    wholeSite: false,
  };
}

/** Non-empty trimmed lines. */
export function lines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** A number field: a number when it reads as one, else the text itself (the server names the field). */
function numeric(text: string): number | string {
  const t = text.trim();
  if (t === '') return t;
  const n = Number(t);
  return Number.isFinite(n) ? n : t;
}

/** Percent with at most 4 decimals of the rate (12.5 % → 0.125), not 0.12500000000000001. */
function rate(percentText: string): number | string {
  const n = numeric(percentText);
  return typeof n === 'number' ? Math.round(n * 100) / 10_000 : n;
}

/**
 * The body of `POST /api/sites/:siteId/replay/windows`. Nothing is dropped or fixed here: an empty
 * purpose, end or rule list goes to the server as empty, so the answer names what is missing.
 */
export function openWindowBody(form: OpenWindowForm) {
  return {
    purpose: form.purpose,
    ...(form.purpose === 'other' && { purposeText: form.purposeText.trim() }),
    ...(form.ticketUrl.trim() !== '' && { ticketUrl: form.ticketUrl.trim() }),
    ownerUserId: numeric(form.ownerUserId),
    ...(form.startsAt.trim() !== '' && { startsAt: fromLocalInput(form.startsAt) }),
    endsAt: fromLocalInput(form.endsAt),
    sampleRate: rate(form.samplePercent),
    maxSessions: numeric(form.maxSessions),
    maxMinutesPerRecording: numeric(form.maxMinutesPerRecording),
    maxPagesPerRecording: numeric(form.maxPagesPerRecording),
    includeRules: lines(form.includeRules),
    excludeRules: lines(form.excludeRules),
    unmaskSelectors: lines(form.unmaskSelectors),
    retentionDays: numeric(form.retentionDays),
    viewerUserIds: form.viewerUserIds.map(numeric),
    canary: form.canary,
    ...(form.downloadsAllowed && { downloadsAllowed: true }),
    ...(form.hideNoticeReason.trim() !== '' && { hideNoticeReason: form.hideNoticeReason.trim() }),
    ...(form.wholeSite && { wholeSite: true }),
  };
}

/**
 * What one unmask selector would leave in clear, in words, for the form's preview. The server
 * decides (a refused selector comes back as a 400 with its reason); this only reads the parts
 * of the grammar it accepts: a tag, `.class`, `#id`, `[data-x]`, `[data-x="v"]`.
 */
export function describeUnmaskSelector(selector: string): string {
  const s = selector.trim();
  const parts: string[] = [];
  const tag = /^[a-z][a-z0-9-]*/i.exec(s)?.[0];
  for (const m of s.matchAll(/\.([\w-]+)|#([\w-]+)|\[(data-[\w-]+)(?:=["']?([^"'\]]*)["']?)?\]/g)) {
    if (m[1]) parts.push(t('unmask.class', { name: m[1] }));
    else if (m[2]) parts.push(t('unmask.id', { name: m[2] }));
    else if (m[3]) {
      parts.push(m[4] === undefined ? t('unmask.attribute', { name: m[3] }) : `${m[3]}="${m[4]}"`);
    }
  }
  const what = tag ? t('unmask.tagElements', { tag: tag.toLowerCase() }) : t('unmask.elements');
  if (parts.length === 0) return t('unmask.refused', { selector: s });
  const list = new Intl.ListFormat(intlLocale(), { type: 'conjunction' }).format(parts);
  return t('unmask.kept', { selector: s, what, parts: list });
}
