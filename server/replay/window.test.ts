// Tests opening a replay window (defaults, every validation error), settings changes and the
// effective state over time.
import { describe, expect, test } from 'vitest';
import { effectiveState, isRecording, openWindow, updateWindow, type ReplayWindow } from './window';

const NOW = Date.parse('2026-11-03T10:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ctx = { id: 'w1', siteId: 's1', now: NOW };
const valid = {
  purpose: 'ux_debugging',
  ownerId: 'u-owner',
  includeRules: ['/products/**'],
  viewerIds: ['u-owner', 'u-designer'],
};

function opened(extra: Record<string, unknown> = {}): ReplayWindow {
  const result = openWindow({ ...valid, ...extra }, ctx);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.window;
}

describe('openWindow', () => {
  test('applies the defaults: start now, end +24 h, 10 %, caps, 7 days, no unmasking', () => {
    expect(opened()).toEqual({
      id: 'w1',
      siteId: 's1',
      purpose: 'ux_debugging',
      purposeText: null,
      ticketUrl: null,
      ownerId: 'u-owner',
      createdAt: NOW,
      startsAt: NOW,
      endsAt: NOW + DAY,
      sampleRate: 0.1,
      caps: { maxSessions: 200, maxMinutesPerRecording: 15, maxPagesPerRecording: 20 },
      includeRules: ['/products/**'],
      excludeRules: [],
      unmaskSelectors: [],
      retentionDays: 7,
      viewerIds: ['u-owner', 'u-designer'],
      state: 'open',
      lastChange: { state: 'open', at: NOW, by: 'u-owner', reason: 'opened', detail: null },
      closedAt: null,
    });
  });

  test('keeps every explicit value at its maximum', () => {
    const w = opened({
      purpose: 'other',
      purposeText: 'Accessibility audit of the quote form',
      ticketUrl: 'https://tracker.test/issue/42',
      startsAt: '2026-11-04T00:00:00Z',
      endsAt: Date.parse('2026-11-04T00:00:00Z') + 14 * DAY,
      sampleRate: 0.25,
      caps: { maxSessions: 2000, maxMinutesPerRecording: 60, maxPagesPerRecording: 100 },
      excludeRules: ['/products/gift-*'],
      unmaskSelectors: ['.faq-answer', '[data-replay-unmask]'],
      retentionDays: 30,
    });
    expect(w).toMatchObject({
      purposeText: 'Accessibility audit of the quote form',
      ticketUrl: 'https://tracker.test/issue/42',
      startsAt: Date.parse('2026-11-04T00:00:00Z'),
      endsAt: Date.parse('2026-11-18T00:00:00Z'),
      sampleRate: 0.25,
      caps: { maxSessions: 2000, maxMinutesPerRecording: 60, maxPagesPerRecording: 100 },
      unmaskSelectors: ['.faq-answer', '[data-replay-unmask]'],
      retentionDays: 30,
    });
  });

  test.each<[string, Record<string, unknown>, string, string]>([
    ['no purpose', { purpose: undefined }, 'purpose', 'required'],
    ['unknown purpose', { purpose: 'curiosity' }, 'purpose', 'invalid'],
    ['marketing', { purpose: 'marketing' }, 'purpose', 'forbidden_purpose'],
    ['retargeting', { purpose: 'retargeting' }, 'purpose', 'forbidden_purpose'],
    ['other without text', { purpose: 'other' }, 'purposeText', 'required'],
    ['other with blank text', { purpose: 'other', purposeText: '  ' }, 'purposeText', 'required'],
    [
      'other for ads',
      { purpose: 'other', purposeText: 'Ads optimisation' },
      'purposeText',
      'forbidden_purpose',
    ],
    [
      'text for remarketing',
      { purposeText: 'remarketing lists' },
      'purposeText',
      'forbidden_purpose',
    ],
    [
      'text too long',
      { purpose: 'other', purposeText: 'x'.repeat(501) },
      'purposeText',
      'too_long',
    ],
    ['text not a string', { purposeText: 42 }, 'purposeText', 'invalid'],
    ['ticket not a URL', { ticketUrl: 'ticket 42' }, 'ticketUrl', 'invalid'],
    ['ticket javascript:', { ticketUrl: 'javascript:alert(1)' }, 'ticketUrl', 'invalid'],
    [
      'ticket too long',
      { ticketUrl: `https://t.test/${'a'.repeat(2000)}` },
      'ticketUrl',
      'too_long',
    ],
    ['no owner', { ownerId: undefined }, 'ownerId', 'required'],
    ['owner not a string', { ownerId: 7 }, 'ownerId', 'invalid'],
    ['owner too long', { ownerId: 'u'.repeat(201) }, 'ownerId', 'too_long'],
    ['start not a time', { startsAt: 'soon' }, 'startsAt', 'invalid'],
    ['start in the past', { startsAt: NOW - HOUR }, 'startsAt', 'in_past'],
    ['start too far ahead', { startsAt: NOW + 31 * DAY }, 'startsAt', 'out_of_range'],
    ['end not a time', { endsAt: 'tomorrow' }, 'endsAt', 'invalid'],
    ['end before start', { startsAt: NOW + DAY, endsAt: NOW + HOUR }, 'endsAt', 'end_before_start'],
    ['end equal to start', { endsAt: NOW }, 'endsAt', 'end_before_start'],
    ['end within the start skew', { startsAt: NOW - 60_000, endsAt: NOW - 1 }, 'endsAt', 'in_past'],
    ['window over 14 days', { endsAt: NOW + 14 * DAY + 1 }, 'endsAt', 'window_too_long'],
    ['sample rate 0', { sampleRate: 0 }, 'sampleRate', 'out_of_range'],
    ['sample rate over 25 %', { sampleRate: 0.26 }, 'sampleRate', 'out_of_range'],
    ['sample rate as text', { sampleRate: '0.1' }, 'sampleRate', 'invalid'],
    ['sessions cap over max', { caps: { maxSessions: 2001 } }, 'caps.maxSessions', 'out_of_range'],
    ['sessions cap fractional', { caps: { maxSessions: 1.5 } }, 'caps.maxSessions', 'invalid'],
    [
      'minutes cap 0',
      { caps: { maxMinutesPerRecording: 0 } },
      'caps.maxMinutesPerRecording',
      'out_of_range',
    ],
    [
      'pages cap over max',
      { caps: { maxPagesPerRecording: 101 } },
      'caps.maxPagesPerRecording',
      'out_of_range',
    ],
    ['no include rules', { includeRules: undefined }, 'includeRules', 'required'],
    ['empty include rules', { includeRules: [] }, 'includeRules', 'required'],
    ['include rules not a list', { includeRules: '/blog' }, 'includeRules', 'invalid'],
    ['bad include rule', { includeRules: ['blog'] }, 'includeRules[0]', 'invalid'],
    [
      'too many include rules',
      { includeRules: Array.from({ length: 51 }, (_, i) => `/p${i}`) },
      'includeRules',
      'too_long',
    ],
    ['duplicate include rules', { includeRules: ['/a', '/a'] }, 'includeRules', 'duplicate'],
    ['bad exclude rule', { excludeRules: ['/x', '/y?z'] }, 'excludeRules[1]', 'invalid'],
    [
      'selector with a brace',
      { unmaskSelectors: ['p{color:red}'] },
      'unmaskSelectors[0]',
      'invalid',
    ],
    ['selector with <', { unmaskSelectors: ['<script>'] }, 'unmaskSelectors[0]', 'invalid'],
    [
      'selector too long',
      { unmaskSelectors: ['.a'.repeat(101)] },
      'unmaskSelectors[0]',
      'too_long',
    ],
    ['empty selector', { unmaskSelectors: [''] }, 'unmaskSelectors[0]', 'invalid'],
    [
      'selector unmasking everything',
      { unmaskSelectors: ['.faq, body'] },
      'unmaskSelectors[0]',
      'invalid',
    ],
    ['universal selector', { unmaskSelectors: ['*'] }, 'unmaskSelectors[0]', 'invalid'],
    [
      'too many selectors',
      { unmaskSelectors: Array.from({ length: 21 }, (_, i) => `.s${i}`) },
      'unmaskSelectors',
      'too_long',
    ],
    ['retention over 30 days', { retentionDays: 31 }, 'retentionDays', 'out_of_range'],
    ['retention fractional', { retentionDays: 1.5 }, 'retentionDays', 'invalid'],
    ['no viewers', { viewerIds: [] }, 'viewerIds', 'required'],
    ['viewers missing', { viewerIds: undefined }, 'viewerIds', 'required'],
    ['viewer not an id', { viewerIds: [''] }, 'viewerIds[0]', 'required'],
    ['duplicate viewers', { viewerIds: ['a', 'a'] }, 'viewerIds', 'duplicate'],
  ])('rejects %s', (_name, extra, field, code) => {
    const result = openWindow({ ...valid, ...extra }, ctx);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => [e.field, e.code])).toEqual([[field, code]]);
  });

  test('reports every bad field at once, and a non-object request as all required fields', () => {
    const result = openWindow('nonsense', ctx);
    expect(!result.ok && result.errors.map((e) => e.field)).toEqual([
      'purpose',
      'ownerId',
      'includeRules',
      'viewerIds',
    ]);
  });
});

describe('updateWindow', () => {
  const w = opened();

  test('changes settings and lists what changed', () => {
    const result = updateWindow(
      w,
      { sampleRate: 0.2, caps: { maxSessions: 50 }, viewerIds: ['u-owner'], retentionDays: 7 },
      NOW + HOUR,
    );
    expect(result.ok && result.changed).toEqual(['sampleRate', 'caps', 'viewerIds']);
    expect(result.ok && result.window.caps).toEqual({
      maxSessions: 50,
      maxMinutesPerRecording: 15,
      maxPagesPerRecording: 20,
    });
  });

  test('can extend the end up to 14 days after the start, not beyond', () => {
    expect(updateWindow(w, { endsAt: NOW + 14 * DAY }, NOW).ok).toBe(true);
    const result = updateWindow(w, { endsAt: NOW + 15 * DAY }, NOW);
    expect(!result.ok && result.errors[0]?.code).toBe('window_too_long');
  });

  test.each([
    ['purpose', 'qa'],
    ['purpose', 'ux_debugging'],
    ['purposeText', 'new reason'],
    ['ownerId', 'u-other'],
    ['ticketUrl', 'https://t.test/2'],
    ['startsAt', NOW + HOUR],
    ['id', 'w2'],
    ['siteId', 's2'],
  ])('rejects a change to %s (immutable)', (field, value) => {
    const result = updateWindow(w, { [field]: value }, NOW);
    expect(!result.ok && result.errors).toEqual([
      { field, code: 'immutable', message: `${field} is fixed when the window opens` },
    ]);
  });

  test.each(['state', 'closedAt', 'lastChange', 'nonsense'])(
    'rejects unknown field %s',
    (field) => {
      const result = updateWindow(w, { [field]: 'closed' }, NOW);
      expect(!result.ok && result.errors.map((e) => e.code)).toEqual(['unknown_field']);
    },
  );

  test('validates changed values like openWindow does', () => {
    const result = updateWindow(w, { includeRules: [], unmaskSelectors: ['body'] }, NOW);
    expect(!result.ok && result.errors.map((e) => [e.field, e.code])).toEqual([
      ['includeRules', 'required'],
      ['unmaskSelectors[0]', 'invalid'],
    ]);
  });

  test('a closed window (here: past its end) cannot change', () => {
    const result = updateWindow(w, { sampleRate: 0.2 }, NOW + DAY);
    expect(!result.ok && result.errors.map((e) => e.code)).toEqual(['window_closed']);
  });
});

describe('effectiveState', () => {
  test.each<[string, Record<string, unknown>, number, string, boolean]>([
    ['open now', {}, NOW, 'open', true],
    ['scheduled before its start', { startsAt: NOW + HOUR }, NOW, 'scheduled', false],
    ['open at its start', { startsAt: NOW + HOUR }, NOW + HOUR, 'open', true],
    ['open a millisecond before its end', {}, NOW + DAY - 1, 'open', true],
    ['closed at its end, without any job', {}, NOW + DAY, 'closed', false],
    ['closed long after', {}, NOW + 30 * DAY, 'closed', false],
  ])('%s', (_name, extra, at, state, recording) => {
    const w = opened(extra);
    expect(effectiveState(w, at)).toBe(state);
    expect(isRecording(w, at)).toBe(recording);
  });

  test('paused stays paused until its end, then closes', () => {
    const w: ReplayWindow = { ...opened(), state: 'paused' };
    expect(effectiveState(w, NOW + HOUR)).toBe('paused');
    expect(effectiveState(w, NOW + DAY)).toBe('closed');
  });
});
