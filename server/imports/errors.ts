// The one error of imports: a reason code (stable, for the API and tests), the file and line it is
// about, and a detail: a code with its parameters, so that the dashboard and the CLI can word it in
// their reader's language (dashboard/src/i18n/import-errors.ts, server/cli/imports.ts), and an
// English sentence for the API's `message`. Nothing was imported when one is thrown.

export type ImportReason =
  | 'too_large'
  | 'bad_zip'
  | 'zip_bomb'
  | 'unknown_file'
  | 'no_data'
  | 'bad_columns'
  | 'malformed_csv'
  | 'bad_date'
  | 'date_out_of_range'
  | 'bad_count'
  | 'bad_value'
  | 'other_site'
  | 'bad_manifest'
  | 'duplicate';

/** Each detail's English words; `{name}` is replaced by its parameter. */
export const importDetailText = {
  countNotWhole: '{column} must be a whole number ≥ 0, not {value}',
  countTooLarge: '{column} is too large ({value})',
  dateNotDay: '{column} must be a date YYYY-MM-DD, not {value}',
  dateInFuture: '{column} {date} is in the future (today is {today})',
  dateTooEarly: '{column} {date} is before 2000-01-01',
  columnTwice: 'column {column} appears twice',
  columnsMissing: 'missing column(s): {columns}',
  columnsUnknown: 'unknown column(s): {columns}',
  columnsExactly: 'the columns must be exactly: {columns}',
  malformedCsv: 'malformed CSV ({error})',
  notGoatcounter:
    'not a GoatCounter export: the first column must be the format version and Path (2Path)',
  goatcounterVersion: 'GoatCounter export format {version} is not supported (only version 2)',
  notBoolean: '{column} must be true or false',
  notRfc3339: 'Date must be an RFC 3339 time, not {value}',
  botNotNumber: 'Bot must be a number',
  eventPathEmpty: 'Path (the event name) is empty',
  eventNameEmpty: 'name is empty',
  otherHostname: 'hostname {host} is not {domain}: this export is of another site',
  manifestNotJson: 'is not JSON',
  manifestFormat: 'format must be "{format}"',
  manifestVersion: 'version {version} is not supported (1)',
  manifestFields: 'domain and timezone are required',
  manifestMissing: 'is missing (or too large): not a Pomelo export',
  unknownDimension: 'unknown dimension {value}',
  valueCharacters: 'value holds characters Pomelo never stores',
  notHour: 'hour must be YYYY-MM-DDTHH, not {value}',
  revenueFields: 'event and a 3-letter currency are required',
  tooLarge: '{bytes} bytes: the limit is {limit}',
  tooLargeStream: 'more than {limit} bytes: the limit',
  fileEmpty: 'the file is empty',
  noDataRows: 'no data rows',
  zipNoCsv: 'the ZIP holds no CSV file',
  notPlausibleFile: 'is not one of the files of a Plausible export (imported_*.csv)',
  notPomeloFile: 'is not part of a Pomelo export',
  otherSiteExport:
    'this export is of {from}, not {domain} (name {from} as the site it comes from to import it anyway)',
  otherTimezone:
    "its days are in {from}, the site's in {timezone}: change the site's timezone first",
  alreadyImported: 'this file was already imported (import {id}, {at}); ask to replace it',
  importedMeanwhile: 'this file was imported meanwhile; ask to replace it',
  notZip: 'not a ZIP file ({error})',
  gzipUnreadable: 'not a readable gzip file ({error})',
  zipUnreadable: '{error}',
  zipEntries: '{count} entries (at most {limit})',
  zipRatio: 'compressed {ratio} to 1: refused as a ZIP bomb',
  zipTotal: 'its files hold {bytes} bytes uncompressed (at most {limit})',
  zipEntryPast: 'decompresses past {limit} bytes',
  zipEntryLonger: 'holds more bytes than it declares',
} as const;

export type ImportDetailCode = keyof typeof importDetailText;
export type ImportDetailParams = Record<string, string | number>;

export class ImportError extends Error {
  /** The detail in English (the message without the file and line). */
  readonly detail: string;
  constructor(
    readonly reason: ImportReason,
    /** The file (or the ZIP entry) the problem is in. */
    readonly file: string,
    /** 1-based line of the file, when the problem is on one line. */
    readonly line: number | null,
    /** What is wrong, for translations: a code with its parameters. */
    readonly code: ImportDetailCode,
    readonly params: ImportDetailParams = {},
  ) {
    const detail = importDetailText[code].replace(/\{(\w+)\}/g, (_, name: string) =>
      String(params[name] ?? `{${name}}`),
    );
    super(`${file}${line === null ? '' : `, line ${line}`}: ${detail}`);
    this.detail = detail;
    this.name = 'ImportError';
  }
}
