// Tests User-Agent family parsing and its bounded cache, including hostile input.
import { describe, expect, test } from 'vitest';
import { createUserAgentCache, parseUserAgent } from './user-agent';

const UA = {
  chromeWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  firefoxMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.4; rv:125.0) Gecko/20100101 Firefox/125.0',
  safariMac:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  edge: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.51',
  iphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  ipad: 'Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  pixel:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
  galaxyTab:
    'Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  samsung:
    'Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36',
  linuxFirefox: 'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
  chromeOs:
    'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  opera:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 OPR/109.0.0.0',
};

describe('parseUserAgent', () => {
  test.each([
    ['Chrome on Windows', UA.chromeWindows, 'Chrome', 'Windows', 'desktop'],
    ['Firefox on macOS', UA.firefoxMac, 'Firefox', 'Mac OS', 'desktop'],
    ['Safari on macOS', UA.safariMac, 'Safari', 'Mac OS', 'desktop'],
    ['Edge', UA.edge, 'Edge', 'Windows', 'desktop'],
    ['Opera', UA.opera, 'Opera', 'Windows', 'desktop'],
    ['Safari on iPhone', UA.iphone, 'Mobile Safari', 'iOS', 'mobile'],
    ['Safari on iPad', UA.ipad, 'Mobile Safari', 'iOS', 'tablet'],
    ['Chrome on Pixel', UA.pixel, 'Chrome', 'Android', 'mobile'],
    ['Chrome on Galaxy Tab', UA.galaxyTab, 'Chrome', 'Android', 'tablet'],
    ['Samsung Internet', UA.samsung, 'Samsung Internet', 'Android', 'mobile'],
    ['Firefox on Linux', UA.linuxFirefox, 'Firefox', 'Linux', 'desktop'],
    ['Chrome on ChromeOS', UA.chromeOs, 'Chrome', 'Chromium OS', 'desktop'],
    ['empty', '', '(unknown)', '(unknown)', 'desktop'],
    ['garbage', 'hello world, not a browser', '(unknown)', '(unknown)', 'desktop'],
    ['__proto__', '__proto__', '(unknown)', '(unknown)', 'desktop'],
    [
      'control chars',
      'Mozilla/5.0 (\u0000\u202E evil) Foo\u0007Bar/1.0',
      '(unknown)',
      '(unknown)',
      'desktop',
    ],
    [
      'RTL override before a real token',
      'Mozilla/5.0 (X11; Linux) \u202EFirefox/1',
      'Firefox',
      'Linux',
      'desktop',
    ],
    ['10 KB of junk', 'Mozilla/5.0 ' + 'a'.repeat(10_240), '(unknown)', '(unknown)', 'desktop'],
    [
      'a browser token past 500 chars is ignored',
      `Mozilla/5.0 ${'x'.repeat(600)} Firefox/125.0`,
      '(unknown)',
      '(unknown)',
      'desktop',
    ],
    [
      'smart TV counts as desktop',
      'Mozilla/5.0 (SMART-TV; Linux; Tizen 6.0) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/4.0 Chrome/76.0.3809.146 TV Safari/537.36',
      'Samsung Internet',
      'Tizen',
      'desktop',
    ],
  ])('%s', (_name, ua, browser, os, device) => {
    expect(parseUserAgent(ua)).toEqual({ browser, os, device });
  });

  test('never returns a version number', () => {
    for (const ua of Object.values(UA)) {
      const { browser, os } = parseUserAgent(ua);
      expect(`${browser} ${os}`).not.toMatch(/\d/);
    }
  });
});

describe('createUserAgentCache', () => {
  test('returns the same answers as parseUserAgent', () => {
    const cached = createUserAgentCache();
    for (const ua of Object.values(UA)) {
      expect(cached(ua)).toEqual(parseUserAgent(ua));
      expect(cached(ua)).toEqual(parseUserAgent(ua));
    }
  });

  test('a hit returns the cached (frozen) object', () => {
    const cached = createUserAgentCache(10);
    const first = cached(UA.chromeWindows);
    expect(cached(UA.chromeWindows)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });

  test('stays bounded: the least recently used entry is evicted', () => {
    const cached = createUserAgentCache(2);
    const a = cached(UA.chromeWindows);
    const b = cached(UA.firefoxMac);
    expect(cached(UA.chromeWindows)).toBe(a); // a is now the most recent
    cached(UA.iphone); // evicts b
    expect(cached(UA.chromeWindows)).toBe(a);
    expect(cached(UA.firefoxMac)).not.toBe(b); // re-parsed after eviction
  });

  test('many distinct UAs never keep more than maxEntries', () => {
    const cached = createUserAgentCache(50);
    const firsts = [];
    for (let i = 0; i < 5_000; i++) firsts.push(cached(`${UA.chromeWindows} build/${i}`));
    // Exactly the last 50 are still cached (checked newest first, so no check evicts another).
    for (let i = 4_999; i >= 4_950; i--)
      expect(cached(`${UA.chromeWindows} build/${i}`)).toBe(firsts[i]);
    expect(cached(`${UA.chromeWindows} build/4949`)).not.toBe(firsts[4_949]);
    expect(cached(`${UA.chromeWindows} build/0`)).not.toBe(firsts[0]);
  });

  test.each([
    ['zero', 0],
    ['negative', -3],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
  ])('odd capacity %s still works', (_name, max) => {
    const cached = createUserAgentCache(max);
    expect(cached(UA.iphone)).toEqual({ browser: 'Mobile Safari', os: 'iOS', device: 'mobile' });
    expect(cached(UA.pixel)).toEqual({ browser: 'Chrome', os: 'Android', device: 'mobile' });
  });

  test('UAs differing only past 500 chars share one entry', () => {
    const cached = createUserAgentCache(5);
    const base = UA.firefoxMac + ' '.repeat(500);
    expect(cached(base + 'a')).toBe(cached(base + 'b'));
  });
});
