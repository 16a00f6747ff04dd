// Tests every replay-window transition, allowed and refused, with a controllable clock.
import { describe, expect, test } from 'vitest';
import { openWindow, type ReplayWindow } from './window';
import {
  checkLeakThreshold,
  checkSpike,
  closeIfEnded,
  closeWindow,
  draftWindow,
  isPurgeDue,
  openDraft,
  pauseWindow,
  purgeDueAt,
  purgeWindow,
  resumeWindow,
} from './window-transitions';

const NOW = Date.parse('2026-11-03T10:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function fresh(): ReplayWindow {
  const result = openWindow(
    { purpose: 'qa', ownerId: 'owner', includeRules: ['/'], viewerIds: ['owner'] },
    { id: 'w', siteId: 's', now: NOW },
  );
  if (!result.ok) throw new Error('fixture');
  return result.window;
}

function must(result: ReturnType<typeof pauseWindow> | null): ReplayWindow {
  if (!result?.ok) throw new Error(`expected a transition, got ${JSON.stringify(result)}`);
  return result.window;
}

const open = fresh();
const paused = must(pauseWindow(open, { reason: 'spike', detail: 'd', now: NOW + 1 }));
const closed = must(closeWindow(open, { reason: 'owner', by: 'owner', now: NOW + HOUR }));
const purged = must(purgeWindow(closed, { by: null, now: NOW + 2 * HOUR }));

describe('allowed transitions', () => {
  test('open → paused (leak threshold) records the reason and detail', () => {
    const result = pauseWindow(open, {
      reason: 'leak_threshold',
      detail: '3 chunks',
      now: NOW + 5,
    });
    expect(result).toMatchObject({
      ok: true,
      window: { state: 'paused', closedAt: null },
      change: {
        state: 'paused',
        at: NOW + 5,
        by: null,
        reason: 'leak_threshold',
        detail: '3 chunks',
      },
    });
  });

  test('paused → open by a user, with a note after an automatic pause', () => {
    const result = resumeWindow(paused, { by: 'admin', now: NOW + 10, note: 'spike was a test' });
    expect(result).toMatchObject({
      ok: true,
      window: { state: 'open' },
      change: { reason: 'resumed', by: 'admin', detail: 'spike was a test' },
    });
  });

  test.each(['leak_threshold', 'spike', 'canary', 'storage_budget'] as const)(
    'resuming after an automatic pause (%s) without a note is refused',
    (reason) => {
      const p = must(pauseWindow(open, { reason, detail: 'd', now: NOW + 1 }));
      expect(resumeWindow(p, { by: 'a', now: NOW + 2 })).toEqual({
        ok: false,
        error: 'note_required',
      });
      expect(resumeWindow(p, { by: 'a', now: NOW + 2, note: '   ' })).toEqual({
        ok: false,
        error: 'note_required',
      });
    },
  );

  test('a manual pause resumes without a note', () => {
    const p = must(pauseWindow(open, { reason: 'manual', detail: 'd', now: NOW + 1, by: 'a' }));
    expect(resumeWindow(p, { by: 'a', now: NOW + 2 })).toMatchObject({ ok: true });
  });

  test.each([
    ['open', open],
    ['paused', paused],
  ])('%s → closed by the owner', (_name, w) => {
    const result = closeWindow(w, { reason: 'owner', by: 'owner', now: NOW + HOUR });
    expect(result).toMatchObject({
      ok: true,
      window: { state: 'closed', closedAt: NOW + HOUR },
      change: { reason: 'owner', by: 'owner' },
    });
  });

  test.each([
    ['open', open],
    ['paused', paused],
  ])('%s → closed by the kill switch (any admin)', (_name, w) => {
    const result = closeWindow(w, { reason: 'kill_switch', by: 'admin', now: NOW + HOUR });
    expect(result).toMatchObject({
      ok: true,
      window: { state: 'closed' },
      change: { reason: 'kill_switch' },
    });
  });

  test.each([
    ['open', open],
    ['paused', paused],
  ])('%s → closed by its end time, dated at the end', (_name, w) => {
    expect(closeIfEnded(w, NOW + DAY - 1)).toBeNull();
    expect(closeIfEnded(w, NOW + 3 * DAY)).toMatchObject({
      ok: true,
      window: { state: 'closed', closedAt: NOW + DAY },
      change: { state: 'closed', at: NOW + DAY, by: null, reason: 'ended' },
    });
  });

  test('closed → purged', () => {
    expect(purgeWindow(closed, { by: 'owner', now: NOW + 2 * HOUR })).toMatchObject({
      ok: true,
      window: { state: 'purged', closedAt: NOW + HOUR },
      change: { state: 'purged', reason: 'purged', by: 'owner' },
    });
  });

  test('an open window past its end can be purged directly (it is closed)', () => {
    expect(purgeWindow(open, { by: null, now: NOW + 9 * DAY })).toMatchObject({
      ok: true,
      window: { state: 'purged', closedAt: NOW + DAY },
    });
  });
});

describe('refused transitions', () => {
  test.each([
    [
      'pause a paused window',
      () => pauseWindow(paused, { reason: 'spike', detail: '', now: NOW + 2 }),
      'not_open',
    ],
    [
      'pause a closed window',
      () => pauseWindow(closed, { reason: 'spike', detail: '', now: NOW + 2 * HOUR }),
      'window_closed',
    ],
    [
      'pause a window past its end',
      () => pauseWindow(open, { reason: 'spike', detail: '', now: NOW + DAY }),
      'window_closed',
    ],
    [
      'pause a purged window',
      () => pauseWindow(purged, { reason: 'spike', detail: '', now: NOW + DAY }),
      'window_purged',
    ],
    ['resume an open window', () => resumeWindow(open, { by: 'a', now: NOW }), 'not_paused'],
    [
      'resume a closed window',
      () => resumeWindow(closed, { by: 'a', now: NOW + 2 * HOUR }),
      'window_closed',
    ],
    [
      'resume a paused window past its end',
      () => resumeWindow(paused, { by: 'a', now: NOW + DAY }),
      'window_closed',
    ],
    [
      'close by someone else as "owner"',
      () => closeWindow(open, { reason: 'owner', by: 'other', now: NOW }),
      'not_owner',
    ],
    [
      'close a closed window',
      () => closeWindow(closed, { reason: 'kill_switch', by: 'a', now: NOW + 2 * HOUR }),
      'window_closed',
    ],
    [
      'close a purged window',
      () => closeWindow(purged, { reason: 'kill_switch', by: 'a', now: NOW + 3 * HOUR }),
      'window_purged',
    ],
    ['purge an open window', () => purgeWindow(open, { by: 'a', now: NOW }), 'not_closed'],
    ['purge a paused window', () => purgeWindow(paused, { by: 'a', now: NOW }), 'not_closed'],
    ['purge twice', () => purgeWindow(purged, { by: 'a', now: NOW + 3 * HOUR }), 'window_purged'],
  ])('%s', (_name, run, error) => {
    expect(run()).toEqual({ ok: false, error });
  });

  test('closeIfEnded leaves closed and purged windows alone', () => {
    expect(closeIfEnded(closed, NOW + 9 * DAY)).toBeNull();
    expect(closeIfEnded(purged, NOW + 9 * DAY)).toBeNull();
  });
});

describe('automatic pauses', () => {
  test.each([
    [2, 3, null],
    [3, 3, 'paused'],
    [10, 3, 'paused'],
  ])('leak threshold: %i flagged chunks, threshold %i → %s', (flagged, threshold, state) => {
    const result = checkLeakThreshold(open, { flaggedChunks: flagged, threshold, now: NOW + 1 });
    if (state === null) expect(result).toBeNull();
    else
      expect(result).toMatchObject({
        ok: true,
        window: { state },
        change: {
          reason: 'leak_threshold',
          detail: `${flagged} chunk(s) with scanner findings (threshold ${threshold})`,
        },
      });
  });

  test.each([
    [30, 30, null],
    [31, 30, 'paused'],
  ])('spike: %i recordings in a minute, limit %i → %s', (count, limit, state) => {
    const result = checkSpike(open, {
      recordingsLastMinute: count,
      limitPerMinute: limit,
      now: NOW + 1,
    });
    if (state === null) expect(result).toBeNull();
    else
      expect(result).toMatchObject({
        ok: true,
        window: { state },
        change: { reason: 'spike', detail: `${count} new recordings in a minute (limit ${limit})` },
      });
  });

  test('no automatic pause of a window that is already paused, closed or ended', () => {
    const args = { flaggedChunks: 9, threshold: 1 };
    expect(checkLeakThreshold(paused, { ...args, now: NOW + 2 })).toBeNull();
    expect(checkLeakThreshold(closed, { ...args, now: NOW + 2 * HOUR })).toBeNull();
    expect(checkLeakThreshold(open, { ...args, now: NOW + DAY })).toBeNull();
    const spike = { recordingsLastMinute: 99, limitPerMinute: 1 };
    expect(checkSpike(paused, { ...spike, now: NOW + 2 })).toBeNull();
    expect(checkSpike(open, { ...spike, now: NOW + DAY })).toBeNull();
  });
});

describe('retention', () => {
  test('counts from the close, or from the planned end while open', () => {
    expect(purgeDueAt(open)).toBe(NOW + DAY + 7 * DAY);
    expect(purgeDueAt(closed)).toBe(NOW + HOUR + 7 * DAY);
  });

  test.each([
    [NOW + HOUR + 7 * DAY - 1, false],
    [NOW + HOUR + 7 * DAY, true],
  ])('closed window, at %i → due %s', (at, due) => {
    expect(isPurgeDue(closed, at)).toBe(due);
  });

  test('a purged window is never due again', () => {
    expect(isPurgeDue(purged, NOW + 365 * DAY)).toBe(false);
  });
});

describe('draft → open (issue 12 §12)', () => {
  const draft = draftWindow(open);
  test('a new window as a draft does not record; closes at its end like any live window', () => {
    expect(draft).toMatchObject({ state: 'draft', lastChange: { reason: 'drafted' } });
    expect(closeIfEnded(draft, draft.endsAt)).toMatchObject({
      ok: true,
      change: { reason: 'ended' },
    });
    expect(pauseWindow(draft, { reason: 'spike', detail: 'd', now: NOW })).toEqual({
      ok: false,
      error: 'not_open',
    });
  });
  test('opens only after a sign-off, never by the signer, only from a draft', () => {
    const at = { now: NOW + 1, by: 'admin' };
    expect(openDraft(draft, { ...at, signedOffBy: null })).toEqual({
      ok: false,
      error: 'not_signed_off',
    });
    expect(openDraft(draft, { ...at, signedOffBy: 'admin' })).toEqual({
      ok: false,
      error: 'second_person',
    });
    const opened = must(openDraft(draft, { ...at, signedOffBy: 'reviewer' }));
    expect(opened).toMatchObject({ state: 'open', lastChange: { reason: 'opened', by: 'admin' } });
    expect(openDraft(opened, { ...at, signedOffBy: 'reviewer' })).toEqual({
      ok: false,
      error: 'not_draft',
    });
    expect(openDraft(draft, { ...at, now: draft.endsAt, signedOffBy: 'reviewer' })).toEqual({
      ok: false,
      error: 'window_closed',
    });
  });
});
