// Streaming CSV: records of a byte stream with the line each ends on, through csv-parse (RFC 4180,
// a BOM allowed). One record is at most 64 KiB, so memory stays bounded whatever the file; a
// malformed file becomes an ImportError naming the line.
import type { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { ImportError } from './errors.js';

const MAX_RECORD = 64 * 1024;

export interface CsvRecord {
  cells: string[];
  /** 1-based line the record ends on. */
  line: number;
}

export async function* csvRecords(input: Readable, file: string): AsyncGenerator<CsvRecord> {
  const parser = input.pipe(
    parse({
      bom: true,
      info: true,
      max_record_size: MAX_RECORD,
      skip_empty_lines: true,
      relax_column_count: false,
    }),
  );
  // An error of the source (a ZIP entry larger than it said) must reach the parser's consumer.
  input.once('error', (err) => parser.destroy(err));
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      yield { cells: record, line: info.lines };
    }
  } catch (err) {
    if (err instanceof ImportError) throw err;
    if (err instanceof CsvError) {
      const line = (err as CsvError & { lines?: number }).lines ?? null;
      throw new ImportError('malformed_csv', file, line, 'malformedCsv', {
        error: String(err.code),
      });
    }
    throw err;
  } finally {
    input.unpipe(parser);
    if (!input.destroyed) input.destroy();
  }
}
