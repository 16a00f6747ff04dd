// Pure replay-window state machine: draft → open (after a second person's sign-off); open → paused → open; open|paused → closed (end time, owner,
// kill switch); closed → purged (issue 6 §1, §5, §6). `now` is always passed in.
import {
  effectiveState,
  type PauseReason,
  type ReplayWindow,
  type StateChange,
  type TransitionError,
  type TransitionResult,
} from './window';

const DAY = 86_400_000;

function transition(window: ReplayWindow, change: StateChange): TransitionResult {
  const closedAt = change.state === 'closed' ? change.at : window.closedAt;
  return {
    ok: true,
    window: { ...window, state: change.state, lastChange: change, closedAt },
    change,
  };
}

/** Persists the automatic close at the end time (for the expiry job); null when nothing changes. */
export function closeIfEnded(window: ReplayWindow, now: number): TransitionResult | null {
  const live = window.state === 'draft' || window.state === 'open' || window.state === 'paused';
  if (!live || now < window.endsAt) return null;
  return transition(window, {
    state: 'closed',
    at: window.endsAt,
    by: null,
    reason: 'ended',
    detail: null,
  });
}

function settled(window: ReplayWindow, now: number): ReplayWindow {
  const ended = closeIfEnded(window, now);
  return ended?.ok ? ended.window : window;
}

function closedError(window: ReplayWindow): TransitionError | null {
  if (window.state === 'purged') return 'window_purged';
  return window.state === 'closed' ? 'window_closed' : null;
}

/** A validated new window (window.ts openWindow) as a draft: nothing is recorded but previews. */
export function draftWindow(window: ReplayWindow): ReplayWindow {
  const change: StateChange = { ...window.lastChange, state: 'draft', reason: 'drafted' };
  return { ...window, state: 'draft', lastChange: change };
}

/**
 * draft → open (issue 12 §12): only once a second person signed it off (`signedOffBy`), and never
 * by that same person — the one who opens and the one who signs are two named people.
 */
export function openDraft(
  window: ReplayWindow,
  opts: { by: string; now: number; signedOffBy: string | null },
): TransitionResult {
  const w = settled(window, opts.now);
  const error =
    closedError(w) ??
    (w.state !== 'draft' ? 'not_draft' : null) ??
    (opts.signedOffBy === null ? 'not_signed_off' : null) ??
    (opts.signedOffBy === opts.by ? 'second_person' : null);
  if (error) return { ok: false, error };
  return transition(w, {
    state: 'open',
    at: opts.now,
    by: opts.by,
    reason: 'opened',
    detail: null,
  });
}

/** open → paused, by the system (a leak threshold or a spike, issue 6 §5) or by an admin (`by`). */
export function pauseWindow(
  window: ReplayWindow,
  opts: { reason: PauseReason; detail: string; now: number; by?: string },
): TransitionResult {
  const w = settled(window, opts.now);
  const error = closedError(w) ?? (w.state !== 'open' ? 'not_open' : null);
  if (error) return { ok: false, error };
  return transition(w, {
    state: 'paused',
    at: opts.now,
    by: opts.by ?? null,
    reason: opts.reason,
    detail: opts.detail,
  });
}

/** True when the window was paused by the system (scanner, spike, canary, storage budget). */
export function pausedAutomatically(window: ReplayWindow): boolean {
  return window.state === 'paused' && window.lastChange.reason !== 'manual';
}

/**
 * paused → open, by a user (an admin who has looked at the findings). After an automatic pause the
 * user must write a note (issue 12 §10); it is kept as the change's detail.
 */
export function resumeWindow(
  window: ReplayWindow,
  opts: { by: string; now: number; note?: string | null },
): TransitionResult {
  const w = settled(window, opts.now);
  const note = opts.note?.trim() || null;
  const error =
    closedError(w) ??
    (w.state !== 'paused' ? 'not_paused' : null) ??
    (pausedAutomatically(w) && note === null ? 'note_required' : null);
  if (error) return { ok: false, error };
  return transition(w, {
    state: 'open',
    at: opts.now,
    by: opts.by,
    reason: 'resumed',
    detail: note,
  });
}

/**
 * open|paused → closed by the window's owner (only them: `owner`), an owner of the organisation
 * (`org_owner`, checked by the caller) or the kill switch.
 */
export function closeWindow(
  window: ReplayWindow,
  opts: { reason: 'owner' | 'org_owner' | 'kill_switch'; by: string; now: number },
): TransitionResult {
  const w = settled(window, opts.now);
  const error =
    closedError(w) ?? (opts.reason === 'owner' && opts.by !== w.ownerId ? 'not_owner' : null);
  if (error) return { ok: false, error };
  return transition(w, {
    state: 'closed',
    at: opts.now,
    by: opts.by,
    reason: opts.reason,
    detail: null,
  });
}

/** closed → purged (retention over, or "close and purge"). `by` is null for the purge job. */
export function purgeWindow(
  window: ReplayWindow,
  opts: { by: string | null; now: number },
): TransitionResult {
  const w = settled(window, opts.now);
  if (w.state === 'purged') return { ok: false, error: 'window_purged' };
  if (w.state !== 'closed') return { ok: false, error: 'not_closed' };
  return transition(w, {
    state: 'purged',
    at: opts.now,
    by: opts.by,
    reason: 'purged',
    detail: null,
  });
}

/** Pauses an open window once `flaggedChunks` reaches `threshold`; null when nothing changes. */
export function checkLeakThreshold(
  window: ReplayWindow,
  opts: { flaggedChunks: number; threshold: number; now: number },
): TransitionResult | null {
  if (opts.flaggedChunks < opts.threshold || effectiveState(window, opts.now) !== 'open')
    return null;
  const detail = `${opts.flaggedChunks} chunk(s) with scanner findings (threshold ${opts.threshold})`;
  return pauseWindow(window, { reason: 'leak_threshold', detail, now: opts.now });
}

/** Pauses an open window for lack of storage (the install's budget or the window's cap). */
export function pauseForStorage(
  window: ReplayWindow,
  opts: {
    reason: 'storage_budget' | 'window_storage';
    usedBytes: number;
    limitBytes: number;
    now: number;
  },
): TransitionResult | null {
  if (effectiveState(window, opts.now) !== 'open') return null;
  const mib = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MiB`;
  const what =
    opts.reason === 'storage_budget' ? 'install-wide replay storage' : 'this window’s storage';
  const detail = `${what}: ${mib(opts.usedBytes)} of ${mib(opts.limitBytes)} used`;
  return pauseWindow(window, { reason: opts.reason, detail, now: opts.now });
}

/** Pauses an open window when new recordings in the last minute exceed the limit. */
export function checkSpike(
  window: ReplayWindow,
  opts: { recordingsLastMinute: number; limitPerMinute: number; now: number },
): TransitionResult | null {
  if (
    opts.recordingsLastMinute <= opts.limitPerMinute ||
    effectiveState(window, opts.now) !== 'open'
  ) {
    return null;
  }
  const detail = `${opts.recordingsLastMinute} new recordings in a minute (limit ${opts.limitPerMinute})`;
  return pauseWindow(window, { reason: 'spike', detail, now: opts.now });
}

/** When the window's recordings and key must be gone: retention days after it closed or ends. */
export function purgeDueAt(window: ReplayWindow): number {
  return (window.closedAt ?? window.endsAt) + window.retentionDays * DAY;
}

export function isPurgeDue(window: ReplayWindow, now: number): boolean {
  return window.state !== 'purged' && now >= purgeDueAt(window);
}
