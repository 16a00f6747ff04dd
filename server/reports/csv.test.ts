import { describe, expect, test } from 'vitest';
import { csvCell, toCsv } from './csv.js';

describe('csvCell', () => {
  test.each([
    ['/pricing', '/pricing'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=1+1', "'=1+1"],
    ['+33 1 23', "'+33 1 23"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', '"\'\rcmd"'],
    ['=HYPERLINK("http://x","y")', '"\'=HYPERLINK(""http://x"",""y"")"'],
    ['<script>alert(1)</script>', '<script>alert(1)</script>'],
    ['a=b', 'a=b'],
  ])('%j → %j', (input, output) => {
    expect(csvCell(input)).toBe(output);
  });

  test('numbers are never prefixed; null is empty', () => {
    expect([csvCell(-5), csvCell(1.33), csvCell(null), csvCell(undefined)]).toEqual([
      '-5',
      '1.33',
      '',
      '',
    ]);
  });

  test('rows end with CRLF', () => {
    expect(toCsv(['a', 'b'], [[1, 'x,y']])).toBe('a,b\r\n1,"x,y"\r\n');
  });
});
