// Tests text sanitising and safe percent-decoding, including hostile input.
import { describe, expect, test } from 'vitest';
import { safeDecode, sanitiseText } from './text';

const tenKb = 'a'.repeat(10_240);

describe('sanitiseText', () => {
  test.each([
    ['plain text', 'hello', 10, 'hello'],
    ['trims whitespace', '  hello \n', 10, 'hello'],
    ['empty', '', 10, ''],
    ['only spaces', '   ', 10, ''],
    ['NUL and BEL', 'a\u0000b\u0007c', 10, 'abc'],
    ['tab, CR, LF are C0 controls', 'a\tb\r\nc', 10, 'abc'],
    ['DEL and C1', 'a\u007Fb\u0080c\u009Fd', 10, 'abcd'],
    ['RTL override', 'abc\u202Etxt.exe', 20, 'abctxt.exe'],
    ['all bidi embeddings/overrides', '\u202Aa\u202Bb\u202Cc\u202Dd\u202Ee', 20, 'abcde'],
    ['bidi isolates', '\u2066a\u2067b\u2068c\u2069', 20, 'abc'],
    ['zero-width chars and marks', 'a\u200Bb\u200Cc\u200Dd\u200Ee\u200Ff', 20, 'abcdef'],
    ['BOM', '\uFEFFhello', 20, 'hello'],
    [
      'other invisible format chars and tag characters',
      'S\u00ADi\u061Cg\u180En\u2028\u2029u\u2060\u2064p\u206A\uFFF9!\u{E0001}\u{E0041}\u{E007F}',
      30,
      'Signup!',
    ],
    ['controls around whitespace are removed before trimming', '\u0000 a \u200B', 5, 'a'],
    ['keeps accents and CJK', 'café 日本', 10, 'café 日本'],
    ['keeps emoji', 'hi 😀', 10, 'hi 😀'],
    ['cuts to max length', 'abcdef', 3, 'abc'],
    ['does not split a surrogate pair', 'ab😀', 3, 'ab'],
    ['keeps a whole pair at the edge', 'ab😀c', 4, 'ab😀'],
    ['trims after cutting', 'ab cd', 3, 'ab'],
    ['lone high surrogate becomes U+FFFD', 'a\uD800b', 10, 'a\uFFFDb'],
    ['lone low surrogate becomes U+FFFD', 'a\uDC00b', 10, 'a\uFFFDb'],
    ['removing a char never joins two lone halves', '\uDB40\u0000\uDC41A', 10, '\uFFFD\uFFFDA'],
    ['zero max length', 'abc', 0, ''],
    ['negative max length', 'abc', -5, ''],
    ['NaN max length', 'abc', Number.NaN, ''],
    ['fractional max length floors', 'abcdef', 2.9, 'ab'],
    ['10 KB input', tenKb, 100, 'a'.repeat(100)],
    ['__proto__ is just text', '__proto__', 20, '__proto__'],
  ])('%s', (_name, input, max, expected) => {
    expect(sanitiseText(input, max)).toBe(expected);
  });

  test('never throws on non-string input at runtime', () => {
    expect(sanitiseText(undefined as unknown as string, 10)).toBe('');
    expect(sanitiseText(42 as unknown as string, 10)).toBe('');
  });

  test('output never contains an unsafe character', () => {
    let all = '';
    for (let c = 0; c < 0x3000; c++) all += String.fromCharCode(c);
    const out = sanitiseText(all, 100_000);
    expect(out).not.toMatch(/[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069]/);
  });
});

describe('safeDecode', () => {
  test.each([
    ['plain', 'abc', 'abc'],
    ['space', 'a%20b', 'a b'],
    ['utf-8', 'caf%C3%A9', 'café'],
    ['plus stays plus', 'a+b', 'a+b'],
    ['truncated sequence', '%E0%A4%A', '%E0%A4%A'],
    ['lone percent', '100%', '100%'],
    ['invalid hex', '%zz', '%zz'],
    ['overlong encoding', '%C0%AF', '%C0%AF'],
    ['encoded surrogate', '%ED%A0%80', '%ED%A0%80'],
    ['NUL decodes (sanitise separately)', '%00', '\u0000'],
    ['empty', '', ''],
    ['10 KB of escapes', '%41'.repeat(3000), 'A'.repeat(3000)],
  ])('%s', (_name, input, expected) => {
    expect(safeDecode(input)).toBe(expected);
  });
});
