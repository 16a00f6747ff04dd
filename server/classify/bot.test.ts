// Tests bot detection from the User-Agent header, including hostile input.
import { describe, expect, test } from 'vitest';
import { isBot } from './bot';

const chrome =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
const firefox = 'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0';
const iphone =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';

describe('isBot', () => {
  test.each([
    ['undefined', undefined, true],
    ['empty', '', true],
    ['whitespace only', '          \t ', true],
    ['shorter than 10 chars', 'Mozilla/5', true],
    ['10 chars of padding around a short UA', '   abc    ', true],
    ['bare Mozilla/5.0', 'Mozilla/5.0', true],
    ['curl', 'curl/8.4.0 (x86_64-pc-linux-gnu)', true],
    ['python-requests', 'python-requests/2.31.0', true],
    ['Googlebot', 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', true],
    ['bingbot', 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)', true],
    ['HeadlessChrome', chrome.replace('Chrome/', 'HeadlessChrome/'), true],
    ['GPTBot', 'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2)', true],
    ['Chrome desktop', chrome, false],
    ['Firefox Linux', firefox, false],
    ['Safari iPhone', iphone, false],
    ['Chrome with surrounding spaces', `  ${chrome}  `, false],
  ])('%s', (_name, ua, expected) => {
    expect(isBot(ua)).toBe(expected);
  });

  test.each([
    ['10 KB UA', 'Mozilla/5.0 ' + 'a'.repeat(10_240)],
    ['10 KB of parentheses', 'Mozilla/5.0 (' + '('.repeat(10_240)],
    ['control chars and RTL override', `${chrome}\u0000\u202E`],
  ])('hostile %s answers without throwing, quickly', (_name, ua) => {
    const start = performance.now();
    expect(typeof isBot(ua)).toBe('boolean');
    expect(performance.now() - start).toBeLessThan(200);
  });

  test('non-string at runtime counts as a bot', () => {
    expect(isBot(42 as unknown as string)).toBe(true);
  });
});
