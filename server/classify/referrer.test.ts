// Tests referrer classification into internal / source / referrer host, including hostile input.
import { describe, expect, test } from 'vitest';
import { classifyReferrer, type ReferrerClass } from './referrer';
import { REFERRER_OVERRIDES } from './referrer-overrides';

const direct: ReferrerClass = { internal: false, source: '(direct)', referrer: null };
const internal: ReferrerClass = { internal: true, source: '(internal)', referrer: null };
const ext = (source: string, referrer: string): ReferrerClass => ({
  internal: false,
  source,
  referrer,
});

describe('classifyReferrer: no usable referrer', () => {
  test.each<[string, string | null | undefined]>([
    ['null', null],
    ['undefined', undefined],
    ['empty', ''],
    ['not a URL', 'google.com'],
    ['relative', '/path'],
    ['javascript:', 'javascript:alert(document.cookie)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['file:', 'file:///etc/passwd'],
    ['ftp:', 'ftp://example.org/'],
    ['android-app:', 'android-app://com.google.android.gm/'],
    ['about:blank', 'about:blank'],
    ['chrome-extension:', 'chrome-extension://abcdef/page.html'],
    ['malformed', 'http://'],
    ['bad port', 'https://google.com:99999/'],
    ['10 KB of junk', 'x'.repeat(10_240)],
  ])('%s → direct', (_name, referrer) => {
    expect(classifyReferrer(referrer, 'example.com')).toEqual(direct);
  });

  test.each<[string, string | null | undefined, string | null | undefined, string]>([
    ['tagged, no referrer', null, 'newsletter', 'newsletter'],
    ['tagged, javascript: referrer', 'javascript:void(0)', 'newsletter', 'newsletter'],
    ['empty tag', '', '', '(direct)'],
    ['whitespace tag', '', '   ', '(direct)'],
    ['null tag', '', null, '(direct)'],
    ['tag with control chars and RTL override', '', 'news\u0000\u202Eletter', 'newsletter'],
    ['10 KB tag is cut', '', 'n'.repeat(10_240), 'n'.repeat(100)],
  ])('%s', (_name, referrer, tag, source) => {
    expect(classifyReferrer(referrer, 'example.com', tag)).toEqual({
      internal: false,
      source,
      referrer: null,
    });
  });
});

describe('classifyReferrer: internal', () => {
  test.each([
    ['same host', 'https://example.com/a?b=c', 'example.com'],
    ['www vs bare', 'https://www.example.com/', 'example.com'],
    ['bare vs www', 'https://example.com/', 'www.example.com'],
    ['subdomain', 'https://blog.example.com/post', 'example.com'],
    ['case', 'HTTPS://EXAMPLE.COM/', 'Example.Com'],
    ['other port', 'http://example.test:8080/', 'example.test'],
    ['.test subdomain', 'http://a.example.test/', 'example.test'],
    ['localhost', 'http://localhost:3000/x', 'localhost'],
    ['IP', 'http://127.0.0.1:8080/', '127.0.0.1'],
    ['IDN page host, punycode referrer', 'https://www.bücher.de/', 'bücher.de'],
  ])('%s', (_name, referrer, pageHost) => {
    expect(classifyReferrer(referrer, pageHost)).toEqual(internal);
    expect(classifyReferrer(referrer, pageHost, 'newsletter')).toEqual(internal);
  });
});

describe('classifyReferrer: external', () => {
  test.each([
    ['Google', 'https://www.google.com/', ext('Google', 'google.com')],
    ['Google France', 'https://www.google.fr/search?q=secret', ext('Google', 'google.fr')],
    ['Bing', 'https://www.bing.com/search?q=x', ext('Bing', 'bing.com')],
    ['DuckDuckGo', 'https://duckduckgo.com/', ext('DuckDuckGo', 'duckduckgo.com')],
    ['t.co (upstream says Twitter)', 'https://t.co/abc123', ext('Twitter', 't.co')],
    ['Facebook', 'https://www.facebook.com/', ext('Facebook', 'facebook.com')],
    ['l.facebook.com', 'https://l.facebook.com/l.php?u=x', ext('Facebook', 'l.facebook.com')],
    ['m.facebook.com', 'https://m.facebook.com/', ext('Facebook', 'm.facebook.com')],
    [
      'Gmail (exact subdomain beats google.com)',
      'https://mail.google.com/',
      ext('Gmail', 'mail.google.com'),
    ],
    ['Baidu via www. + registrable domain', 'https://baidu.com/s?wd=x', ext('Baidu', 'baidu.com')],
    [
      'YouTube subdomain via registrable domain',
      'https://m.youtube.com/watch?v=x',
      ext('Youtube', 'm.youtube.com'),
    ],
    ['ChatGPT', 'https://chatgpt.com/', ext('ChatGPT', 'chatgpt.com')],
    ['ChatGPT legacy host', 'https://chat.openai.com/c/123', ext('ChatGPT', 'chat.openai.com')],
    ['Perplexity', 'https://www.perplexity.ai/search/x', ext('Perplexity', 'perplexity.ai')],
    ['Claude', 'https://claude.ai/chat/1', ext('Claude', 'claude.ai')],
    ['Gemini beats Google', 'https://gemini.google.com/app', ext('Gemini', 'gemini.google.com')],
    ['Copilot', 'https://copilot.microsoft.com/', ext('Copilot', 'copilot.microsoft.com')],
    [
      'Hacker News',
      'https://news.ycombinator.com/item?id=1',
      ext('Hacker News', 'news.ycombinator.com'),
    ],
    ['Bluesky', 'https://bsky.app/profile/x', ext('Bluesky', 'bsky.app')],
    ['Mastodon', 'https://mastodon.social/@x', ext('Mastodon', 'mastodon.social')],
    [
      'unknown site → registrable domain',
      'https://blog.someone.net/post/1?x=y#z',
      ext('someone.net', 'blog.someone.net'),
    ],
    ['unknown site with www', 'https://www.someone.co.uk/', ext('someone.co.uk', 'someone.co.uk')],
    [
      'github.io user is its own site',
      'https://alice.github.io/p',
      ext('alice.github.io', 'alice.github.io'),
    ],
    [
      'credentials are never kept',
      'https://user:pass@evil.example/',
      ext('evil.example', 'evil.example'),
    ],
    ['IP referrer', 'http://10.0.0.1:8080/admin', ext('10.0.0.1', '10.0.0.1')],
    ['IDN is punycoded', 'https://bücher.de/', ext('xn--bcher-kva.de', 'xn--bcher-kva.de')],
    ['__proto__ host', 'http://__proto__/', ext('__proto__', '__proto__')],
    ['constructor host', 'http://constructor/', ext('constructor', 'constructor')],
    ['trailing dot', 'https://www.google.com./', ext('Google', 'google.com')],
    [
      'surrounding spaces are trimmed by URL',
      '  https://duckduckgo.com/  ',
      ext('DuckDuckGo', 'duckduckgo.com'),
    ],
    ['10 KB path', `https://someone.net/${'a'.repeat(10_240)}`, ext('someone.net', 'someone.net')],
  ])('%s', (_name, referrer, expected) => {
    expect(classifyReferrer(referrer, 'example.com')).toEqual(expected);
  });

  test.each([
    [
      'tag wins over known name',
      'https://www.google.com/',
      'spring-sale',
      ext('spring-sale', 'google.com'),
    ],
    ['empty tag is ignored', 'https://www.google.com/', '', ext('Google', 'google.com')],
    ['null tag is ignored', 'https://www.google.com/', null, ext('Google', 'google.com')],
    ['tag is sanitised', 'https://t.co/x', '\u202Enews\u0000', ext('news', 't.co')],
  ])('%s', (_name, referrer, tag, expected) => {
    expect(classifyReferrer(referrer, 'example.com', tag)).toEqual(expected);
  });

  test('a very long host is cut to 100 chars', () => {
    const label = 'a'.repeat(60);
    const host = `${label}.${label}.${label}.com`;
    const result = classifyReferrer(`https://${host}/`, 'example.com');
    expect(result.referrer).toBe(host.slice(0, 100));
    expect(result.source).toBe(`${label}.com`);
  });

  test('every override is applied', () => {
    for (const [host, name] of Object.entries(REFERRER_OVERRIDES)) {
      expect(classifyReferrer(`https://${host}/`, 'example.com').source).toBe(name);
    }
  });
});
