// Die für ein Aufzeichnungsfenster erzeugten Texte auf Deutsch: das Verzeichnis von
// Verarbeitungstätigkeiten (lesbare Werte und Markdown), der einfügefertige Datenschutzhinweis und
// der Hinweis, der während der Aufzeichnung auf der Seite erscheint. Begriffe nach BfDI und DSK.
import type { ReplayMessageKey } from './en.js';

export const de: Record<ReplayMessageKey, string> = {
  document:
    'Verzeichnis von Verarbeitungstätigkeiten — Zeitfenster für Nutzungsstudien mit Sitzungsaufzeichnung',
  system: 'System',
  purposeUxDebugging: 'Behebung von Bedienungsproblemen',
  purposeSupportInvestigation: 'Klärung einer Support-Anfrage',
  purposeQa: 'Qualitätssicherung',
  purposeOther: 'Sonstiger Zweck',
  purposeExcluded: 'niemals Marketing, Werbung oder Retargeting',
  legalBasis:
    'Einwilligung der Besucherin oder des Besuchers, von der Website vor Beginn der Aufzeichnung eingeholt',
  hosting: 'selbst betrieben (Pomelo)',
  encryption:
    'AES-256-GCM mit einem Schlüssel je Zeitfenster, der mit Ablauf der Speicherdauer vernichtet wird',
  transfersNone: 'keine: Die Datenbank läuft auf dem Rechner, auf dem Pomelo läuft',
  transfersRemote:
    'Die verschlüsselten Aufzeichnungen werden auf dem Datenbankserver {host} gespeichert (von Ihnen oder Ihrem Hoster betrieben); liegt er außerhalb der EU/des EWR, ist dies eine zu dokumentierende Übermittlung',
  recipients:
    'ausschließlich die namentlich benannten berechtigten Personen; kein Auftragsverarbeiter, keine Dritten',
  reviewGate:
    'Es werden keine Aufzeichnungen mehr angeboten, sobald {gate} Aufzeichnungen nicht geprüft sind; nur eine berechtigte Person, die eine Aufzeichnung abgespielt hat, kann sie als geprüft markieren',

  categoryStructure:
    'Seitenstruktur und Layout als maskierte DOM-Momentaufnahmen (Text ersetzt, außer unter den hier aufgeführten Selektoren zur Demaskierung)',
  categoryInteractions:
    'Interaktionen: Mausbewegungen, Klicks, Scrollen, Fokuswechsel und Größe des Anzeigebereichs, jeweils mit Zeitpunkt',
  categoryAddresses:
    'Seitenadressen, gekürzt auf Ursprung und Pfad (ohne Query-String, ohne Fragment)',
  categoryNever:
    'Niemals: eingegebene Werte, IP-Adresse, User-Agent-String, Cookies oder eine Kennung, die eine Aufzeichnung mit einer Person oder mit der Reichweitenmessung verknüpft',

  floorServer:
    'Der Server wendet alle folgenden Regeln erneut auf jedes Datenpaket an, bevor er es speichert; ein Datenpaket, das er nicht lesen kann, wird abgewiesen.',
  floorText:
    'Jeder Text wird durch „{mask}“ ersetzt (konstante Länge), außer Text unter den hier aufgeführten Selektoren zur Demaskierung, so wie der Server sie auf der aufgezeichneten Seite auswertet; Text in Formularelementen (input, textarea, select, option, button) wird immer maskiert.',
  floorInputs:
    'Alle Eingabewerte werden durch „{mask}“ ersetzt, auch versteckte Felder; der Zustand von Kontrollkästchen und Optionsfeldern wird nicht aufgezeichnet.',
  floorAttributes:
    'Nur Attribute einer Positivliste bleiben erhalten ({attributes}); title, alt, placeholder, aria-*, data-* und value niemals.',
  floorUrls:
    'Jede URL (Links, Quellen, Formulare, Stylesheets, die Seitenadresse) wird auf Ursprung und Pfad gekürzt: kein Query-String, kein Fragment, kein Pfadparameter (;jsessionid=…).',
  floorPages:
    'Jede Seitenadresse in einem Datenpaket wird gegen die Ein- und Ausschlussregeln und die eingebaute Sperrliste geprüft: Ein Datenpaket von einer anderen Seite wird verworfen und seine Aufzeichnung beendet.',
  floorMedia: 'Medien und Frames werden als leere Flächen aufgezeichnet: {tags}.',
  floorSensitive:
    'Eine Seite mit einem Passwortfeld, einem autocomplete-Wert cc-*, current-password, new-password oder one-time-code oder mit {marker} wird nie aufgezeichnet; erscheint ein solches Element während einer Aufzeichnung, wird die Aufzeichnung beendet und gelöscht.',

  dpiaStatus:
    'von Pomelo aus den Einstellungen des Zeitfensters vorausgefüllt; vom Verantwortlichen zu vervollständigen und zu unterzeichnen',
  dpiaProcessing:
    'Sitzungsaufzeichnung einer Stichprobe (höchstens {percent, number} %) der Besuche mit Einwilligung auf den einbezogenen Seiten, höchstens {max, number} Aufzeichnungen',
  dpiaNecessityPurpose: 'ein dokumentierter Zweck und ein bei der Eröffnung festgelegtes Ende',
  dpiaNecessityPages:
    'nur die einbezogenen Seiten; niemals Anmelde-, Konto-, Zahlungs- oder Passwortseiten',
  dpiaNecessityRetention:
    'Speicherdauer von {days, plural, one {# Tag} other {# Tagen}} nach dem Ende, danach kryptografische Löschung',
  dpiaRiskData:
    'auf einer Seite angezeigte personenbezogene Daten gelangen in eine Aufzeichnung (Maßnahmen: serverseitige Maskierung, Scanner für personenbezogene Daten, Kontrollmarker, Quarantäne)',
  dpiaRiskViewer:
    'eine berechtigte Person sieht ohne Anlass zu (Maßnahmen: namentlich benannte berechtigte Personen, ein angegebener Grund für jede Wiedergabe, Audit-Protokoll)',
  dpiaRiskCopiesAllowed:
    'Kopien außerhalb von Pomelo (Maßnahme: Downloads nur mit einem protokollierten Grund erlaubt)',
  dpiaRiskCopiesOff: 'Kopien außerhalb von Pomelo (Maßnahme: Downloads deaktiviert)',
  dpiaRiskUnawareShown:
    'Besucher wissen nicht, dass sie aufgezeichnet werden (Maßnahmen: Einwilligung; Hinweis auf der Seite angezeigt)',
  dpiaRiskUnawareHidden:
    'Besucher wissen nicht, dass sie aufgezeichnet werden (Maßnahmen: Einwilligung; Hinweis auf der Seite ausgeblendet: {reason})',
  dpiaResidualRisk: 'vom Verantwortlichen zu bewerten',

  privacyNotice:
    'Vom {from} bis zum {to} zeichnen wir – ausschließlich mit Ihrer Einwilligung – möglicherweise auf, wie eine Stichprobe der Besuche (höchstens {percent, number} %) bestimmte Seiten von {site} nutzt, und zwar zum Zweck {purpose, select, ux_debugging {der Behebung von Bedienungsproblemen} support_investigation {der Klärung von Support-Anfragen} qa {der Qualitätssicherung} other {sonstiger Untersuchungen}}{detail}. Alles, was Sie eingeben, und der auf den Seiten angezeigte Text werden maskiert, bevor etwas Ihren Browser verlässt; Anmelde-, Konto-, Zahlungs- und Passwortseiten werden nie aufgezeichnet. Die Aufzeichnungen werden auf unseren eigenen Servern gespeichert ({storage}), an niemanden weitergegeben, nur von {viewers, plural, one {# namentlich benannten Mitglied} other {# namentlich benannten Mitgliedern}} unseres Teams angesehen und spätestens {days, plural, one {# Tag} other {# Tage}} nach dem {to} gelöscht. Sie können Ihre Einwilligung jederzeit verweigern oder widerrufen; mit dem Widerruf wird Ihre Aufzeichnung gelöscht.',

  noticeLabel: 'Sitzungsaufzeichnung',
  noticeRecorded: 'Dieser Besuch wird aufgezeichnet, um diese Website zu verbessern',
  noticeRecordedUntil:
    'Dieser Besuch wird bis zum {date} aufgezeichnet, um diese Website zu verbessern',
  noticeStop: 'Beenden und löschen',
  noticeStopped: 'Aufzeichnung beendet; das Aufgezeichnete ist gelöscht.',

  mdSite: 'Website: {site} · Zeitfenster {window} · erstellt am {at}',
  mdPurposeHeading: 'Zweck',
  mdPurpose: 'Zweck: {label}',
  mdTicket: 'Ticket: {ticket}',
  mdNone: 'keine',
  mdExcludedPurposes: 'Ausgeschlossene Zwecke: {text}',
  mdOwner: 'Verantwortlich für das Zeitfenster: {owner}',
  mdLegalBasis: 'Rechtsgrundlage: {text}',
  mdPeriodHeading: 'Zeitraum',
  mdStart: 'Beginn: {at}',
  mdEnd: 'Ende: {at}',
  mdClosed: 'Geschlossen: {at} (Status: {state})',
  mdNotYet: 'noch nicht',
  stateDraft: 'Entwurf',
  stateOpen: 'offen',
  statePaused: 'pausiert',
  stateClosed: 'geschlossen',
  statePurged: 'gelöscht',
  mdPagesHeading: 'Seiten',
  mdWholeSite:
    'Einbezogen: DIE GESAMTE WEBSITE (bei der Eröffnung des Zeitfensters ausdrücklich gewählt):',
  mdIncluded: 'Einbezogen (mindestens eine Regel muss zutreffen):',
  mdExcluded: 'Ausgeschlossen:',
  mdNoneBeyondDenylist: 'keine über die eingebaute Sperrliste hinaus',
  mdDenylist:
    'Eingebaute Sperrliste, immer angewendet: jedes Pfadsegment, das {segments} enthält; jede URL mit einem tokenähnlichen Parameter ({parameters} oder ein langer, zufällig wirkender Wert).',
  mdMaskingHeading: 'Maskierung',
  mdUnmask: 'Selektoren zur Demaskierung (nur Text):',
  mdSamplingHeading: 'Stichprobe und Obergrenzen',
  mdSampleRate: 'Stichprobenquote: {percent, number} % der Besuche',
  mdCaps:
    'Höchstens {sessions, number} Aufzeichnungen in diesem Zeitfenster, {minutes} Minuten und {pages} Seiten je Aufzeichnung',
  mdRetentionHeading: 'Speicherdauer, berechtigte Personen, Speicherort',
  mdRetention:
    'Speicherdauer: {days, plural, one {# Tag} other {# Tage}} nach dem Ende; Löschung spätestens am {at}',
  mdViewers: 'Berechtigte Personen: {viewers}',
  mdStorage: 'Speicherort: {hosting}, {location}; {encryption}',
  mdDatabase: 'Datenbank: {engine}, {location}',
  mdTransfers: 'Übermittlungen: {text}',
  mdRecipients: 'Empfänger: {text}: {list}',
  mdNobodyYet: 'noch niemand',
  mdCategoriesHeading: 'Datenkategorien',
  mdNoticeHeading: 'Hinweis auf der Seite, Downloads und Prüfung',
  mdNoticeShown:
    'Hinweis auf der Seite: jeder aufgezeichneten Person angezeigt („{text}“), mit Beenden und Löschen per Klick',
  mdNoticeHidden: 'Hinweis auf der Seite: ausgeblendet, aus folgendem Grund: {reason}',
  mdDownloadsAllowed:
    'Rohdaten-Downloads: von der für das Zeitfenster verantwortlichen Person erlaubt, jeweils mit angegebenem Grund',
  mdDownloadsOff: 'Rohdaten-Downloads: deaktiviert',
  mdSignedOff: 'Freigegeben von {by} am {at}: {note}',
  mdNotSignedOff: 'Freigabe durch eine zweite Person: nicht erteilt',
  mdReview: 'Prüfung: {text}',
  mdDpiaHeading: 'Datenschutz-Folgenabschätzung (DSFA, vorausgefüllt)',
  mdDpiaStatus: 'Status: {text}',
  mdDpiaProcessing: 'Verarbeitung: {text}',
  mdNecessity: 'Notwendigkeit und Verhältnismäßigkeit:',
  mdRisks: 'Risiken und Maßnahmen:',
  mdResidualRisk: 'Restrisiko: {text}',
  mdAuditHeading: 'Audit-Protokoll',
  mdAuditColumns: '| Zeitpunkt | Akteur | Aktion | Details |',
  mdNoEntries: 'keine Einträge',
  mdNoticeTextHeading: 'Datenschutzhinweis (einfügefertig)',
};
