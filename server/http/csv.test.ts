import { describe, expect, test } from 'vitest';
import { csvCell, toCsv } from './csv.js';

/** A strict RFC 4180 reader (quoted fields, doubled quotes, CRLF rows): proves round-trips. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') ((cell += '"'), i++);
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') (row.push(cell), (cell = ''));
    else if (c === '\r' && text[i + 1] === '\n')
      (row.push(cell), rows.push(row), (row = []), (cell = ''), i++);
    else cell += c;
  }
  return rows;
}

describe('csvCell', () => {
  test.each([
    ['/pricing', '"/pricing"'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=1+1', `"'=1+1"`],
    ['+33 1 23', `"'+33 1 23"`],
    ['-2', `"'-2"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\tcmd', `"'\tcmd"`],
    ['\rcmd', `"'\rcmd"`],
    ['x;=HYPERLINK("http://evil")', '"x;=HYPERLINK(""http://evil"")"'],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['a=b', '"a=b"'],
    ['', '""'],
  ])('%j → %j', (input, output) => {
    expect(csvCell(input)).toBe(output);
  });

  test('numbers stay bare numbers (a negative number is not a formula); null is empty', () => {
    expect([csvCell(-5), csvCell(1.33), csvCell(0), csvCell(null), csvCell(undefined)]).toEqual([
      '-5',
      '1.33',
      '0',
      '',
      '',
    ]);
    expect(csvCell(Number.NaN)).toBe('');
  });

  test('round trip: a reader gets every value back, only formula starts carry the quote', () => {
    const values = ['/p', 'x;=HYPERLINK("http://evil")', '=1+1', 'a,"b"\r\nc', '-', '@'];
    const csv = toCsv(
      ['page', 'pageviews'],
      values.map((v, i) => [v, i]),
    );
    expect(parseCsv(csv)).toEqual([
      ['page', 'pageviews'],
      ...values.map((v, i) => [/^[=+\-@\t\r]/.test(v) ? `'${v}` : v, String(i)]),
    ]);
  });
});
