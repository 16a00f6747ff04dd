// CSV cells for every export (reports, audit log): RFC 4180 with OWASP's CSV-injection guard. Pure.
//
// Every string cell is quoted, quotes doubled, so a separator inside a value never starts a new
// cell, whatever separator the spreadsheet assumes (`,` or a locale's `;`): `x;=HYPERLINK(…)` stays
// one inert cell. A string starting with = + - @ TAB or CR gets a leading single quote, so that
// no spreadsheet runs it as a formula. Numbers stay bare numbers; null and undefined are empty.

const formulaStart = /^[=+\-@\t\r]/;

export type CsvValue = string | number | null | undefined;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = formulaStart.test(value) ? `'${value}` : value;
  return `"${text.replace(/"/g, '""')}"`;
}

/** A header and rows, CRLF after every line (header included). */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',') + '\r\n').join('');
}
