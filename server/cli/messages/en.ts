// What `pomelo` (server/cli) and the configuration check (server/config.ts) print for people, in
// English: the source of every key (fr.ts and the others must match it). Command and option names,
// variable names and values stay as typed; machine-readable output (CSV, JSON, tab-separated lists)
// is not in here. Values shown verbatim (ids, sizes, row counts) are passed as text.
export const en = {
  // Generated help (help.ts)
  helpOverviewUsage:
    'usage: {program} <command> [options]   (from a checkout: npm run pomelo -- <command>)',
  helpCommands: 'commands:',
  helpFooter:
    '`{program} <command> --help` shows a command\'s options. Configuration comes from the\nenvironment (README, "Configuration"; `{program} config` prints it).',
  helpUsage: 'usage: {usage}',
  helpOptions: 'options:',
  helpValue: 'value',

  // Resolving and parsing a command line (dispatch.ts)
  unknownCommand: 'unknown command "{typed}" ({program} --help lists them)',
  unknownCommandGuess:
    'unknown command "{typed}"; did you mean "{guess}"? ({program} --help lists them)',
  unknownGroupCommand: 'unknown command "{typed}"',
  unknownGroupCommandGuess: 'unknown command "{typed}"; did you mean "{guess}"?',
  argUnknownOption: 'Unknown option {option} ({help})',
  argMissingValue: 'Option {option} argument missing ({help})',
  argNoValue: 'Option {option} does not take an argument ({help})',
  argCount:
    '{command} takes {max, plural, one {# argument} other {# arguments}}{args}, got {got} ({help})',
  argCountRange: '{command} takes {min} to {max} arguments{args}, got {got} ({help})',
  databaseSqlite: 'Database: SQLite {file}',
  databasePg: 'Database: PostgreSQL {host}/{name}',
  noDatabase:
    'no Pomelo database at {file}: nothing to read (set POMELO_DATA_DIR to the data directory)',

  // Progress lines (progress.ts)
  progressDone: 'done in {duration}',
  progressEta: 'ETA {duration}',

  // start, config (commands.ts)
  startSummary: 'run the server (the same as `npm start` in a checkout)',
  configSummary: 'print the effective configuration (secrets redacted)',

  // site add|list|remove (sites.ts)
  siteAddSummary: 'add a site (the same rules as the dashboard and the API)',
  argsDomain: '<domain>',
  fieldDomain: 'domain',
  optTimezone: 'reports day by day in this zone (default UTC)',
  valueIanaZone: 'IANA zone',
  valueName: 'name',
  optSiteName: 'display name (default: the domain)',
  valueN: 'n',
  optCap: 'distinct values per day and dimension (10 to POMELO_MAX_CARDINALITY_CAP)',
  optSiteOrg:
    'organisation to put it in (an existing one; required when there are several, else the only one)',
  siteExists: 'site {domain} already exists',
  siteAdded: 'added site {domain} (id {id}, timezone {timezone})',
  siteAddedToOrg: 'added site {domain} to {org} (id {id}, timezone {timezone})',
  siteWaitsForSetup:
    'no organisation exists yet: the site joins the first one, created at setup or by `pomelo user add --org`',
  siteOrgRequired: '--org: required, this install has several organisations ({orgs})',
  siteOrgUnknown: '--org: no organisation "{org}" (organisations: {orgs})',
  siteOrgNoneYet:
    '--org: no organisation "{org}": none exists yet (create it at setup or with `pomelo user add --org`), or leave --org out',
  siteListSummary: 'list the sites: id, domain, timezone, name (tab-separated)',
  noSitesYet: 'no sites yet: add one with `pomelo site add example.com --timezone Europe/Paris`',
  siteRemoveSummary: 'remove a site and all of its counters',
  noSite: 'no site {domain}',
  siteRemoved: 'removed site {domain} and all of its counters',

  // user …, audit … (users.ts)
  pipePassword: 'pipe the password on stdin, e.g. `printf %s "$PW" | pomelo user add …`',
  userAddSummary: 'create an account (password on stdin) or add an existing one to an organisation',
  argsEmail: '<email>',
  fieldEmail: 'email',
  optUserOrg: 'organisation (created if new); required unless --instance-admin',
  optInstanceAdmin:
    'make the account an instance administrator (may create organisations); on an existing account without --org it only grants this',
  optRole: 'role in it (default owner)',
  optPasswordStdin: 'read the password from stdin (always so)',
  userAddDetails: 'The password is read from stdin, never from the command line.',
  orgRequired: '--org: required (the organisation name), unless --instance-admin',
  isInstanceAdmin: '{email} is an instance administrator (may create organisations)',
  isMemberOf: '{email} is {role} of {org}',
  userResetPasswordSummary: "set an account's new password (on stdin) and end all of its sessions",
  noAccount: 'no account {email}',
  passwordReset: 'password of {email} reset; every session of it has ended',
  userResetSecondFactorSummary:
    "remove an account's second factor (app, passkeys, recovery codes) and end its sessions",
  secondFactorRemoved:
    'second factor of {email} removed (app, passkeys, recovery codes); every session of it has ended',
  auditVerifySummary:
    "check the audit log's keyed hash chain against the latest checkpoint (exit 1 on a break)",
  auditVerified:
    '{rowCount, plural, one {{rows} row} other {{rows} rows}}, {intact, select, yes {chain intact} other {NOT intact}}; head {head}; {checkpoint}',
  latestCheckpoint: 'latest checkpoint: row {row} of {at}',
  noCheckpoint: 'no checkpoint yet',
  auditExportSummary: 'print the audit log as CSV or JSON',
  optFormat: 'output format (default csv)',
  formatChoices: 'csv or json',

  // replay kill|unlatch (replay.ts)
  optAll: 'every site of the install',
  optSite: 'one site only',
  valueDomain: 'domain',
  giveScope: 'give either --all or --site <{domain}>: pomelo {usage}',
  noSiteQuoted: 'no site "{domain}"',
  replayKillSummary: "close every replay window (or one site's), purge their recordings and latch",
  replayKilledAll:
    'replay kill switch: {windows, plural, one {# window} other {# windows}} closed and purged on every site',
  replayKilledSite:
    'replay kill switch: {windows, plural, one {# window} other {# windows}} closed and purged on {site}',
  replayUnlatchSummary:
    'clear the kill switch latch so that windows can open again (a note is required)',
  optNote: 'why windows may open again (required)',
  valueText: 'text',
  unlatchNeedsNote: 'unlatch needs --note <{text}>: {reason}',
  latchClearedAll: 'replay latch cleared for the install: windows can open again',
  latchClearedSite: 'replay latch cleared on {site}: windows can open again',
  noLatchAll: 'no replay latch for the install',
  noLatchSite: 'no replay latch on {site}',

  // backup, restore (backup.ts)
  backupPostgres:
    'POMELO_DATABASE_URL is set: back up PostgreSQL with {tool} (docs/DEPLOY.md, "Backups")',
  restorePostgres:
    'POMELO_DATABASE_URL is set: restore PostgreSQL with {tool} (docs/DEPLOY.md, "Backups")',
  unitPages: 'pages',
  progressBackup: 'backup',
  progressRestore: 'restore',
  backupSummary: 'copy the SQLite database to a new file while Pomelo keeps running',
  argsFile: '<file>',
  backupDetails:
    'The copy is checked (PRAGMA integrity_check). Files beside the database (the pid file, keys) are not copied.',
  integrityFailed: 'the copy failed its integrity check: {result}',
  backedUp: 'backed up {file} to {dest} ({kb} KB, integrity ok)',
  notInBackup: 'not in the backup: {files}',
  restoreSummary: 'replace the SQLite database with a backup (stop the server first)',
  restoreDetails:
    'The backup is checked, copied beside the database and renamed over it in one step. Refused while a server runs on the data directory. Start the server afterwards: it migrates an older backup.',
  serverRunning: 'a Pomelo server (pid {pid}) is using {dir}: stop it, then restore',
  restored: 'restored {file} to {dest} ({kb} KB, integrity ok)',

  // migrate-data (migrate-data.ts)
  migrateSummary:
    'copy a whole install to another database (e.g. SQLite to PostgreSQL) and verify it',
  valueStore: 'store',
  valueRows: 'rows',
  optFrom: 'source: sqlite:./data/pomelo.db or postgres://…',
  optTo: 'target: sqlite:<file> or postgres://user@host/db',
  optForce: 'erase what the target holds first',
  optChunk: 'rows per transaction (default 5000)',
  fromToRequired: '--from and --to are both required (pomelo migrate-data --help)',
  chunkRange: '--chunk must be a whole number of rows from 1 to 100000',
  sameDatabase: '--from and --to name the same database',
  progressCounterRows: 'counter rows',
  unitRows: 'rows',
  migrated:
    'copied {sites, plural, one {# site} other {# sites}}, {daily} daily and {hourly} hourly counter rows, {accounts} rows of the other tables (accounts, goals, mail, imports); row counts, per-site sums and every other row match',
  targetNotEmpty:
    'the target already holds {sites, plural, one {# site} other {# sites}}, {rows} counter rows and {accounts} rows of the other tables; pass --force to erase them and copy anyway',
  forceRemoved:
    '--force: removed {sites, plural, one {# site} other {# sites}}, their counters and the rows of every other copied table from the target',
  copyMismatch:
    'the copy does not match its source (was the source written to during the copy?):\n  {problems}',
  mismatchMore: '… and {count} more',
  mismatchTableRows: '{table}: {source} rows in the source, {target} in the target',
  mismatchTableRow: '{table}: row {row} differs between source and target',
  mismatchSiteMissing: 'site {id}: {site} is not in the target',
  mismatchSiteExtra: 'site {id}: {site} is only in the target',
  mismatchSiteRows: '{table}, site {id}: {source} rows in the source, {target} in the target',
  mismatchSum:
    '{table}, site {id}: sum({column}) is {source} in the source, {target} in the target',

  // Configuration (server/config.ts): printed by the CLI and by `npm start`
  configInvalid: '{name} must be {expected}, got {value} (README, "Configuration")',
  configRedacted: '(redacted)',
  expectedWholeNumber: 'a whole number from {min} to {max}',
  expectedOneOf: 'one of {choices}',
  expectedOrigin: 'an origin such as https://stats.example.com',
  expectedAddressList:
    'IP addresses or CIDR ranges separated by commas, such as 127.0.0.1,::1,10.0.0.0/8,fd00::/8 ("{invalid}" is not one)',
  expectedAuditKey:
    'at least 32 random bytes as hex or base64, e.g. `openssl rand -hex 32` (docs/SECURITY.md, "Audit key")',
  expectedSecondFactorKey: 'the base64 of 32 random bytes, e.g. from `openssl rand -base64 32`',
  expectedReplayKek: '32 random bytes as 64 hex digits or base64 (openssl rand -base64 32)',
  expectedPostgresUrl: 'postgres://user@host:port/db, or unset for SQLite',
  expectedToken: 'at least 16 characters, no spaces',
  configCapAboveMax:
    'POMELO_CARDINALITY_CAP must not exceed POMELO_MAX_CARDINALITY_CAP ({cap} > {max}) (README, "Configuration")',
  configRequestBelowHeaders:
    'POMELO_REQUEST_TIMEOUT_MS must not be shorter than POMELO_HEADERS_TIMEOUT_MS ({request} < {headers}) (README, "Configuration")',
  configUnset: '(unset)',
  configSetRedacted: '(set, redacted)',
  configNone: '(none)',
  configDefault: '# default',
  goalAddSummary: 'add a conversion goal to a site: a page pattern or a custom event',
  goalListSummary: 'list a site’s goals: name, kind, definition (tab-separated)',
  goalRemoveSummary: 'remove a goal by its name (its counters stay: goals are computed from them)',
  argsDomainName: '<domain> <name>',
  valuePattern: 'pattern',
  valueKeyValue: 'key=value',
  valueIso4217: 'ISO 4217',
  optGoalPage: 'pageview goal: "/thanks*", "/blog/**"',
  optGoalEvent: 'custom-event goal: the event name',
  optGoalProp: 'event goal: one property value',
  optGoalCurrency: 'revenue goal: sums the revenue of the event in this currency (EUR, USD…)',
  optGoalName: 'display name (default from the goal)',
  goalAddDetails:
    "Goals apply to history: conversions are computed from the counters already stored. Revenue is\nrecorded from events carrying '{'currency, amount'}', from the version that added goals onwards.",
  goalNoSite: 'no site {domain}',
  goalPropFormat: '--prop: write it as key=value (such as plan=pro)',
  goalExists: '{domain} already has a goal named "{name}"',
  goalFull: 'a site has at most {max} goals',
  goalAdded: 'added goal "{name}" to {domain}',
  goalNone: 'no goals yet: pomelo goal add {domain} --page "/thanks*"',
  goalNoSuch: '{domain} has no goal named "{name}"',
  goalRemoved: 'removed goal "{name}" from {domain}',

  // report send, mail configuration (reports.ts, config.ts)
  expectedSmtpUrl: 'smtp://user:pass@host:587 or smtps://user:pass@host:465',
  expectedMailFrom: 'an address, such as stats@example.com or Pomelo <stats@example.com>',
  configMailFromMissing:
    'POMELO_SMTP_URL is set but POMELO_MAIL_FROM is not: set the sender address',
  reportSendSummary: 'send a site’s report for a period to an address now',
  optReportPeriod: 'last-week, last-month or a month YYYY-MM',
  optReportTo: 'the address to send it to',
  optReportLang: 'the language of the report (en, fr, de, es, it, nl, pt; default en)',
  valuePeriod: 'period',
  valueAddress: 'address',
  valueLang: 'lang',
  reportNoSite: 'no site {domain}',
  reportBadPeriod: '--period: write last-week, last-month or a month such as 2026-11',
  reportBadAddress: '--to: not an email address',
  reportBadLang: '--lang: one of en, fr, de, es, it, nl, pt',
  reportMailOff:
    'mail is not configured: set POMELO_SMTP_URL and POMELO_MAIL_FROM (docs/DEPLOY.md, "Mail")',
  reportSent: 'sent the {period} report of {domain} to {to} ({messageId})',
  reportFailed: 'the mail server did not take the report: {reason}',
  // imports and exports (issue 15)
  argsDomainId: '<domain> <id>',
  valueFile: 'file',
  valueDay: 'YYYY-MM-DD',
  importPlausibleSummary:
    'import a Plausible CSV export (the ZIP of imported_*.csv files) into a site',
  importGoatcounterSummary:
    'import a GoatCounter CSV export (format 2, .csv or .csv.gz) into a site',
  importPomeloSummary: 'import a Pomelo export (pomelo export --format pomelo) into a site',
  importListSummary:
    'list a site’s imports: id, source, file, rows, days, state, origin, when, checksum',
  importRemoveSummary:
    'remove an import: its counters are subtracted exactly, nothing else changes',
  optImportSite: 'the site to import into (required)',
  optImportReplace: 'replace an earlier import of the same file instead of refusing it',
  optImportFromSite: 'accept an export of this other site (its domain, as the export names it)',
  importDetails:
    'An import is all or nothing: a bad file (columns, dates, counts, a ZIP bomb, another site) is refused\nnaming the file and the line, and nothing is imported. The same file twice is refused unless --replace.',
  importNoSite: 'no site {domain}',
  importNeedsSite: '--site is required: the domain of the site to import into',
  importNoFile: 'no file {file}',
  importProgress: 'importing {file}',
  importDone: 'import {id}: {rows} rows ({rate} rows/s), {from} to {to}, into {domain}',
  importReplaced: 'replaced import {id}',
  importBots: '{bots} rows flagged as bots were counted apart, as Pomelo counts bots',
  importRefused: '{where}: {reason}: {detail}. Nothing was imported.',
  importWhereLine: '{file}, line {line}',
  importReason_too_large: 'file too large',
  importReason_bad_zip: 'not a readable ZIP',
  importReason_zip_bomb: 'ZIP bomb refused',
  importReason_unknown_file: 'unexpected file',
  importReason_no_data: 'no data',
  importReason_bad_columns: 'wrong or missing columns',
  importReason_malformed_csv: 'malformed CSV',
  importReason_bad_date: 'bad date',
  importReason_date_out_of_range: 'date out of range',
  importReason_bad_count: 'bad count',
  importReason_bad_value: 'bad value',
  importReason_other_site: 'export of another site',
  importReason_bad_manifest: 'not a usable Pomelo export',
  importReason_duplicate: 'already imported',
  importDetail_countNotWhole: '{column} must be a whole number ≥ 0, not {value}',
  importDetail_countTooLarge: '{column} is too large ({value})',
  importDetail_dateNotDay: '{column} must be a date YYYY-MM-DD, not {value}',
  importDetail_dateInFuture: '{column} {date} is in the future (today is {today})',
  importDetail_dateTooEarly: '{column} {date} is before 2000-01-01',
  importDetail_columnTwice: 'column {column} appears twice',
  importDetail_columnsMissing: 'missing column(s): {columns}',
  importDetail_columnsUnknown: 'unknown column(s): {columns}',
  importDetail_columnsExactly: 'the columns must be exactly: {columns}',
  importDetail_malformedCsv: 'malformed CSV ({error})',
  importDetail_notGoatcounter:
    'not a GoatCounter export: the first column must be the format version and Path (2Path)',
  importDetail_goatcounterVersion:
    'GoatCounter export format {version} is not supported (only version 2)',
  importDetail_notBoolean: '{column} must be true or false',
  importDetail_notRfc3339: 'Date must be an RFC 3339 time, not {value}',
  importDetail_botNotNumber: 'Bot must be a number',
  importDetail_eventPathEmpty: 'Path (the event name) is empty',
  importDetail_eventNameEmpty: 'name is empty',
  importDetail_otherHostname: 'hostname {host} is not {domain}: this export is of another site',
  importDetail_manifestNotJson: 'is not JSON',
  importDetail_manifestFormat: 'format must be "{format}"',
  importDetail_manifestVersion: 'version {version} is not supported (1)',
  importDetail_manifestFields: 'domain and timezone are required',
  importDetail_manifestMissing: 'is missing (or too large): not a Pomelo export',
  importDetail_unknownDimension: 'unknown dimension {value}',
  importDetail_valueCharacters: 'value holds characters Pomelo never stores',
  importDetail_notHour: 'hour must be YYYY-MM-DDTHH, not {value}',
  importDetail_revenueFields: 'event and a 3-letter currency are required',
  importDetail_tooLarge: '{bytes} bytes: the limit is {limit}',
  importDetail_tooLargeStream: 'more than {limit} bytes: the limit',
  importDetail_fileEmpty: 'the file is empty',
  importDetail_noDataRows: 'no data rows',
  importDetail_zipNoCsv: 'the ZIP holds no CSV file',
  importDetail_notPlausibleFile: 'is not one of the files of a Plausible export (imported_*.csv)',
  importDetail_notPomeloFile: 'is not part of a Pomelo export',
  importDetail_otherSiteExport:
    'this export is of {from}, not {domain} (name {from} as the site it comes from to import it anyway)',
  importDetail_otherTimezone:
    "its days are in {from}, the site's in {timezone}: change the site's timezone first",
  importDetail_alreadyImported:
    'this file was already imported (import {id}, {at}); ask to replace it',
  importDetail_importedMeanwhile: 'this file was imported meanwhile; ask to replace it',
  importDetail_notZip: 'not a ZIP file ({error})',
  importDetail_zipUnreadable: '{error}',
  importDetail_zipEntries: '{count} entries (at most {limit})',
  importDetail_zipRatio: 'compressed {ratio} to 1: refused as a ZIP bomb',
  importDetail_zipTotal: 'its files hold {bytes} bytes uncompressed (at most {limit})',
  importDetail_zipEntryPast: 'decompresses past {limit} bytes',
  importDetail_zipEntryLonger: 'holds more bytes than it declares',
  importDetail_gzipUnreadable: 'not a readable gzip file ({error})',
  importNone: 'no imports for {domain}',
  importNoSuch: '{domain} has no import {id}',
  importRemoved: 'removed import {id} from {domain}',
  exportSummary:
    'export a site’s counters as a ZIP: Plausible’s import format or Pomelo’s own (every column)',
  optExportFormat: 'plausible (to move to Plausible) or pomelo (complete; default)',
  optExportOut: 'the ZIP file to write (required)',
  optExportFrom: 'first day (site’s timezone); default: the first day with data',
  optExportTo: 'last day (site’s timezone); default: the last day with data',
  exportDetails:
    'docs/API.md, “Imports and exports”, describes both formats and what Plausible’s leaves out.',
  exportFormat: '--format must be plausible or pomelo',
  exportNeedsOut: '--out is required: the ZIP file to write',
  exportBadDay: '{option} must be a day YYYY-MM-DD',
  exportBadRange: '--from must not be after --to',
  exportProgress: 'exporting {domain}',
  exportDone: 'wrote {file}: {rows} rows, {from} to {to}',
} as const;

export type CliMessageKey = keyof typeof en;
