import { describe, expect, it } from 'vitest';
import { BUILT_IN_DENYLIST as serverDenylist } from '../../../server/replay/url-rules.js';
import { WINDOW_LIMITS } from '../../../server/replay/window-options.js';
import { openWindow } from '../../../server/replay/window.js';
import { readOpenBody } from '../../../server/replay/window-input.js';
import {
  BUILT_IN_DENYLIST,
  REPLAY_LIMITS,
  REPLAY_PURPOSES,
  defaultOpenWindowForm,
  describeUnmaskSelector,
  fromLocalInput,
  lines,
  openWindowBody,
  toLocalInput,
} from './replay-form.js';

const now = Date.UTC(2026, 10, 29, 10, 30);

describe('replay form', () => {
  it('shows the server built-in denylist and limits, unchanged', () => {
    expect(BUILT_IN_DENYLIST).toEqual(serverDenylist);
    for (const [key, value] of Object.entries(REPLAY_LIMITS)) {
      expect(WINDOW_LIMITS[key as keyof typeof WINDOW_LIMITS]).toEqual(value);
    }
  });

  it('defaults: start empty (now), end 24 h later, 10 %, 7 days, the user owns, no viewer, downloads off, notice shown', () => {
    const form = defaultOpenWindowForm(now, '7');
    expect(form.startsAt).toBe('');
    expect(new Date(form.endsAt).getTime()).toBe(now + 24 * 3_600_000);
    expect(form).toMatchObject({
      samplePercent: '10',
      retentionDays: '7',
      maxSessions: '200',
      maxMinutesPerRecording: '15',
      maxPagesPerRecording: '20',
      ownerUserId: '7',
      viewerUserIds: [],
      canary: false,
      downloadsAllowed: false,
      hideNoticeReason: '',
      purpose: '',
    });
  });

  it('round-trips datetime-local values in the browser zone', () => {
    expect(new Date(toLocalInput(now)).getTime()).toBe(now);
    expect(fromLocalInput(toLocalInput(now))).toBe(new Date(now).toISOString());
    expect(fromLocalInput('  ')).toBe('');
    expect(fromLocalInput('tomorrow')).toBe('tomorrow');
  });

  it('turns the form into the API body, leaving gaps for the server to name', () => {
    const form = {
      ...defaultOpenWindowForm(now, '7'),
      purpose: 'other' as const,
      purposeText: ' checkout bug ',
      samplePercent: '12.5',
      includeRules: '/signup\n\n  /help/*  \n',
      excludeRules: '',
      unmaskSelectors: '.product-name',
      viewerUserIds: ['8', '9'],
      maxSessions: 'lots',
      downloadsAllowed: true,
      hideNoticeReason: '  kiosk pages carry a printed notice ',
    };
    expect(openWindowBody(form)).toEqual({
      purpose: 'other',
      purposeText: 'checkout bug',
      ownerUserId: 7,
      endsAt: fromLocalInput(form.endsAt),
      sampleRate: 0.125,
      maxSessions: 'lots',
      maxMinutesPerRecording: 15,
      maxPagesPerRecording: 20,
      includeRules: ['/signup', '/help/*'],
      excludeRules: [],
      unmaskSelectors: ['.product-name'],
      retentionDays: 7,
      viewerUserIds: [8, 9],
      canary: false,
      downloadsAllowed: true,
      hideNoticeReason: 'kiosk pages carry a printed notice',
    });
    const empty = openWindowBody({ ...defaultOpenWindowForm(now, '7'), endsAt: '' });
    expect(empty).toMatchObject({ purpose: '', endsAt: '', includeRules: [] });
    expect(empty).not.toHaveProperty('purposeText');
    expect(empty).not.toHaveProperty('startsAt');
  });

  it.each(REPLAY_PURPOSES.map((p) => p.value))(
    'a filled form with purpose %s opens a window under the server rules',
    (purpose) => {
      const form = {
        ...defaultOpenWindowForm(now, '7'),
        purpose,
        purposeText: 'form drop-off study',
        includeRules: '/pricing',
        viewerUserIds: ['9'],
      };
      const read = readOpenBody(openWindowBody(form), 7);
      if (!read.ok) throw new Error(JSON.stringify(read.errors));
      const opened = openWindow(read.input, { id: 'w', siteId: '1', now });
      expect(opened.ok ? opened.window.sampleRate : opened.errors).toBe(0.1);
    },
  );

  it('reads one rule per line', () => {
    expect(lines(' a \n\nb\r\n')).toEqual(['a', 'b']);
  });
});

describe('the unmask selector preview', () => {
  it('says what a selector keeps in clear, and that a bare tag is refused', () => {
    expect(describeUnmaskSelector('button.primary')).toBe(
      'button.primary: text of <button> elements with class "primary", and of everything inside them, is kept; form fields and their values stay masked',
    );
    expect(describeUnmaskSelector('[data-kind="faq"]')).toContain('data-kind="faq"');
    expect(describeUnmaskSelector('#total')).toContain('id "total"');
    expect(describeUnmaskSelector('div')).toBe(
      'div: refused unless it names a class, id or data-* attribute',
    );
  });

  it('the whole-site choice is sent only when made', () => {
    const form = defaultOpenWindowForm(Date.parse('2026-03-02T09:00:00Z'), '1');
    expect('wholeSite' in openWindowBody(form)).toBe(false);
    expect(openWindowBody({ ...form, wholeSite: true, includeRules: '/' })).toMatchObject({
      wholeSite: true,
      includeRules: ['/'],
    });
  });
});
