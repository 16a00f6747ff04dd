// Tests the pure parts of a recording's start: offer, stored id, request body, the server's answer.
import { describe, expect, test } from 'vitest';
import {
  continuedRecording,
  offerFromModuleUrl,
  parseStartAnswer,
  startBody,
  storedRecording,
  withdrawsConsent,
} from './start';
import { NOTICE_TEXT, noticeText } from './notice';
import { onPageNoticeText } from '../../server/replay/record-of-processing';

const moduleUrl = 'https://stats.test/replay.js?o=AbCdEf0123456789_-.xyz';

describe('offerFromModuleUrl', () => {
  test.each<[string, string | null]>([
    [moduleUrl, 'AbCdEf0123456789_-.xyz'],
    ['https://stats.test/replay.js', null],
    ['https://stats.test/replay.js?o=', null],
    ['https://stats.test/replay.js?o=short', null],
    ['https://stats.test/replay.js?o=has%20space0123456789', null],
    [`https://stats.test/replay.js?o=${'a'.repeat(1025)}`, null],
    // A fragment is not where the offer is (it can be stale in Chromium's memory cache).
    ['https://stats.test/replay.js#AbCdEf0123456789_-.xyz', null],
    ['https://stats.test/replay.js?continue', null],
  ])('%s → %s', (url, expected) => {
    expect(offerFromModuleUrl(url)).toBe(expected);
  });
});

describe('the per-tab recording id', () => {
  test('round trip', () => {
    expect(continuedRecording(storedRecording('AAAAAAAAAAAAAAAAAAAAAA'))).toBe(
      'AAAAAAAAAAAAAAAAAAAAAA',
    );
  });

  test.each([null, '', 'x', '{"id":1}', '{"id":"a b"}', 'null', '[]', '{"id":"short"}'])(
    'garbage %j is ignored',
    (stored) => {
      expect(continuedRecording(stored)).toBeUndefined();
    },
  );
});

test('startBody names offer, page and the recording to continue', () => {
  expect(
    JSON.parse(startBody('o'.repeat(20), 'https://s.test/a?b', 'AAAAAAAAAAAAAAAAAAAAAA')),
  ).toEqual({
    offer: 'o'.repeat(20),
    url: 'https://s.test/a?b',
    continue: 'AAAAAAAAAAAAAAAAAAAAAA',
  });
  expect(JSON.parse(startBody('o'.repeat(20), 'https://s.test/'))).toEqual({
    offer: 'o'.repeat(20),
    url: 'https://s.test/',
  });
  // Loaded by the tab loader: no offer, only the recording to continue.
  expect(JSON.parse(startBody(null, 'https://s.test/', 'AAAAAAAAAAAAAAAAAAAAAA'))).toEqual({
    url: 'https://s.test/',
    continue: 'AAAAAAAAAAAAAAAAAAAAAA',
  });
});

describe('parseStartAnswer', () => {
  const ok = {
    recording: 'Rec_0123456789abcdefghij',
    endpoint: '/api/replay/chunk',
    unmaskSelectors: ['.promo'],
    maxDurationMs: 600_000,
    flushIntervalMs: 5000,
  };

  test('a 201 grant: the endpoint resolved against the module URL', () => {
    expect(parseStartAnswer(201, ok, moduleUrl)).toEqual({
      recordingId: ok.recording,
      firstSeq: 0,
      endpoint: 'https://stats.test/api/replay/chunk',
      unmaskSelectors: ['.promo'],
      maxDurationMs: 600_000,
      flushIntervalMs: 5000,
      canary: undefined,
      notice: { until: null },
    });
    expect(
      parseStartAnswer(201, { ...ok, canary: 'pomelo-canary-3f9a1c' }, moduleUrl)?.canary,
    ).toBe('pomelo-canary-3f9a1c');
    // A continuing page starts at the server's sequence; a bad one is no grant.
    expect(parseStartAnswer(201, { ...ok, seq: 7 }, moduleUrl)?.firstSeq).toBe(7);
    for (const seq of [-1, 1.5, '3', 10_001]) {
      expect(parseStartAnswer(201, { ...ok, seq }, moduleUrl)).toBeNull();
    }
  });

  test('the on-page notice is on unless the server says null; its date only when well-formed', () => {
    const until = '2026-03-04T09:00:00.000Z';
    const notice = (n: unknown) => parseStartAnswer(201, { ...ok, notice: n }, moduleUrl)?.notice;
    expect(notice({ until })).toEqual({ until: new Date(until) });
    expect(notice(null)).toBeNull();
    expect(notice(undefined)).toEqual({ until: null });
    expect(notice({ until: '<b>soon</b>' })).toEqual({ until: null });
    expect(notice('hide')).toEqual({ until: null });
  });

  test('the notice’s words in the site’s language, kept only when all are short strings', () => {
    const until = '2026-03-04T09:00:00.000Z';
    const text = onPageNoticeText('fr');
    const notice = (t: unknown) =>
      parseStartAnswer(201, { ...ok, notice: { until, text: t } }, moduleUrl)?.notice;
    expect(notice(text)).toEqual({ until: new Date(until), text });
    for (const bad of [
      'fr',
      { ...text, stop: 42 },
      { ...text, stopped: '' },
      { ...text, label: 'x'.repeat(301) },
      { ...text, lang: 'fr"><b>' },
      { ...text, recordedUntil: 'no date slot' },
      { ...text, label: undefined },
    ]) {
      expect(notice(bad)).toEqual({ until: new Date(until) });
    }
  });

  test('optional fields may be missing', () => {
    expect(
      parseStartAnswer(201, { recording: ok.recording, endpoint: ok.endpoint }, moduleUrl),
    ).toMatchObject({ unmaskSelectors: [], maxDurationMs: undefined, flushIntervalMs: undefined });
  });

  test.each<[string, number, unknown]>([
    ['403', 403, { error: 'offer_invalid' }],
    ['410', 410, { error: 'window_closed' }],
    ['200 instead of 201', 200, ok],
    ['no body', 201, null],
    ['a string', 201, 'ok'],
    ['no recording', 201, { ...ok, recording: undefined }],
    ['a bad recording id', 201, { ...ok, recording: 'a/b' }],
    ['no endpoint', 201, { ...ok, endpoint: 1 }],
    ['an endpoint on another origin', 201, { ...ok, endpoint: 'https://evil.test/c' }],
    ['a javascript: endpoint', 201, { ...ok, endpoint: 'javascript:alert(1)' }],
    ['selectors not a list', 201, { ...ok, unmaskSelectors: '.promo' }],
    ['a selector not a string', 201, { ...ok, unmaskSelectors: [1] }],
    ['a canary with markup', 201, { ...ok, canary: '<b>canary-123</b>' }],
    ['a canary not a string', 201, { ...ok, canary: 12345678 }],
  ])('refused: %s', (_name, status, body) => {
    expect(parseStartAnswer(status, body, moduleUrl)).toBeNull();
  });

  test('non-positive limits are ignored, not trusted', () => {
    expect(
      parseStartAnswer(201, { ...ok, maxDurationMs: -1, flushIntervalMs: '5000' }, moduleUrl),
    ).toMatchObject({ maxDurationMs: undefined, flushIntervalMs: undefined });
  });
});

describe('withdrawsConsent', () => {
  test.each<[unknown, unknown, boolean]>([
    ['consent', { replay: false }, true],
    ['consent', {}, true],
    ['consent', undefined, true],
    ['consent', { replay: 'true' }, true],
    ['consent', { replay: true }, false],
    ['Signup', { replay: false }, false],
  ])('%s %j → %s', (name, props, expected) => {
    expect(withdrawsConsent(name, props)).toBe(expected);
  });
});

describe('noticeText', () => {
  const until = new Date('2026-03-04T09:00:00.000Z');

  test('the server’s words, with the end date written in their language', () => {
    expect(noticeText(until, 'en', onPageNoticeText('fr'))).toBe(
      'Cette visite est enregistrée pour améliorer ce site jusqu’au 4 mars 2026 — ',
    );
    expect(noticeText(until, 'fr', onPageNoticeText('en'))).toBe(
      'This visit is recorded to improve this site until March 4, 2026 — ',
    );
    expect(noticeText(null, 'en', onPageNoticeText('fr'))).toBe(
      'Cette visite est enregistrée pour améliorer ce site — ',
    );
  });

  test('without words from the server: English, the date in the page’s language', () => {
    expect(noticeText(until, 'fr')).toBe(
      'This visit is recorded to improve this site until 4 mars 2026 — ',
    );
    expect(noticeText(null, undefined)).toBe(`${NOTICE_TEXT.recorded} — `);
    // The built-in English is the server's English, word for word.
    expect(NOTICE_TEXT).toEqual(onPageNoticeText('en'));
  });
});
