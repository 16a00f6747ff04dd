// Tests the leak scanner: true positives, near misses, and no false positives on real rrweb JSON.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { countFindings, scanChunk, scanText, type FindingType } from './scanner';

const fixtures = path.resolve(import.meta.dirname, '../../test/fixtures/replay');

/** The text of each finding, so tests can say what was found (the scanner never returns it). */
function found(text: string, types?: FindingType[]): Array<[FindingType, string]> {
  return scanText(text)
    .filter((f) => types === undefined || types.includes(f.type))
    .map((f) => [f.type, text.slice(f.offset, f.offset + f.length)]);
}

describe('true positives', () => {
  test.each<[string, string, FindingType, string]>([
    ['plain email', 'contact: jean.dupont@example.com.', 'email', 'jean.dupont@example.com'],
    [
      'email with plus and subdomain',
      'x a.b+tag@mail.example.co.uk y',
      'email',
      'a.b+tag@mail.example.co.uk',
    ],
    ['URL-encoded email', 'https://s.test/p?e=marie%40example.org', 'email', 'marie%40example.org'],
    [
      'email after a JSON newline escape',
      '"textContent":"\\njean@example.fr"',
      'email',
      'jean@example.fr',
    ],
    ['E.164 compact', 'tel +33612345678 ok', 'phone', '+33612345678'],
    ['E.164 spaced', 'call +33 6 12 34 56 78 now', 'phone', '+33 6 12 34 56 78'],
    ['UK with (0)', 'ring +44 (0)20 7946 0958.', 'phone', '+44 (0)20 7946 0958'],
    ['US with parentheses', '"+1 (415) 555-0132"', 'phone', '+1 (415) 555-0132'],
    ['00 international prefix', 'tél. 0033 1 23 45 67 89', 'phone', '0033 1 23 45 67 89'],
    ['French mobile with spaces', 'tél : 06 12 34 56 78', 'phone', '06 12 34 56 78'],
    ['French landline with dots', '"01.23.45.67.89"', 'phone', '01.23.45.67.89'],
    ['French with dashes', 'n° 09-87-65-43-21', 'phone', '09-87-65-43-21'],
    ['French after a JSON newline escape', '"\\n06 12 34 56 78"', 'phone', '06 12 34 56 78'],
    ['German landline', 'Tel. 030 12345678', 'phone', '030 12345678'],
    ['German mobile with slash', 'Tel. 0151/23456789', 'phone', '0151/23456789'],
    ['UK national', 'phone 020 7946 0958', 'phone', '020 7946 0958'],
    ['Visa contiguous', 'card 4111111111111111', 'card', '4111111111111111'],
    ['Visa grouped by spaces', '"4111 1111 1111 1111"', 'card', '4111 1111 1111 1111'],
    ['Mastercard dashed', 'mc 5555-5555-5555-4444', 'card', '5555-5555-5555-4444'],
    ['Amex 4-6-5', 'amex 3782 822463 10005', 'card', '3782 822463 10005'],
    ['Discover', '6011 1111 1111 1117', 'card', '6011 1111 1111 1117'],
    [
      'contiguous card beside other numbers',
      '12 4111111111111111 2026',
      'card',
      '4111111111111111',
    ],
    ['Visa in a JSON number position', '{"v":4012888888881881}', 'card', '4012888888881881'],
    [
      'IBAN FR spaced',
      'IBAN FR76 3000 6000 0112 3456 7890 189 merci',
      'iban',
      'FR76 3000 6000 0112 3456 7890 189',
    ],
    ['IBAN FR compact', '"FR7630006000011234567890189"', 'iban', 'FR7630006000011234567890189'],
    ['IBAN DE', 'DE89 3704 0044 0532 0130 00', 'iban', 'DE89 3704 0044 0532 0130 00'],
    ['IBAN GB with letters', 'GB82 WEST 1234 5698 7654 32', 'iban', 'GB82 WEST 1234 5698 7654 32'],
    ['IBAN lowercase', 'iban be68539007547034', 'iban', 'be68539007547034'],
    ['IBAN followed by words', 'NL91ABNA0417164300 svp', 'iban', 'NL91ABNA0417164300'],
    ['NIR spaced', 'NIR 1 85 05 78 006 084 91', 'nir', '1 85 05 78 006 084 91'],
    ['NIR compact', '"185057800608491"', 'nir', '185057800608491'],
    ['NIR Corsica 2A', 'n° 2 90 02 2A 004 012 18', 'nir', '2 90 02 2A 004 012 18'],
    ['NIR Corsica 2B compact', 'NIR 185122B12345675', 'nir', '185122B12345675'],
  ])('%s', (_name, text, type, value) => {
    expect(found(text)).toEqual([[type, value]]);
  });

  test('canaries, also inside a JSON-escaped string', () => {
    const text = '[{"t":"pomelo-canary-7f3a"},{"t":"say \\"quoted-canary\\" now"}]';
    const findings = scanText(text, { canaries: ['pomelo-canary-7f3a', 'say "quoted-canary"'] });
    expect(findings.map((f) => [f.type, text.slice(f.offset, f.offset + f.length)])).toEqual([
      ['canary', 'pomelo-canary-7f3a'],
      ['canary', 'say \\"quoted-canary\\"'],
    ]);
  });

  test('a canary under 4 characters is ignored (it would match everywhere)', () => {
    expect(scanText('abc abc', { canaries: ['abc', ''] })).toEqual([]);
  });

  test('a span is reported once, canary first', () => {
    const text = 'x jean@example.com y';
    expect(scanText(text, { canaries: ['jean@example.com'] }).map((f) => f.type)).toEqual([
      'canary',
    ]);
  });

  test('several findings come sorted by offset with exact offsets and lengths', () => {
    const text = 'a@b.fr / 06 12 34 56 78 / 4111111111111111';
    expect(scanText(text)).toEqual([
      { type: 'email', offset: 0, length: 6 },
      { type: 'phone', offset: 9, length: 14 },
      { type: 'card', offset: 26, length: 16 },
    ]);
    expect(countFindings(scanText(text))).toEqual({ email: 1, phone: 1, card: 1 });
  });
});

describe('near misses and lookalikes are not findings', () => {
  test.each([
    ['Luhn-failing Visa', '4111 1111 1111 1112'],
    ['Luhn-failing contiguous', '4111111111111112'],
    ['Luhn-passing number of no card brand', '7992739871300000'],
    ['card-like window inside a longer run (SVG points)', '4000 2000 3000 1000 2500 1200'],
    ['card digits glued to letters (hash)', 'a4111111111111111f'],
    ['card in a decimal fraction', '0.4111111111111111'],
    ['too short for a card', '4111 1111 1111'],
    ['IBAN with a bad checksum', 'FR76 3000 6000 0112 3456 7890 188'],
    ['IBAN of the wrong length', 'FR76 3000 6000 0112 3456 7890 18'],
    ['IBAN of an unknown country', 'QQ12 3456 7890 1234'],
    ['NIR with a bad key', '1 85 05 78 006 084 92'],
    ['NIR with month 00', '1 85 00 78 006 084 91'],
    ['NIR with sex digit 5', '5 85 05 78 006 084 91'],
    ['asset name with @2x', 'url(/img/logo@2x.png)'],
    ['asset name with @3x webp', '"icons@3x.webp"'],
    ['CSS at-rule', '@media (min-width: 1024px) and (max-width: 1440px)'],
    ['npm scoped package', '@rrweb/record@2.1.6'],
    ['ISO date', '2026-11-03'],
    ['ISO timestamp', '2026-11-03T14:30:00.000Z'],
    ['French date', '03/11/2026'],
    ['dated with dashes and a time', '05-11-2026 14:30'],
    ['dotted date and time', '03.11.2026 14.30'],
    ['timezone offset', 'UTC+01:00'],
    ['rrweb timestamp', '"timestamp":1731234567890'],
    ['seconds timestamp', '1762180200'],
    ['version numbers', 'v2.1.6 20.19.5 1.0.41 build 20261103.1432'],
    ['IPv4 and port', '192.168.1.10:8080'],
    ['UUID', '550e8400-e29b-41d4-a716-446655440000'],
    ['thousands with spaces', '12 345 678 visits'],
    ['thousands with commas', '1,234,567'],
    ['euro amounts', '1 299,00 € 1.234.567,89 €'],
    ['ISBN', 'ISBN 978-2-07-036822-8'],
    ['EAN-13', 'EAN 3017620422003'],
    ['order number', 'Commande n° 2026-000123'],
    ['duration', '00:12:34.567'],
    ['CSS nth-child', 'li:nth-child(2n+1){color:red}'],
    ['exponent', '1e+21'],
    ['svg viewBox', '"viewBox":"0 0 1024 768"'],
    ['svg path', 'M12 2C6.48 2 2 6.48 2 12s4.48 10 10 10 10-4.48 10-10'],
    ['percent change', '+12.5 % −3.2 %'],
    ['postal code', '75011 Paris'],
    ['short number with + prefix', '+33 6'],
    ['a phone-shaped slice of a table row', '1 06 12 34 56 78 9'],
    ['a phone-shaped slice before more numbers', '06 12 34 56 78 90'],
    ['French number without separators (an id)', '"0612345678"'],
    ['French number with mixed separators', '06 12.34-56 78'],
    ['rrweb mouse positions', '{"positions":[{"x":1024,"y":768,"id":12,"timeOffset":-512}]}'],
  ])('%s', (_name, text) => {
    expect(found(text)).toEqual([]);
  });
});

describe('real rrweb JSON', () => {
  // Stored pretty-printed (prettier formats JSON); a chunk on the wire is compact.
  const pretty = fs.readFileSync(path.join(fixtures, 'rrweb-unmasked-sample.json'), 'utf8');
  const sample = JSON.stringify(JSON.parse(pretty));

  test('an unmasked recording of a page full of dates, versions, amounts and SVG has no findings', () => {
    // Recorded with rrweb's defaults (nothing masked) from numbers-page.html.
    expect(JSON.parse(sample).length).toBeGreaterThan(5);
    expect(scanChunk(sample)).toEqual([]);
    expect(scanChunk(pretty)).toEqual([]);
  });

  test('a value planted in a text node is found with its JSON path', () => {
    const events = JSON.parse(sample) as unknown[];
    events.push({
      type: 3,
      data: { source: 0, texts: [{ id: 99, value: 'écrire à marie.curie@example.fr' }] },
      timestamp: 1,
    });
    const json = JSON.stringify(events);
    const findings = scanChunk(json);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      type: 'email',
      length: 'marie.curie@example.fr'.length,
      path: `[${events.length - 1}].data.texts[0].value`,
    });
    expect(JSON.stringify(findings)).not.toContain('marie');
  });
});

describe('scanChunk paths', () => {
  test.each([
    ['top-level array element', '["a@b.fr"]', '[0]'],
    ['nested keys', '[{"data":{"href":"https://x.test/?m=a@b.fr"}}]', '[0].data.href'],
    ['array index after commas', '[1,2,{"k":["x","a@b.fr"]}]', '[2].k[1]'],
    [
      'non-identifier key is not echoed',
      '[{"attributes":{"data-jean-dupont":"a@b.fr"}}]',
      '[0].attributes[*]',
    ],
    ['a finding inside a key names no key', '[{"a@b.fr":1}]', '[0].<key>'],
    ['truncated JSON still gets a path', '[{"t":"a@b.fr', '[0].t'],
    ['not JSON at all', 'a@b.fr', '$'],
  ])('%s', (_name, json, expected) => {
    expect(scanChunk(json).map((f) => f.path)).toEqual([expected]);
  });
});
