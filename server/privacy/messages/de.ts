// Der Datenschutzbericht auf Deutsch (Begriffe der BfDI und der DSK: Reichweitenmessung, Zweck,
// Speicherdauer, Einwilligung, Endeinrichtung). Die geprüften Bedingungen bleiben die der CNIL.
import type { PrivacyMessageKey } from './en.js';

export const de: Record<PrivacyMessageKey, string> = {
  title: 'Was Pomelo über die Besucher von {site} speichert',
  intro:
    'Dieser Bericht wird von Pomelo, dem Werkzeug zur Reichweitenmessung von {site}, aus den am {date} geltenden Einstellungen erstellt. Er beschreibt, was gemessen wird und was nicht, wie lange die Daten gespeichert werden und ob die Messung die Bedingungen erfüllt, unter denen die französische Datenschutzaufsicht CNIL die Reichweitenmessung von der Einwilligung ausnimmt.',
  collectedHeading: 'Was gemessen wird',
  collectedCounters:
    'Tägliche Summen je Seite, verweisender Website, Kampagne (UTM-Parameter), Land (abgeleitet aus der Zeitzone des Browsers, nie aus einer IP-Adresse), Gerätetyp, Browser- und Betriebssystemfamilie, Bildschirmgrößenklasse und benutzerdefinierten Ereignissen: Besuche, Seitenaufrufe, Absprünge, Verweildauer und Scrolltiefe werden zu Zählern addiert; kein einzelnes Ereignis wird gespeichert.',
  collectedHourly:
    'Stündliche Summen derselben Werte für die gesamte Website, für die Diagramme der letzten Tage.',
  collectedExcluded:
    '{count, plural, =0 {Kein Pfad ist von der Messung ausgenommen.} one {# Pfadmuster ist von der Messung ausgenommen: Besuche dort werden überhaupt nicht gezählt.} other {# Pfadmuster sind von der Messung ausgenommen: Besuche dort werden überhaupt nicht gezählt.}}',
  notCollectedHeading: 'Was nicht erhoben wird',
  notCollectedCookie:
    'Keine Cookies, und nichts wird in der Endeinrichtung des Besuchers gespeichert (kein lokaler Speicher, kein Fingerprint).',
  notCollectedIp:
    'Keine IP-Adresse: Sie wird weder gespeichert noch zur Ableitung eines Standorts verwendet.',
  notCollectedId:
    'Keinerlei Kennung: keine Besucher-ID, keine Sitzungs-ID, kein Hashwert einer Adresse oder eines Browsers; Besuche werden unterschieden, ohne jemanden wiederzuerkennen.',
  notCollectedUa:
    'Keine User-Agent-Zeichenkette: Gezählt werden nur die Browserfamilie und die Geräteklasse.',
  notCollectedCross:
    'Kein websiteübergreifendes Tracking: Nichts verknüpft einen Besuch auf {site} mit einem Besuch anderswo.',
  gpcHonoured:
    'Besucher, die das Signal Global Privacy Control senden, werden nicht gezählt: Das Skript sendet nichts, und der Server verwirft, was trotzdem gesendet wird.',
  gpcIgnored:
    'Das Signal Global Privacy Control wird auf dieser Website nicht beachtet: Besucher, die es senden, werden wie alle anderen gezählt.',
  retentionHeading: 'Speicherdauer',
  retention:
    'Die Zähler werden {months, plural, one {# Monat} other {# Monate}} gespeichert und dann durch die tägliche Bereinigung gelöscht.',
  cap: 'Hat ein Tag mehr als {cap, number} verschiedene Werte einer Art (zum Beispiel Seiten), werden die übrigen gemeinsam als „(Sonstige)“ gezählt.',
  exemptionHeading: 'Ausnahme von der Einwilligung: Selbstprüfung anhand der Bedingungen der CNIL',
  exemptionIntro:
    'Die CNIL nimmt Werkzeuge zur Reichweitenmessung von der Einwilligungspflicht aus, wenn sie die folgenden Bedingungen erfüllen (Beschluss Nr. 2020-091 und die zugehörigen Leitlinien). Diese Prüfung wird aus den obigen Einstellungen berechnet; sie ist keine Rechtsberatung.',
  checkOwnSite:
    'Zweck beschränkt auf die Reichweitenmessung von {site} für eigene Zwecke: Die Statistiken werden weder an Dritte weitergegeben noch verkauft.',
  checkAnonymous:
    'Ausschließlich anonyme Statistiken: aggregierte Zähler, ohne Daten über einzelne Besucher.',
  checkNoCross:
    'Kein websiteübergreifendes Tracking und keine Zusammenführung mit anderen Verarbeitungen: Es gibt keine Kennung, die sich zusammenführen ließe.',
  checkNoDevice:
    'In der Endeinrichtung des Besuchers wird nichts gespeichert; die Höchstlaufzeit von 13 Monaten für Tracker findet daher keine Anwendung.',
  checkRetentionOk:
    'Speicherdauer höchstens 25 Monate: Gespeichert wird {months, plural, one {# Monat} other {# Monate}}.',
  checkRetentionTooLong:
    'Speicherdauer höchstens 25 Monate: NICHT ERFÜLLT, die Zähler werden {months} Monate gespeichert. Verkürzen Sie die Speicherdauer auf 25 Monate oder weniger.',
  checkObjectionOk: 'Widerspruchsmöglichkeit: Das Signal Global Privacy Control wird beachtet.',
  checkObjectionMissing:
    'Widerspruchsmöglichkeit: Das Signal Global Privacy Control wird ignoriert; bieten Sie den Besuchern einen anderen Weg zum Widerspruch an (einen Link in der Datenschutzerklärung).',
  verdictMet:
    'Alle Bedingungen sind erfüllt: Diese Reichweitenmessung kann ohne Einholung einer Einwilligung betrieben werden.',
  verdictNotMet:
    'Mindestens eine Bedingung ist nicht erfüllt: Bis dies behoben ist, erfordert diese Messung die Einwilligung der Besucher.',
  pass: 'Erfüllt',
  fail: 'Nicht erfüllt',
  warn: 'Zu prüfen',
  replayHeading: 'Zeitfenster für Nutzungsstudien mit Sitzungsaufzeichnung (letzte 25 Monate)',
  replayNone:
    'In den letzten 25 Monaten wurde für {site} kein Zeitfenster für Nutzungsstudien geöffnet.',
  replayIntro:
    'In diesen Zeitfenstern wird aufgezeichnet, wie einige wenige Besucher, die eingewilligt haben, bestimmte Seiten nutzen, um ein Problem der Bedienbarkeit zu beheben. Sie beruhen auf der Einwilligung, nicht auf der obigen Ausnahme, und sind zeitlich begrenzt und maskiert.',
  replayWindow:
    '{purpose}: vom {from} bis zum {to}, Aufzeichnungen {days, plural, one {# Tag} other {# Tage}} gespeichert ({state}).',
  purposeUxDebugging: 'Behebung von Bedienungsproblemen',
  purposeSupportInvestigation: 'Klärung einer Support-Anfrage',
  purposeQa: 'Qualitätssicherung',
  purposeOther: 'Sonstiger Zweck',
  stateOpen: 'offen',
  statePaused: 'pausiert',
  stateClosed: 'geschlossen',
  statePurged: 'geschlossen, Aufzeichnungen gelöscht',
  storageHeading: 'Speicherort',
  storage: 'Auf der Installation, die Pomelo für {site} betreibt, in einer {engine}-Datenbank.',
  checkpointHeading: 'Integrität',
  checkpoint:
    'Erstellt am Prüfpunkt {rows, number} der Audit-Kette (Kopf {head}, signiert am {date}): Jede frühere Änderung der Einstellungen steht im manipulationssicheren Audit-Protokoll.',
  checkpointNone: 'Auf dieser Installation wurde noch kein Prüfpunkt der Audit-Kette geschrieben.',
  generated: 'Erstellt am {date} von Pomelo.',
};
