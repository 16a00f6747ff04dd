// Pure replay window: its type, opening and settings changes (purpose and owner fixed at opening,
// issue 6 §1), and its effective state at a given `now` (never read from the clock here).
// Transitions between states live in window-transitions.ts.
import {
  FieldReader,
  WINDOW_LIMITS,
  type ReplayPurpose,
  type WindowFieldError,
} from './window-options';

/**
 * `draft`: created, not recording; only its owner's preview visit is recorded, and it opens after a
 * second person's sign-off (issue 12 §12).
 */
export type WindowState = 'draft' | 'open' | 'paused' | 'closed' | 'purged';
/** `scheduled`: open but before its start, so not recording yet. */
export type EffectiveWindowState = WindowState | 'scheduled';
/**
 * `manual`: an admin paused it; the others are the system's automatic rollbacks (issue 6 §5,
 * issue 12 §10): resuming after any of them needs a written note.
 */
export type PauseReason =
  | 'leak_threshold'
  | 'spike'
  | 'canary'
  | 'manual'
  /** The install's replay storage budget (POMELO_REPLAY_STORAGE_MB) is used up. */
  | 'storage_budget'
  /** The window's own byte cap (POMELO_REPLAY_WINDOW_MB) is reached. */
  | 'window_storage';
/** `owner`: the window's owner; `org_owner`: an owner of the organisation, who can always close. */
export type CloseReason = 'ended' | 'owner' | 'org_owner' | 'kill_switch';

export interface WindowCaps {
  maxSessions: number;
  maxMinutesPerRecording: number;
  maxPagesPerRecording: number;
}

export interface StateChange {
  state: WindowState;
  at: number;
  /** User id, or null for the system (end time, scanner, spike detector). */
  by: string | null;
  reason: 'drafted' | 'opened' | 'resumed' | 'purged' | PauseReason | CloseReason;
  detail: string | null;
}

export interface ReplayWindow {
  id: string;
  siteId: string;
  purpose: ReplayPurpose;
  purposeText: string | null;
  ticketUrl: string | null;
  ownerId: string;
  createdAt: number;
  startsAt: number;
  endsAt: number;
  sampleRate: number;
  caps: WindowCaps;
  includeRules: string[];
  excludeRules: string[];
  unmaskSelectors: string[];
  retentionDays: number;
  viewerIds: string[];
  state: WindowState;
  lastChange: StateChange;
  closedAt: number | null;
}

export type WindowResult =
  { ok: true; window: ReplayWindow } | { ok: false; errors: WindowFieldError[] };

export type TransitionError =
  | 'window_closed'
  | 'window_purged'
  | 'not_open'
  | 'not_paused'
  | 'not_closed'
  | 'not_owner'
  | 'note_required'
  | 'not_draft'
  | 'not_signed_off'
  | 'second_person';

export type TransitionResult =
  { ok: true; window: ReplayWindow; change: StateChange } | { ok: false; error: TransitionError };

type Input = Record<string, unknown>;

function asInput(value: unknown): Input {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Input)
    : {};
}

function readCaps(r: FieldReader, value: unknown, base?: WindowCaps): WindowCaps | undefined {
  const caps = asInput(value);
  const read = (key: keyof WindowCaps) =>
    base !== undefined && caps[key] === undefined
      ? base[key]
      : r.number(`caps.${key}`, caps[key], WINDOW_LIMITS[key], { integer: true });
  const out = {
    maxSessions: read('maxSessions'),
    maxMinutesPerRecording: read('maxMinutesPerRecording'),
    maxPagesPerRecording: read('maxPagesPerRecording'),
  };
  return Object.values(out).every((v) => v !== undefined) ? (out as WindowCaps) : undefined;
}

function readEnd(r: FieldReader, value: unknown, startsAt: number | undefined, now: number) {
  if (startsAt === undefined) return undefined;
  const endsAt =
    value === undefined || value === null
      ? startsAt + WINDOW_LIMITS.defaultDurationMs
      : r.time('endsAt', value);
  if (endsAt === undefined) return undefined;
  if (endsAt <= startsAt)
    return r.fail('endsAt', 'end_before_start', 'the end must follow the start');
  if (endsAt <= now) return r.fail('endsAt', 'in_past', 'the end must be in the future');
  if (endsAt - startsAt > WINDOW_LIMITS.maxDurationMs) {
    return r.fail('endsAt', 'window_too_long', 'a window lasts at most 14 days');
  }
  return endsAt;
}

export interface OpenWindowContext {
  id: string;
  siteId: string;
  now: number;
}

/** Validates an "open window" request; defaults: start now, end +24 h, 10 %, 7 days. */
export function openWindow(request: unknown, ctx: OpenWindowContext): WindowResult {
  const input = asInput(request);
  const r = new FieldReader();
  const purpose = r.purpose(input.purpose);
  const purposeText = r.purposeText(purpose, input.purposeText);
  const ticketUrl = r.httpUrl('ticketUrl', input.ticketUrl);
  const ownerId = r.id('ownerId', input.ownerId);
  let startsAt = input.startsAt === undefined ? ctx.now : r.time('startsAt', input.startsAt);
  if (startsAt !== undefined && startsAt < ctx.now - WINDOW_LIMITS.startSkewMs) {
    startsAt = r.fail('startsAt', 'in_past', 'a window cannot start in the past');
  } else if (startsAt !== undefined && startsAt > ctx.now + WINDOW_LIMITS.maxStartAheadMs) {
    startsAt = r.fail('startsAt', 'out_of_range', 'a window starts within 30 days');
  }
  const endsAt = readEnd(r, input.endsAt, startsAt, ctx.now);
  const sampleRate = r.number('sampleRate', input.sampleRate, WINDOW_LIMITS.sampleRate, {
    integer: false,
  });
  const caps = readCaps(r, input.caps);
  const includeRules = r.urlRules('includeRules', input.includeRules, 1);
  const excludeRules = r.urlRules('excludeRules', input.excludeRules, 0);
  const unmaskSelectors = r.selectors(input.unmaskSelectors);
  const retentionDays = r.number(
    'retentionDays',
    input.retentionDays,
    WINDOW_LIMITS.retentionDays,
    {
      integer: true,
    },
  );
  const viewerIds = r.viewers(input.viewerIds);
  if (r.errors.length > 0) return { ok: false, errors: r.errors };
  const change: StateChange = {
    state: 'open',
    at: ctx.now,
    by: ownerId!,
    reason: 'opened',
    detail: null,
  };
  return {
    ok: true,
    window: {
      id: ctx.id,
      siteId: ctx.siteId,
      purpose: purpose!,
      purposeText: purposeText ?? null,
      ticketUrl: ticketUrl ?? null,
      ownerId: ownerId!,
      createdAt: ctx.now,
      startsAt: startsAt!,
      endsAt: endsAt!,
      sampleRate: sampleRate!,
      caps: caps!,
      includeRules: includeRules!,
      excludeRules: excludeRules!,
      unmaskSelectors: unmaskSelectors!,
      retentionDays: retentionDays!,
      viewerIds: viewerIds!,
      state: 'open',
      lastChange: change,
      closedAt: null,
    },
  };
}

/** Fields fixed at opening: a new purpose (or owner, or ticket) is a new window. */
const IMMUTABLE = [
  'id',
  'siteId',
  'purpose',
  'purposeText',
  'ticketUrl',
  'ownerId',
  'createdAt',
  'startsAt',
];
const MUTABLE = [
  'endsAt',
  'sampleRate',
  'caps',
  'includeRules',
  'excludeRules',
  'unmaskSelectors',
  'retentionDays',
  'viewerIds',
];

/**
 * Applies a settings change to an open or paused window. Rejects any attempt to change an
 * immutable field (even to the same value: the request itself is the error) and any state field.
 * `changed` lists the fields whose value differs, for the audit entry.
 */
export function updateWindow(
  window: ReplayWindow,
  patch: unknown,
  now: number,
):
  | { ok: true; window: ReplayWindow; changed: string[] }
  | { ok: false; errors: WindowFieldError[] } {
  const input = asInput(patch);
  const r = new FieldReader();
  const state = effectiveState(window, now);
  if (state === 'closed' || state === 'purged') {
    r.fail('state', 'window_closed', 'a closed window cannot change');
  }
  for (const key of Object.keys(input)) {
    if (IMMUTABLE.includes(key)) r.fail(key, 'immutable', `${key} is fixed when the window opens`);
    else if (!MUTABLE.includes(key)) r.fail(key, 'unknown_field', `${key} cannot be changed here`);
  }
  if (r.errors.length > 0) return { ok: false, errors: r.errors };
  const has = (k: string) => input[k] !== undefined;
  const next: ReplayWindow = {
    ...window,
    endsAt: has('endsAt') ? readEnd(r, input.endsAt, window.startsAt, now)! : window.endsAt,
    sampleRate: has('sampleRate')
      ? r.number('sampleRate', input.sampleRate, WINDOW_LIMITS.sampleRate, { integer: false })!
      : window.sampleRate,
    caps: has('caps') ? readCaps(r, input.caps, window.caps)! : window.caps,
    includeRules: has('includeRules')
      ? r.urlRules('includeRules', input.includeRules, 1)!
      : window.includeRules,
    excludeRules: has('excludeRules')
      ? r.urlRules('excludeRules', input.excludeRules, 0)!
      : window.excludeRules,
    unmaskSelectors: has('unmaskSelectors')
      ? r.selectors(input.unmaskSelectors)!
      : window.unmaskSelectors,
    retentionDays: has('retentionDays')
      ? r.number('retentionDays', input.retentionDays, WINDOW_LIMITS.retentionDays, {
          integer: true,
        })!
      : window.retentionDays,
    viewerIds: has('viewerIds') ? r.viewers(input.viewerIds)! : window.viewerIds,
  };
  if (r.errors.length > 0) return { ok: false, errors: r.errors };
  const changed = MUTABLE.filter(
    (k) =>
      JSON.stringify(next[k as keyof ReplayWindow]) !==
      JSON.stringify(window[k as keyof ReplayWindow]),
  );
  return { ok: true, window: next, changed };
}

/** The state at `now`: a window past its end is closed even before the expiry job has run. */
export function effectiveState(window: ReplayWindow, now: number): EffectiveWindowState {
  if (window.state === 'closed' || window.state === 'purged') return window.state;
  if (now >= window.endsAt) return 'closed';
  if (window.state === 'open' && now < window.startsAt) return 'scheduled';
  return window.state;
}

/** True only when recordings may start or continue: open, started, not ended. */
export function isRecording(window: ReplayWindow, now: number): boolean {
  return effectiveState(window, now) === 'open';
}
