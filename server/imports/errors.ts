// The one error of imports: a reason code (stable, for the API and tests), the file and line it is
// about, and a message in English that names both. Nothing was imported when one is thrown.

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

export class ImportError extends Error {
  constructor(
    readonly reason: ImportReason,
    /** The file (or the ZIP entry) the problem is in. */
    readonly file: string,
    /** 1-based line of the file, when the problem is on one line. */
    readonly line: number | null,
    readonly detail: string,
  ) {
    super(`${file}${line === null ? '' : `, line ${line}`}: ${detail}`);
    this.name = 'ImportError';
  }
}
