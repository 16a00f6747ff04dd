// Ce qu’affichent `pomelo` et la vérification de la configuration, en français (clés : en.ts).
// Les noms de commandes, d’options et de variables, ainsi que les valeurs, restent tels quels.
import type { CliMessageKey } from './en.js';

export const fr: Record<CliMessageKey, string> = {
  helpOverviewUsage:
    'utilisation : {program} <commande> [options]   (depuis une copie du dépôt : npm run pomelo -- <commande>)',
  helpCommands: 'commandes :',
  helpFooter:
    '`{program} <commande> --help` affiche les options d’une commande. La configuration vient des\nvariables d’environnement (README, « Configuration » ; `{program} config` l’affiche).',
  helpUsage: 'utilisation : {usage}',
  helpOptions: 'options :',
  helpValue: 'valeur',

  unknownCommand: 'commande inconnue « {typed} » ({program} --help les liste toutes)',
  unknownCommandGuess:
    'commande inconnue « {typed} » ; vouliez-vous dire « {guess} » ? ({program} --help les liste toutes)',
  unknownGroupCommand: 'commande inconnue « {typed} »',
  unknownGroupCommandGuess: 'commande inconnue « {typed} » ; vouliez-vous dire « {guess} » ?',
  argUnknownOption: 'option inconnue {option} ({help})',
  argMissingValue: 'il manque la valeur de l’option {option} ({help})',
  argNoValue: 'l’option {option} ne prend pas de valeur ({help})',
  argCount:
    '{command} prend {max, plural, one {# argument} other {# arguments}}{args}, et non {got} ({help})',
  argCountRange: '{command} prend de {min} à {max} arguments{args}, et non {got} ({help})',
  databaseSqlite: 'Base de données : SQLite {file}',
  databasePg: 'Base de données : PostgreSQL {host}/{name}',
  noDatabase:
    'aucune base Pomelo dans {file} : rien à lire (indiquez le répertoire des données dans POMELO_DATA_DIR)',

  progressDone: 'terminé en {duration}',
  progressEta: 'reste {duration}',

  startSummary: 'lance le serveur (comme `npm start` dans une copie du dépôt)',
  configSummary: 'affiche la configuration en vigueur (secrets masqués)',

  siteAddSummary: 'ajoute un site (mêmes règles que le tableau de bord et l’API)',
  argsDomain: '<domaine>',
  fieldDomain: 'domaine',
  optTimezone: 'rapports jour par jour dans ce fuseau (UTC par défaut)',
  valueIanaZone: 'fuseau IANA',
  valueName: 'nom',
  optSiteName: 'nom affiché (par défaut : le domaine)',
  valueN: 'n',
  optCap: 'valeurs distinctes par jour et par dimension (de 10 à POMELO_MAX_CARDINALITY_CAP)',
  optSiteOrg:
    'organisation où le ranger (une existante ; obligatoire s’il y en a plusieurs, sinon la seule)',
  siteExists: 'le site {domain} existe déjà',
  siteAdded: 'site {domain} ajouté (id {id}, fuseau {timezone})',
  siteAddedToOrg: 'site {domain} ajouté à {org} (id {id}, fuseau {timezone})',
  siteWaitsForSetup:
    'aucune organisation n’existe encore : le site rejoindra la première, créée à l’installation ou par `pomelo user add --org`',
  siteOrgRequired: '--org : obligatoire, cette installation a plusieurs organisations ({orgs})',
  siteOrgUnknown: '--org : aucune organisation « {org} » (organisations : {orgs})',
  siteOrgNoneYet:
    '--org : aucune organisation « {org} » : il n’en existe encore aucune (créez-la à l’installation ou avec `pomelo user add --org`), ou omettez --org',
  siteListSummary: 'liste les sites : id, domaine, fuseau, nom (séparés par des tabulations)',
  noSitesYet:
    'aucun site pour l’instant : ajoutez-en un avec `pomelo site add example.com --timezone Europe/Paris`',
  siteRemoveSummary: 'supprime un site et tous ses compteurs',
  noSite: 'aucun site {domain}',
  siteRemoved: 'site {domain} supprimé, avec tous ses compteurs',

  pipePassword:
    'envoyez le mot de passe sur l’entrée standard, par exemple `printf %s "$PW" | pomelo user add …`',
  userAddSummary:
    'crée un compte (mot de passe sur l’entrée standard) ou ajoute un compte existant à une organisation',
  argsEmail: '<e-mail>',
  fieldEmail: 'e-mail',
  optUserOrg: 'organisation (créée si elle n’existe pas) ; obligatoire sauf avec --instance-admin',
  optInstanceAdmin:
    'fait du compte un administrateur de l’instance (qui peut créer des organisations) ; sur un compte existant sans --org, n’accorde que ce droit',
  optRole: 'son rôle dans l’organisation (owner par défaut)',
  optPasswordStdin: 'lit le mot de passe sur l’entrée standard (c’est toujours le cas)',
  userAddDetails: 'Le mot de passe est lu sur l’entrée standard, jamais sur la ligne de commande.',
  orgRequired: '--org : obligatoire (le nom de l’organisation), sauf avec --instance-admin',
  isInstanceAdmin: '{email} est administrateur de l’instance (peut créer des organisations)',
  isMemberOf: '{email} a le rôle {role} dans {org}',
  userResetPasswordSummary:
    'définit le nouveau mot de passe d’un compte (sur l’entrée standard) et ferme toutes ses sessions',
  noAccount: 'aucun compte {email}',
  passwordReset: 'mot de passe de {email} réinitialisé ; toutes ses sessions sont fermées',
  userResetSecondFactorSummary:
    'retire le second facteur d’un compte (application, clés d’accès, codes de secours) et ferme ses sessions',
  secondFactorRemoved:
    'second facteur de {email} retiré (application, clés d’accès, codes de secours) ; toutes ses sessions sont fermées',
  auditVerifySummary:
    'vérifie la chaîne de hachage à clé du journal d’audit par rapport au dernier point de contrôle (code 1 si elle est rompue)',
  auditVerified:
    '{rowCount, plural, one {{rows} ligne} other {{rows} lignes}}, {intact, select, yes {chaîne intacte} other {chaîne NON intacte}} ; tête {head} ; {checkpoint}',
  latestCheckpoint: 'dernier point de contrôle : ligne {row} du {at}',
  noCheckpoint: 'pas encore de point de contrôle',
  auditExportSummary: 'affiche le journal d’audit en CSV ou en JSON',
  optFormat: 'format de sortie (csv par défaut)',
  formatChoices: 'csv ou json',

  optAll: 'tous les sites de l’instance',
  optSite: 'un seul site',
  valueDomain: 'domaine',
  giveScope: 'indiquez soit --all, soit --site <{domain}> : pomelo {usage}',
  noSiteQuoted: 'aucun site « {domain} »',
  replayKillSummary:
    'ferme toutes les fenêtres de replay (ou celles d’un site), purge leurs enregistrements et verrouille',
  replayKilledAll:
    'arrêt d’urgence du replay : {windows, plural, one {# fenêtre fermée et purgée} other {# fenêtres fermées et purgées}} sur tous les sites',
  replayKilledSite:
    'arrêt d’urgence du replay : {windows, plural, one {# fenêtre fermée et purgée} other {# fenêtres fermées et purgées}} sur {site}',
  replayUnlatchSummary:
    'lève le verrou de l’arrêt d’urgence pour que des fenêtres puissent rouvrir (une note est obligatoire)',
  optNote: 'pourquoi des fenêtres peuvent rouvrir (obligatoire)',
  valueText: 'texte',
  unlatchNeedsNote: 'unlatch demande --note <{text}> : {reason}',
  latchClearedAll: 'verrou du replay levé pour l’instance : des fenêtres peuvent rouvrir',
  latchClearedSite: 'verrou du replay levé sur {site} : des fenêtres peuvent rouvrir',
  noLatchAll: 'aucun verrou du replay pour l’instance',
  noLatchSite: 'aucun verrou du replay sur {site}',

  backupPostgres:
    'POMELO_DATABASE_URL est définie : sauvegardez PostgreSQL avec {tool} (docs/DEPLOY.md, « Backups »)',
  restorePostgres:
    'POMELO_DATABASE_URL est définie : restaurez PostgreSQL avec {tool} (docs/DEPLOY.md, « Backups »)',
  unitPages: 'pages',
  progressBackup: 'sauvegarde',
  progressRestore: 'restauration',
  backupSummary:
    'copie la base SQLite dans un nouveau fichier pendant que Pomelo continue de tourner',
  argsFile: '<fichier>',
  backupDetails:
    'La copie est vérifiée (PRAGMA integrity_check). Les fichiers à côté de la base (le fichier pid, les clés) ne sont pas copiés.',
  integrityFailed: 'la copie a échoué à la vérification d’intégrité : {result}',
  backedUp: '{file} sauvegardé dans {dest} ({kb} Ko, intégrité vérifiée)',
  notInBackup: 'absents de la sauvegarde : {files}',
  restoreSummary: 'remplace la base SQLite par une sauvegarde (arrêtez d’abord le serveur)',
  restoreDetails:
    'La sauvegarde est vérifiée, copiée à côté de la base puis renommée par-dessus en une seule opération. Refusé tant qu’un serveur tourne sur le répertoire des données. Démarrez ensuite le serveur : il migre une sauvegarde plus ancienne.',
  serverRunning: 'un serveur Pomelo (pid {pid}) utilise {dir} : arrêtez-le, puis restaurez',
  restored: '{file} restauré dans {dest} ({kb} Ko, intégrité vérifiée)',

  migrateSummary:
    'copie toute une instance dans une autre base (par exemple de SQLite vers PostgreSQL) et vérifie la copie',
  valueStore: 'base',
  valueRows: 'lignes',
  optFrom: 'source : sqlite:./data/pomelo.db ou postgres://…',
  optTo: 'cible : sqlite:<fichier> ou postgres://user@host/db',
  optForce: 'efface d’abord ce que contient la cible',
  optChunk: 'lignes par transaction (5000 par défaut)',
  fromToRequired: '--from et --to sont tous deux obligatoires (pomelo migrate-data --help)',
  chunkRange: '--chunk doit être un nombre entier de lignes de 1 à 100000',
  sameDatabase: '--from et --to désignent la même base',
  progressCounterRows: 'lignes de compteurs',
  unitRows: 'lignes',
  migrated:
    '{sites, plural, one {# site copié} other {# sites copiés}}, {daily} lignes de compteurs journaliers et {hourly} horaires, {accounts} lignes des autres tables (comptes, objectifs, courriel, imports) ; les nombres de lignes, les sommes par site et chaque autre ligne concordent',
  targetNotEmpty:
    'la cible contient déjà {sites, plural, one {# site} other {# sites}}, {rows} lignes de compteurs et {accounts} lignes des autres tables ; ajoutez --force pour les effacer et copier quand même',
  forceRemoved:
    '--force : {sites, plural, one {# site supprimé} other {# sites supprimés}} de la cible, avec leurs compteurs et les lignes de toutes les autres tables copiées',
  copyMismatch:
    'la copie ne correspond pas à sa source (la source a-t-elle été modifiée pendant la copie ?) :\n  {problems}',
  mismatchMore: '… et {count} de plus',
  mismatchTableRows: '{table} : {source} lignes dans la source, {target} dans la cible',
  mismatchTableRow: '{table} : la ligne {row} diffère entre la source et la cible',
  mismatchSiteMissing: 'site {id} : {site} n’est pas dans la cible',
  mismatchSiteExtra: 'site {id} : {site} n’est que dans la cible',
  mismatchSiteRows: '{table}, site {id} : {source} lignes dans la source, {target} dans la cible',
  mismatchSum:
    '{table}, site {id} : sum({column}) vaut {source} dans la source, {target} dans la cible',

  configInvalid: '{name} doit être {expected} ; valeur reçue : {value} (README, « Configuration »)',
  configRedacted: '(masquée)',
  expectedWholeNumber: 'un nombre entier de {min} à {max}',
  expectedOneOf: 'l’une des valeurs {choices}',
  expectedOrigin: 'une origine telle que https://stats.example.com',
  expectedAddressList:
    'des adresses IP ou des plages CIDR séparées par des virgules, par exemple 127.0.0.1,::1,10.0.0.0/8,fd00::/8 (« {invalid} » n’en est pas une)',
  expectedAuditKey:
    'au moins 32 octets aléatoires en hexadécimal ou en base64, par exemple `openssl rand -hex 32` (docs/SECURITY.md, « Audit key »)',
  expectedSecondFactorKey:
    'le base64 de 32 octets aléatoires, par exemple issu de `openssl rand -base64 32`',
  expectedReplayKek:
    '32 octets aléatoires en 64 chiffres hexadécimaux ou en base64 (openssl rand -base64 32)',
  expectedPostgresUrl: 'postgres://user@host:port/db, ou non définie pour SQLite',
  expectedToken: 'au moins 16 caractères, sans espace',
  configCapAboveMax:
    'POMELO_CARDINALITY_CAP ne doit pas dépasser POMELO_MAX_CARDINALITY_CAP ({cap} > {max}) (README, « Configuration »)',
  configRequestBelowHeaders:
    'POMELO_REQUEST_TIMEOUT_MS ne doit pas être plus court que POMELO_HEADERS_TIMEOUT_MS ({request} < {headers}) (README, « Configuration »)',
  configUnset: '(non définie)',
  configSetRedacted: '(définie, masquée)',
  configNone: '(aucune)',
  configDefault: '# par défaut',
  goalAddSummary:
    'ajouter un objectif de conversion à un site : un motif de page ou un événement personnalisé',
  goalListSummary:
    'lister les objectifs d’un site : nom, type, définition (séparés par des tabulations)',
  goalRemoveSummary:
    'retirer un objectif par son nom (ses compteurs restent : les objectifs en sont calculés)',
  argsDomainName: '<domaine> <nom>',
  valuePattern: 'motif',
  valueKeyValue: 'clé=valeur',
  valueIso4217: 'ISO 4217',
  optGoalPage: 'objectif de page vue : « /thanks* », « /blog/** »',
  optGoalEvent: 'objectif d’événement : le nom de l’événement',
  optGoalProp: 'objectif d’événement : une valeur de propriété',
  optGoalCurrency:
    'objectif de revenu : additionne le revenu de l’événement dans cette devise (EUR, USD…)',
  optGoalName: 'nom affiché (par défaut, tiré de l’objectif)',
  goalAddDetails:
    "Les objectifs s’appliquent à l’historique : les conversions sont calculées à partir des compteurs déjà enregistrés.\nLe revenu est enregistré à partir des événements qui portent '{'currency, amount'}', depuis la version qui a ajouté les objectifs.",
  goalNoSite: 'aucun site {domain}',
  goalPropFormat: '--prop : écrivez-le sous la forme clé=valeur (par exemple plan=pro)',
  goalExists: '{domain} a déjà un objectif nommé « {name} »',
  goalFull: 'un site a au plus {max} objectifs',
  goalAdded: 'objectif « {name} » ajouté à {domain}',
  goalNone: 'aucun objectif pour l’instant : pomelo goal add {domain} --page "/thanks*"',
  goalNoSuch: '{domain} n’a pas d’objectif nommé « {name} »',
  goalRemoved: 'objectif « {name} » retiré de {domain}',

  // report send, configuration du courriel (reports.ts, config.ts)
  expectedSmtpUrl:
    'smtp://utilisateur:mot-de-passe@hôte:587 ou smtps://utilisateur:mot-de-passe@hôte:465',
  expectedMailFrom: 'une adresse, comme stats@example.com ou Pomelo <stats@example.com>',
  configMailFromMissing:
    'POMELO_SMTP_URL est définie mais pas POMELO_MAIL_FROM : indiquez l’adresse d’expédition',
  reportSendSummary: 'envoyer maintenant le rapport d’un site pour une période à une adresse',
  optReportPeriod: 'last-week, last-month ou un mois AAAA-MM',
  optReportTo: 'l’adresse de destination',
  optReportLang: 'la langue du rapport (en, fr, de, es, it, nl, pt ; en par défaut)',
  valuePeriod: 'période',
  valueAddress: 'adresse',
  valueLang: 'langue',
  reportNoSite: 'aucun site {domain}',
  reportBadPeriod: '--period : écrivez last-week, last-month ou un mois comme 2026-11',
  reportBadAddress: '--to : ce n’est pas une adresse électronique',
  reportBadLang: '--lang : en, fr, de, es, it, nl ou pt',
  reportMailOff:
    'le courriel n’est pas configuré : définissez POMELO_SMTP_URL et POMELO_MAIL_FROM (docs/DEPLOY.md, « Mail »)',
  reportSent: 'rapport {period} de {domain} envoyé à {to} ({messageId})',
  reportFailed: 'le serveur de courriel n’a pas pris le rapport : {reason}',
  // imports and exports (issue 15)
  argsDomainId: '<domaine> <id>',
  valueFile: 'fichier',
  valueDay: 'AAAA-MM-JJ',
  importPlausibleSummary:
    'importe un export CSV de Plausible (le ZIP des fichiers imported_*.csv) dans un site',
  importGoatcounterSummary:
    'importe un export CSV de GoatCounter (format 2, .csv ou .csv.gz) dans un site',
  importPomeloSummary: 'importe un export de Pomelo (pomelo export --format pomelo) dans un site',
  importListSummary:
    'liste les imports d’un site : id, source, fichier, lignes, jours, état, origine, date, empreinte',
  importRemoveSummary:
    'retire un import : ses compteurs sont soustraits exactement, rien d’autre ne change',
  optImportSite: 'le site où importer (obligatoire)',
  optImportReplace: 'remplace un import précédent du même fichier au lieu de le refuser',
  optImportFromSite: 'accepte l’export de cet autre site (son domaine, tel que l’export le nomme)',
  importDetails:
    'Un import est tout ou rien : un mauvais fichier (colonnes, dates, nombres, bombe ZIP, autre site) est refusé\nen nommant le fichier et la ligne, et rien n’est importé. Le même fichier deux fois est refusé sans --replace.',
  importNoSite: 'aucun site {domain}',
  importNeedsSite: '--site est obligatoire : le domaine du site où importer',
  importNoFile: 'aucun fichier {file}',
  importProgress: 'import de {file}',
  importDone: 'import {id} : {rows} lignes ({rate} lignes/s), du {from} au {to}, dans {domain}',
  importReplaced: 'import {id} remplacé',
  importBots:
    '{bots} lignes marquées comme robots ont été comptées à part, comme Pomelo compte les robots',
  importRefused: '{where} : {reason} : {detail}. Rien n’a été importé.',
  importWhereLine: '{file}, ligne {line}',
  importReason_too_large: 'fichier trop gros',
  importReason_bad_zip: 'ZIP illisible',
  importReason_zip_bomb: 'bombe ZIP refusée',
  importReason_unknown_file: 'fichier inattendu',
  importReason_no_data: 'aucune donnée',
  importReason_bad_columns: 'colonnes fausses ou manquantes',
  importReason_malformed_csv: 'CSV mal formé',
  importReason_bad_date: 'date invalide',
  importReason_date_out_of_range: 'date hors limites',
  importReason_bad_count: 'nombre invalide',
  importReason_bad_value: 'valeur invalide',
  importReason_other_site: 'export d’un autre site',
  importReason_bad_manifest: 'export Pomelo inutilisable',
  importReason_duplicate: 'déjà importé',
  importDetail_countNotWhole: '{column} doit être un nombre entier ≥ 0, pas {value}',
  importDetail_countTooLarge: '{column} est trop grand ({value})',
  importDetail_dateNotDay: '{column} doit être une date AAAA-MM-JJ, pas {value}',
  importDetail_dateInFuture: '{column} {date} est dans le futur (nous sommes le {today})',
  importDetail_dateTooEarly: '{column} {date} est antérieur au 2000-01-01',
  importDetail_columnTwice: 'la colonne {column} apparaît deux fois',
  importDetail_columnsMissing: 'colonne(s) manquante(s) : {columns}',
  importDetail_columnsUnknown: 'colonne(s) inconnue(s) : {columns}',
  importDetail_columnsExactly: 'les colonnes doivent être exactement : {columns}',
  importDetail_malformedCsv: 'CSV mal formé ({error})',
  importDetail_notGoatcounter:
    'ce n’est pas un export GoatCounter : la première colonne doit être la version du format et Path (2Path)',
  importDetail_goatcounterVersion:
    'le format d’export GoatCounter {version} n’est pas pris en charge (seulement la version 2)',
  importDetail_notBoolean: '{column} doit valoir true ou false',
  importDetail_notRfc3339: 'Date doit être une heure RFC 3339, pas {value}',
  importDetail_botNotNumber: 'Bot doit être un nombre',
  importDetail_eventPathEmpty: 'Path (le nom de l’évènement) est vide',
  importDetail_eventNameEmpty: 'name est vide',
  importDetail_otherHostname:
    'le nom d’hôte {host} n’est pas {domain} : cet export est celui d’un autre site',
  importDetail_manifestNotJson: 'n’est pas du JSON',
  importDetail_manifestFormat: 'format doit valoir « {format} »',
  importDetail_manifestVersion: 'la version {version} n’est pas prise en charge (1)',
  importDetail_manifestFields: 'domain et timezone sont obligatoires',
  importDetail_manifestMissing: 'est absent (ou trop gros) : ce n’est pas un export Pomelo',
  importDetail_unknownDimension: 'dimension inconnue {value}',
  importDetail_valueCharacters: 'la valeur contient des caractères que Pomelo n’enregistre jamais',
  importDetail_notHour: 'hour doit être au format AAAA-MM-JJTHH, pas {value}',
  importDetail_revenueFields: 'un évènement et une devise à 3 lettres sont obligatoires',
  importDetail_tooLarge: '{bytes} octets : la limite est de {limit}',
  importDetail_tooLargeStream: 'plus de {limit} octets : la limite',
  importDetail_fileEmpty: 'le fichier est vide',
  importDetail_noDataRows: 'aucune ligne de données',
  importDetail_zipNoCsv: 'le ZIP ne contient aucun fichier CSV',
  importDetail_notPlausibleFile:
    'ne fait pas partie des fichiers d’un export Plausible (imported_*.csv)',
  importDetail_notPomeloFile: 'ne fait pas partie d’un export Pomelo',
  importDetail_otherSiteExport:
    'cet export est celui de {from}, pas de {domain} (indiquez {from} comme site d’origine pour l’importer quand même)',
  importDetail_otherTimezone:
    'ses jours sont en {from}, ceux du site en {timezone} : changez d’abord le fuseau horaire du site',
  importDetail_alreadyImported:
    'ce fichier a déjà été importé (import {id}, {at}) ; demandez à le remplacer',
  importDetail_importedMeanwhile: 'ce fichier a été importé entre-temps ; demandez à le remplacer',
  importDetail_notZip: 'ce n’est pas un fichier ZIP ({error})',
  importDetail_zipUnreadable: 'ZIP illisible ({error})',
  importDetail_zipEntries: '{count} entrées (au plus {limit})',
  importDetail_zipRatio: 'compressé {ratio} pour 1 : refusé comme bombe ZIP',
  importDetail_zipTotal: 'ses fichiers font {bytes} octets décompressés (au plus {limit})',
  importDetail_zipEntryPast: 'dépasse {limit} octets une fois décompressé',
  importDetail_zipEntryLonger: 'contient plus d’octets qu’il n’en déclare',
  importDetail_gzipUnreadable: 'ce n’est pas un fichier gzip lisible ({error})',
  importNone: 'aucun import pour {domain}',
  importNoSuch: '{domain} n’a pas d’import {id}',
  importRemoved: 'import {id} retiré de {domain}',
  exportSummary:
    'exporte les compteurs d’un site en ZIP : au format d’import de Plausible ou au format complet de Pomelo',
  optExportFormat: 'plausible (pour passer à Plausible) ou pomelo (complet ; par défaut)',
  optExportOut: 'le fichier ZIP à écrire (obligatoire)',
  optExportFrom: 'premier jour (fuseau du site) ; par défaut le premier jour avec des données',
  optExportTo: 'dernier jour (fuseau du site) ; par défaut le dernier jour avec des données',
  exportDetails:
    'docs/API.md, « Imports and exports », décrit les deux formats et ce que celui de Plausible laisse de côté.',
  exportFormat: '--format doit être plausible ou pomelo',
  exportNeedsOut: '--out est obligatoire : le fichier ZIP à écrire',
  exportBadDay: '{option} doit être un jour AAAA-MM-JJ',
  exportBadRange: '--from ne doit pas être après --to',
  exportProgress: 'export de {domain}',
  exportDone: '{file} écrit : {rows} lignes, du {from} au {to}',
};
