// Tests page URL parsing and host-to-site-domain matching, including hostile input.
import { describe, expect, test } from 'vitest';
import { hostMatchesDomain, parsePageUrl } from './url';

describe('parsePageUrl', () => {
  test.each([
    ['https', 'https://example.com/a?b=c#d', 'https://example.com/a?b=c#d'],
    ['http with port', 'http://example.test:8080/', 'http://example.test:8080/'],
    ['uppercase host lowercased', 'HTTPS://EXAMPLE.COM/Path', 'https://example.com/Path'],
    ['IDN host punycoded', 'https://bücher.de/', 'https://xn--bcher-kva.de/'],
    ['IP host', 'http://127.0.0.1:3000/', 'http://127.0.0.1:3000/'],
    ['IPv6 host', 'http://[::1]:3000/', 'http://[::1]:3000/'],
    ['localhost', 'http://localhost/', 'http://localhost/'],
    [
      'exactly 2,048 chars',
      `https://example.com/${'a'.repeat(2028)}`,
      `https://example.com/${'a'.repeat(2028)}`,
    ],
    ['__proto__ host', 'http://__proto__/', 'http://__proto__/'],
  ])('%s', (_name, raw, href) => {
    expect(parsePageUrl(raw)?.href).toBe(href);
  });

  test.each([
    ['empty', ''],
    ['not a URL', 'example.com/page'],
    ['relative', '/page'],
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:text/html,hi'],
    ['file:', 'file:///etc/passwd'],
    ['ftp:', 'ftp://example.com/'],
    ['ws:', 'ws://example.com/'],
    ['about:blank', 'about:blank'],
    ['no host', 'http://'],
    ['bad port', 'https://example.com:99999/'],
    ['2,049 chars', `https://example.com/${'a'.repeat(2029)}`],
    ['10 KB', `https://example.com/${'a'.repeat(10_240)}`],
    ['forbidden host char', 'https://exa mple.com/'],
  ])('%s → null', (_name, raw) => {
    expect(parsePageUrl(raw)).toBeNull();
  });

  test.each([
    ['undefined', undefined],
    ['number', 42],
    ['object', { href: 'https://example.com/' }],
  ])('non-string %s at runtime → null', (_name, raw) => {
    expect(parsePageUrl(raw as unknown as string)).toBeNull();
  });
});

describe('hostMatchesDomain', () => {
  test.each([
    ['example.com', 'example.com', true],
    ['www.example.com', 'example.com', true],
    ['shop.example.com', 'example.com', true],
    ['a.b.example.com', 'example.com', true],
    ['EXAMPLE.COM', 'example.com', true],
    ['example.com', 'Example.Com', true],
    ['example.com.', 'example.com', true],
    ['example.test', 'example.test', true],
    ['localhost', 'localhost', true],
    ['127.0.0.1', '127.0.0.1', true],
    ['xn--bcher-kva.de', 'bücher.de', true],
    ['notexample.com', 'example.com', false],
    ['example.com.evil.net', 'example.com', false],
    ['example.co', 'example.com', false],
    ['example.com', 'www.example.com', false],
    ['example.com', 'com', true],
    ['example.com', '', false],
    ['', 'example.com', false],
    ['', '', false],
    ['__proto__', '__proto__', true],
    ['x.__proto__', 'constructor', false],
    ['127.0.0.10', '0.0.10', false],
    ['127.0.0.10', '10', false],
    ['[::1]', '[::1]', true],
    ['[::1]', '1]', false],
    ['a'.repeat(10_240) + '.example.com', 'example.com', true],
  ])('%s vs %s → %s', (host, domain, expected) => {
    expect(hostMatchesDomain(host, domain)).toBe(expected);
  });
});
