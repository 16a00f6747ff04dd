// Tests the built-in denylist, token detection, include/exclude rule syntax and isRecordable.
import { describe, expect, test } from 'vitest';
import { compileUrlRule, isRecordable, looksRandom, type NotRecordableReason } from './url-rules';

const everything = { includeRules: ['/'], excludeRules: [] };

describe('the built-in denylist cannot be lifted', () => {
  test.each([
    'https://shop.test/login',
    'https://shop.test/LOGIN',
    'https://shop.test/sign-in',
    'https://shop.test/signin?next=/',
    'https://shop.test/sign_up',
    'https://shop.test/signup',
    'https://shop.test/register',
    'https://shop.test/my-account/orders',
    'https://shop.test/account',
    'https://shop.test/checkout/step-2',
    'https://shop.test/payment',
    'https://shop.test/fr/payments/card',
    'https://shop.test/wp-admin/',
    'https://shop.test/wp-login.php',
    'https://shop.test/user/settings',
    'https://shop.test/password',
    'https://shop.test/forgot-password',
    'https://shop.test/reset/abc',
    'https://shop.test/oauth/callback',
    'https://shop.test/billing',
    'https://shop.test/%61dmin',
    'https://shop.test/app#/account/profile',
    'https://shop.test/app#!/login',
  ])('%s', (url) => {
    // Even a window whose include rule names the page exactly.
    const path = new URL(url).pathname;
    expect(isRecordable(url, { includeRules: ['/', path, '/**'], excludeRules: [] })).toEqual({
      ok: false,
      reason: 'denylisted_path',
    });
  });
});

describe('token-like URLs are never recorded', () => {
  test.each([
    'https://shop.test/welcome?token=abc',
    'https://shop.test/welcome?access_token=abc',
    'https://shop.test/cb?code=xyz&state=1',
    'https://shop.test/p?key=1',
    'https://shop.test/p?api_key=1',
    'https://shop.test/p?secret=1',
    'https://shop.test/p?session_id=1',
    'https://shop.test/p?PHPSESSID=1',
    'https://shop.test/p?auth=1',
    'https://shop.test/p?sig=1',
    'https://shop.test/p?X-Amz-Signature=1',
    'https://shop.test/p?password=1',
    'https://shop.test/p?otp=123456',
    'https://shop.test/p?ref=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJl',
    'https://shop.test/p?u=550e8400-e29b-41d4-a716-446655440000',
    'https://shop.test/p?gclid=Cj0KCQiA4L2BBhCvARIsAO0a6aJ5x9',
    'https://shop.test/p#access_token=abc&expires_in=3600',
    'https://shop.test/magic/8f14e45fceea167a5a36dedd4bea2543ab12cd34',
  ])('%s', (url) => {
    expect(isRecordable(url, everything)).toEqual({ ok: false, reason: 'token_in_url' });
  });

  test.each([
    ['a uuid', '550e8400-e29b-41d4-a716-446655440000', true],
    ['a hex digest', '8f14e45fceea167a5a36dedd4bea2543', true],
    ['a slug with a year', 'summer-sale-2026-landing', false],
    ['a short id', 'a1b2c3', false],
    ['plain words', 'newsletter_november_edition', false],
  ])('looksRandom: %s', (_name, value, expected) => {
    expect(looksRandom(value)).toBe(expected);
  });
});

describe('rule syntax', () => {
  test.each([
    ['/blog', '/blog', true],
    ['/blog', '/blog/', true],
    ['/blog', '/blog/a/b', true],
    ['/blog', '/blogger', false],
    ['/blog/', '/blog/a', true],
    ['/', '/anything/at/all', true],
    ['/Blog', '/blog/x', true],
    ['/products/*', '/products/shoes', true],
    ['/products/*', '/products/shoes/red', false],
    ['/products/*', '/products/', true],
    ['/products/**', '/products/shoes/red', true],
    ['/*/pricing', '/fr/pricing', true],
    ['/*/pricing', '/fr/de/pricing', false],
    ['/**/pricing', '/fr/de/pricing', true],
    ['/docs/*.html', '/docs/intro.html', true],
    ['/docs/*.html', '/docs/introXhtml', false],
    ['/a+b', '/a+b', true],
    ['/a+b', '/aab', false],
  ])('%s on %s → %s', (rule, path, expected) => {
    const compiled = compileUrlRule(rule);
    expect(compiled.ok && compiled.test(path)).toBe(expected);
  });

  test.each([
    ['empty', ''],
    ['relative', 'blog'],
    ['full URL', 'https://shop.test/blog'],
    ['query', '/blog?x=1'],
    ['fragment', '/blog#x'],
    ['space', '/my blog'],
    ['triple star', '/a/***'],
    ['too long', `/${'a'.repeat(200)}`],
  ])('rejects %s', (_name, rule) => {
    expect(compileUrlRule(rule).ok).toBe(false);
  });
});

describe('isRecordable', () => {
  const rules = { includeRules: ['/products/**', '/help'], excludeRules: ['/products/gift-*'] };
  test.each<[string, string, { ok: true } | { ok: false; reason: NotRecordableReason }]>([
    ['included', 'https://shop.test/products/shoes', { ok: true }],
    ['included with a harmless query', 'https://shop.test/help?utm_source=news', { ok: true }],
    ['included with a section fragment', 'https://shop.test/help#shipping', { ok: true }],
    ['decoded path is matched', 'https://shop.test/help/caf%C3%A9', { ok: true }],
    [
      'excluded on top of included',
      'https://shop.test/products/gift-cards',
      { ok: false, reason: 'excluded' },
    ],
    ['not included', 'https://shop.test/blog/post', { ok: false, reason: 'not_included' }],
    ['not a URL', 'not a url', { ok: false, reason: 'bad_url' }],
    ['not http', 'ftp://shop.test/products/x', { ok: false, reason: 'bad_url' }],
    ['javascript', 'javascript:alert(1)', { ok: false, reason: 'bad_url' }],
    [
      'denylist beats include',
      'https://shop.test/products/checkout',
      { ok: false, reason: 'denylisted_path' },
    ],
    [
      'token beats include',
      'https://shop.test/products/x?token=1',
      { ok: false, reason: 'token_in_url' },
    ],
  ])('%s', (_name, url, expected) => {
    expect(isRecordable(url, rules)).toEqual(expected);
  });

  test('no include rule means nothing is recordable', () => {
    expect(isRecordable('https://shop.test/', { includeRules: [], excludeRules: [] })).toEqual({
      ok: false,
      reason: 'not_included',
    });
  });

  test('an invalid rule never matches (validation rejects it before it is stored)', () => {
    expect(
      isRecordable('https://shop.test/x', { includeRules: ['x', '/x?'], excludeRules: [] }),
    ).toEqual({ ok: false, reason: 'not_included' });
  });
});
