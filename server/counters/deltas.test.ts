import { describe, expect, test } from 'vitest';
import { type ClassifiedEvent, eventPropValue, toDeltas } from './deltas.js';
import { zeroMetrics } from './types.js';

const base: ClassifiedEvent = {
  siteId: 1,
  day: '2026-11-29',
  hour: '2026-11-29T10',
  kind: 'pageview',
  path: '/pricing',
  entry: true,
  source: 'Google',
  referrer: 'google.com',
  utmSource: null,
  utmMedium: null,
  utmCampaign: null,
  country: 'FR',
  browser: 'Chrome',
  os: 'Linux',
  device: 'desktop',
  eventName: 'pageview',
  props: [],
  engagement: null,
};

const rowsOf = (e: ClassifiedEvent) =>
  Object.fromEntries(
    toDeltas(e).daily.map((r) => [
      `${r.dimension}:${r.value}`,
      { ...r, siteId: undefined, day: undefined },
    ]),
  );
const m = (over: Partial<ReturnType<typeof zeroMetrics>>) => ({ ...zeroMetrics(), ...over });
const row = (dimension: string, value: string, over: Partial<ReturnType<typeof zeroMetrics>>) => ({
  siteId: undefined,
  day: undefined,
  dimension,
  value,
  ...m(over),
});

describe('toDeltas', () => {
  test('an entry pageview counts a visit on every visit dimension', () => {
    expect(rowsOf(base)).toEqual({
      'total:': row('total', '', { pageviews: 1, visits: 1 }),
      'page:/pricing': row('page', '/pricing', { pageviews: 1 }),
      'entry:/pricing': row('entry', '/pricing', { pageviews: 1, visits: 1 }),
      'source:Google': row('source', 'Google', { pageviews: 1, visits: 1 }),
      'referrer:google.com': row('referrer', 'google.com', { pageviews: 1, visits: 1 }),
      'country:FR': row('country', 'FR', { pageviews: 1, visits: 1 }),
      'browser:Chrome': row('browser', 'Chrome', { pageviews: 1, visits: 1 }),
      'os:Linux': row('os', 'Linux', { pageviews: 1, visits: 1 }),
      'device:desktop': row('device', 'desktop', { pageviews: 1, visits: 1 }),
    });
    expect(toDeltas(base).hourly).toEqual({
      siteId: 1,
      hour: '2026-11-29T10',
      ...m({ pageviews: 1, visits: 1 }),
    });
  });

  test('a non-entry pageview has no entry or acquisition rows', () => {
    const rows = rowsOf({ ...base, entry: false, source: '(internal)', referrer: null });
    expect(Object.keys(rows).sort()).toEqual(
      [
        'browser:Chrome',
        'country:FR',
        'device:desktop',
        'os:Linux',
        'page:/pricing',
        'total:',
      ].sort(),
    );
    expect(rows['total:']).toMatchObject(m({ pageviews: 1 }));
  });

  test('utm rows appear only when present', () => {
    const rows = rowsOf({ ...base, utmSource: 'news', utmMedium: 'email', utmCampaign: 'fall' });
    expect(rows['utm_source:news']).toMatchObject({ visits: 1 });
    expect(rows['utm_medium:email']).toMatchObject({ visits: 1 });
    expect(rows['utm_campaign:fall']).toMatchObject({ visits: 1 });
  });

  const engagement = (over: Partial<NonNullable<ClassifiedEvent['engagement']>>, entry = true) =>
    rowsOf({
      ...base,
      kind: 'engagement',
      entry,
      eventName: 'engagement',
      engagement: {
        visibleMs: 1500,
        scrollPct: 40,
        continued: false,
        engaged: false,
        followUp: false,
        ...over,
      },
    });

  test('first beacon without continuation: an exit and, for an entry, a bounce', () => {
    const rows = engagement({});
    expect(rows['total:']).toMatchObject(
      m({ engagedMs: 1500, engagements: 1, scrollSum: 40, exits: 1, bounces: 1 }),
    );
    expect(rows['page:/pricing']).toMatchObject(
      m({ engagedMs: 1500, engagements: 1, scrollSum: 40, exits: 1 }),
    );
    expect(rows['exit:/pricing']).toMatchObject(m({ exits: 1 }));
    expect(rows['entry:/pricing']).toMatchObject(m({ bounces: 1 }));
    expect(rows['source:Google']).toMatchObject(m({ bounces: 1 }));
  });

  test('first beacon that continued: no exit, no bounce', () => {
    const rows = engagement({ continued: true });
    expect(rows['total:']).toMatchObject(m({ engagedMs: 1500, engagements: 1, scrollSum: 40 }));
    expect(rows['exit:/pricing']).toBeUndefined();
    expect(rows['entry:/pricing']).toBeUndefined();
  });

  test('a follow-up that continued takes back the exit and the bounce', () => {
    const rows = engagement({
      followUp: true,
      continued: true,
      engaged: true,
      visibleMs: 200,
      scrollPct: 0,
    });
    expect(rows['total:']).toMatchObject(m({ engagedMs: 200, exits: -1, bounces: -1 }));
    expect(rows['exit:/pricing']).toMatchObject(m({ exits: -1 }));
    expect(rows['entry:/pricing']).toMatchObject(m({ bounces: -1 }));
  });

  // Issue 19: Plausible's bounce — a visit with an interactive event is no bounce, still an exit.
  test('first beacon of an entry with an interactive event: an exit, no bounce', () => {
    const rows = engagement({ engaged: true });
    expect(rows['total:']).toMatchObject(
      m({ engagedMs: 1500, engagements: 1, scrollSum: 40, exits: 1, bounces: 0 }),
    );
    expect(rows['exit:/pricing']).toMatchObject(m({ exits: 1 }));
    expect(rows['entry:/pricing']).toBeUndefined();
    expect(rows['source:Google']).toBeUndefined();
  });

  test('a follow-up after an interactive event takes back the bounce, not the exit', () => {
    const rows = engagement({ followUp: true, engaged: true, visibleMs: 100, scrollPct: 0 });
    expect(rows['total:']).toMatchObject(m({ engagedMs: 100, exits: 0, bounces: -1 }));
    expect(rows['exit:/pricing']).toBeUndefined();
    expect(rows['entry:/pricing']).toMatchObject(m({ bounces: -1 }));
  });

  test('a follow-up that continued after an event already reported takes back only the exit', () => {
    const rows = engagement({ followUp: true, continued: true, visibleMs: 100, scrollPct: 0 });
    expect(rows['total:']).toMatchObject(m({ engagedMs: 100, exits: -1, bounces: 0 }));
    expect(rows['entry:/pricing']).toBeUndefined();
  });

  test('a follow-up that did not continue only adds time', () => {
    const rows = engagement({ followUp: true, continued: false, visibleMs: 300, scrollPct: 5 });
    expect(rows['total:']).toMatchObject(m({ engagedMs: 300, scrollSum: 5 }));
    expect(rows['exit:/pricing']).toBeUndefined();
  });

  test('a non-entry exit is not a bounce', () => {
    const rows = engagement({}, false);
    expect(rows['total:']).toMatchObject(
      m({ engagedMs: 1500, engagements: 1, scrollSum: 40, exits: 1 }),
    );
    expect(rows['entry:/pricing']).toBeUndefined();
    expect(rows['source:Google']).toBeUndefined();
  });

  test('Plausible engagement (continuation unknown) adds time, no exit or bounce', () => {
    const rows = engagement({ continued: null });
    expect(rows['total:']).toMatchObject(m({ engagedMs: 1500, engagements: 1, scrollSum: 40 }));
    expect(rows['exit:/pricing']).toBeUndefined();
  });

  test('a custom event counts the event and each prop', () => {
    const rows = rowsOf({ ...base, kind: 'custom', eventName: 'Signup', props: [['plan', 'pro']] });
    expect(rows).toEqual({
      'total:': row('total', '', { events: 1 }),
      'event:Signup': row('event', 'Signup', { events: 1 }),
      [`event_prop:${eventPropValue('Signup', 'plan', 'pro')}`]: row(
        'event_prop',
        '["Signup","plan","pro"]',
        { events: 1 },
      ),
    });
  });

  test('bots are counted apart and never reach the total', () => {
    const d = toDeltas({ ...base, kind: 'bot' });
    expect(d.daily).toEqual([
      { siteId: 1, day: '2026-11-29', dimension: 'bot', value: 'pageview', ...m({ events: 1 }) },
    ]);
    expect(d.hourly).toEqual({ siteId: 1, hour: '2026-11-29T10', ...zeroMetrics() });
  });
});
