// An import refusal in the reader's language: the server sends, beside its English `message`, the
// detail as a code with parameters (server/imports/errors.ts); each code has its words in every
// catalog. Parameters that quote the file (a cell, a column, a library's error) stay as they are.
import { formatDateTime } from '../data/format.js';
import { t, type MessageKey } from './t.js';

/** Every detail code the server sends (test/i18n/import-details.test.ts keeps the two lists equal). */
export const importDetailKeys = {
  countNotWhole: 'importDetail.countNotWhole',
  countTooLarge: 'importDetail.countTooLarge',
  dateNotDay: 'importDetail.dateNotDay',
  dateInFuture: 'importDetail.dateInFuture',
  dateTooEarly: 'importDetail.dateTooEarly',
  columnTwice: 'importDetail.columnTwice',
  columnsMissing: 'importDetail.columnsMissing',
  columnsUnknown: 'importDetail.columnsUnknown',
  columnsExactly: 'importDetail.columnsExactly',
  malformedCsv: 'importDetail.malformedCsv',
  notGoatcounter: 'importDetail.notGoatcounter',
  goatcounterVersion: 'importDetail.goatcounterVersion',
  notBoolean: 'importDetail.notBoolean',
  notRfc3339: 'importDetail.notRfc3339',
  botNotNumber: 'importDetail.botNotNumber',
  eventPathEmpty: 'importDetail.eventPathEmpty',
  eventNameEmpty: 'importDetail.eventNameEmpty',
  otherHostname: 'importDetail.otherHostname',
  manifestNotJson: 'importDetail.manifestNotJson',
  manifestFormat: 'importDetail.manifestFormat',
  manifestVersion: 'importDetail.manifestVersion',
  manifestFields: 'importDetail.manifestFields',
  manifestMissing: 'importDetail.manifestMissing',
  unknownDimension: 'importDetail.unknownDimension',
  valueCharacters: 'importDetail.valueCharacters',
  notHour: 'importDetail.notHour',
  revenueFields: 'importDetail.revenueFields',
  tooLarge: 'importDetail.tooLarge',
  tooLargeStream: 'importDetail.tooLargeStream',
  fileEmpty: 'importDetail.fileEmpty',
  noDataRows: 'importDetail.noDataRows',
  zipNoCsv: 'importDetail.zipNoCsv',
  notPlausibleFile: 'importDetail.notPlausibleFile',
  notPomeloFile: 'importDetail.notPomeloFile',
  otherSiteExport: 'importDetail.otherSiteExport',
  otherTimezone: 'importDetail.otherTimezone',
  alreadyImported: 'importDetail.alreadyImported',
  importedMeanwhile: 'importDetail.importedMeanwhile',
  notZip: 'importDetail.notZip',
  gzipUnreadable: 'importDetail.gzipUnreadable',
  zipUnreadable: 'importDetail.zipUnreadable',
  zipEntries: 'importDetail.zipEntries',
  zipRatio: 'importDetail.zipRatio',
  zipTotal: 'importDetail.zipTotal',
  zipEntryPast: 'importDetail.zipEntryPast',
  zipEntryLonger: 'importDetail.zipEntryLonger',
} as const satisfies Record<string, MessageKey>;

export interface ImportRefusal {
  message: string;
  file?: string;
  line?: number | null;
  detail?: { code: string; params?: Record<string, string | number> };
}

/** The refusal worded in the current language; the server's sentence when it has no known code. */
export function importRefusalText(error: ImportRefusal): string {
  const code = error.detail?.code;
  const key =
    code !== undefined && Object.hasOwn(importDetailKeys, code)
      ? importDetailKeys[code as keyof typeof importDetailKeys]
      : undefined;
  if (key === undefined || error.file === undefined) return error.message;
  const params = { ...error.detail?.params };
  if (typeof params.at === 'string') params.at = formatDateTime(params.at);
  const where =
    error.line === null || error.line === undefined
      ? error.file
      : t('imports.whereLine', { file: error.file, line: error.line });
  return t('imports.refused', { where, detail: t(key, params) });
}
