// Tests registrable domains and same-site comparison, including hostile input.
import { describe, expect, test } from 'vitest';
import { isSameSite, normaliseHost, registrableDomain } from './domain';

describe('registrableDomain', () => {
  test.each([
    ['example.com', 'example.com'],
    ['www.example.com', 'example.com'],
    ['WWW.Example.COM', 'example.com'],
    ['blog.example.com', 'example.com'],
    ['a.b.c.example.com', 'example.com'],
    ['example.co.uk', 'example.co.uk'],
    ['shop.example.co.uk', 'example.co.uk'],
    ['example.com.', 'example.com'],
    // Private PSL section: each github.io / blogspot user is its own site.
    ['alice.github.io', 'alice.github.io'],
    ['www.alice.github.io', 'alice.github.io'],
    ['foo.blogspot.com', 'foo.blogspot.com'],
    // Reserved / unknown TLDs: the last label is treated as the public suffix.
    ['example.test', 'example.test'],
    ['a.example.test', 'example.test'],
    ['a.b.example.test', 'example.test'],
    ['example.local', 'example.local'],
    ['a.localhost', 'a.localhost'],
    // No registrable domain: fallback to the lowercased host without www.
    ['localhost', 'localhost'],
    ['LOCALHOST', 'localhost'],
    ['127.0.0.1', '127.0.0.1'],
    ['[::1]', '[::1]'],
    ['com', 'com'],
    ['co.uk', 'co.uk'],
    ['www', 'www'],
    ['__proto__', '__proto__'],
    ['', ''],
    // IDN: Unicode and punycode forms agree.
    ['bücher.de', 'xn--bcher-kva.de'],
    ['www.xn--bcher-kva.de', 'xn--bcher-kva.de'],
    ['例え.テスト', 'xn--r8jz45g.xn--zckzah'],
  ])('%s → %s', (host, expected) => {
    expect(registrableDomain(host)).toBe(expected);
  });

  test.each([
    ['10 KB host', 'a'.repeat(10_240) + '.com'],
    ['control chars', 'exa\u0000mple.com'],
    ['RTL override', '\u202Eexample.com'],
    ['spaces inside', 'a b.com'],
  ])('hostile %s never throws and returns a string', (_name, host) => {
    expect(typeof registrableDomain(host)).toBe('string');
  });
});

describe('normaliseHost', () => {
  test.each([
    ['Example.COM', 'example.com'],
    ['example.com.', 'example.com'],
    [' example.com ', 'example.com'],
    ['BÜCHER.de', 'xn--bcher-kva.de'],
    ['www.example.com', 'www.example.com'],
    ['[::1]', '[::1]'],
  ])('%s → %s', (host, expected) => {
    expect(normaliseHost(host)).toBe(expected);
  });
});

describe('isSameSite', () => {
  test.each([
    ['example.com', 'example.com', true],
    ['www.example.com', 'example.com', true],
    ['EXAMPLE.com', 'www.Example.COM', true],
    ['blog.example.com', 'example.com', true],
    ['blog.example.com', 'shop.example.com', true],
    ['example.com', 'example.org', false],
    ['example.com', 'notexample.com', false],
    ['example.com', 'example.com.evil.net', false],
    ['example.co.uk', 'other.co.uk', false],
    ['alice.github.io', 'bob.github.io', false],
    ['example.test', 'a.example.test', true],
    ['example.test', 'other.test', false],
    ['localhost', 'localhost', true],
    // tldts treats `localhost` as a suffix, so www.localhost is a site of its own.
    ['localhost', 'www.localhost', false],
    ['127.0.0.1', '127.0.0.1', true],
    ['127.0.0.1', '127.0.0.2', false],
    ['10.0.0.1', '1.0.0.1', false],
    ['[::1]', '[::1]', true],
    ['[::1]', '127.0.0.1', false],
    ['bücher.de', 'www.xn--bcher-kva.de', true],
    ['', '', false],
    ['', 'example.com', false],
    ['__proto__', 'example.com', false],
    ['com', 'example.com', false],
  ])('%s vs %s → %s', (a, b, expected) => {
    expect(isSameSite(a, b)).toBe(expected);
    expect(isSameSite(b, a)).toBe(expected);
  });
});
