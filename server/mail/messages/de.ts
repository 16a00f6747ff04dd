// Berichte, Warnungen und die Abmeldeseite auf Deutsch.
import type { MailMessageKey } from './en.js';

export const de: Record<MailMessageKey, string> = {
  subjectWeekly: '{site}: Wochenbericht, {from} – {to}',
  subjectMonthly: '{site}: Bericht für {month}',
  subjectTest: '[Test] {subject}',
  headingWeekly: 'Ihre Woche auf {site}',
  headingMonthly: 'Ihr Monat auf {site}',
  periodLine: '{from} – {to}, verglichen mit {previousFrom} – {previousTo}',
  metricVisits: 'Besuche',
  metricPageviews: 'Seitenaufrufe',
  metricBounceRate: 'Absprungrate',
  metricTimeOnPage: 'Zeit pro Seite',
  changePercent: '{change, number, ::sign-always} % gegenüber dem Vorzeitraum',
  changePoints: '{change, number, ::sign-always} Pkt. gegenüber dem Vorzeitraum',
  changeNew: 'neu: nichts im Vorzeitraum',
  chartTitle: 'Besuche pro Tag',
  chartDay: '{day}: {visits, plural, one {# Besuch} other {# Besuche}}',
  topPages: 'Top-Seiten',
  topSources: 'Top-Quellen',
  countries: 'Länder',
  goals: 'Ziele',
  conversions: '{count, plural, one {# Conversion} other {# Conversions}} ({rate} %)',
  noData: 'In diesem Zeitraum wurde nichts gezählt.',
  openDashboard: 'Dashboard öffnen',
  privacyNote:
    'Ohne Cookies oder Kennungen gezählt: Nichts in dieser E-Mail betrifft einen einzelnen Besucher.',
  footerReports:
    'Sie erhalten diesen Bericht, weil ein Administrator von {site} {address} zu den Pomelo-Berichten hinzugefügt hat.',
  footerAlerts:
    'Sie erhalten diese Warnung, weil ein Administrator von {site} {address} zu den Pomelo-Warnungen hinzugefügt hat.',
  unsubscribeReports: 'Diese Berichte abbestellen',
  unsubscribeAlerts: 'Diese Warnungen abbestellen',
  spikeSubject:
    '{site}: Traffic-Spitze, {count, plural, one {# Seitenaufruf} other {# Seitenaufrufe}} in einer Stunde',
  spikeBody:
    'Zwischen {from} und {to} ({timezone}) hatte {site} {count, plural, one {# Seitenaufruf} other {# Seitenaufrufe}}, {percent} % der üblichen {usual} zu dieser Tageszeit.',
  stoppedSubject: '{site}: Messung seit {hours, plural, one {# Stunde} other {# Stunden}} gestoppt',
  stoppedBody:
    'Pomelo hat seit {since} ({timezone}) kein Ereignis von {site} erhalten, obwohl die Website zu diesen Zeiten üblicherweise Besucher hat. Wenn die Website kürzlich geändert wurde, prüfen Sie, ob das Pomelo-Skript noch auf ihren Seiten ist.',
  alertCooldown:
    'Sie erhalten höchstens eine Warnung dieser Art alle {hours, plural, one {# Stunde} other {# Stunden}}.',
  unsubscribeTitle: 'Abmelden',
  unsubscribeQuestion: '{scope} von {site} nicht mehr an {address} senden?',
  scopeReports: 'Die Berichte',
  scopeAlerts: 'Die Warnungen',
  unsubscribeButton: 'Abmelden',
  unsubscribeDone: '{address} erhält {scope} von {site} nicht mehr.',
  unsubscribeInvalid:
    'Dieser Abmeldelink ist ungültig. Verwenden Sie den Link aus der letzten E-Mail.',
  replayPausedSubject: '{site}: Replay-Fenster vom Leck-Scanner pausiert',
  replayPausedBody:
    'Das Replay-Forschungsfenster „{purpose}“ auf {site} wurde am {at} ({timezone}) pausiert: Der Scanner hat personenbezogene Daten in Aufzeichnungen gefunden. Es wird nichts mehr aufgezeichnet, bis jemand die Funde prüft und es mit einer Notiz fortsetzt.',
  replayReviewSubject: '{site}: {count} Replay-Aufzeichnungen warten auf Prüfung',
  replayReviewBody:
    'Das Replay-Forschungsfenster „{purpose}“ auf {site} hat {count} Aufzeichnungen, die noch niemand geprüft hat. Es macht keine neuen Angebote, bis die Prüfwarteschlange unter {count} liegt.',
  replayEndingSubject: '{site}: Replay-Fenster endet am {at}',
  replayEndingBody:
    'Das Replay-Forschungsfenster „{purpose}“ auf {site} endet am {at} ({timezone}). Seine Aufzeichnungen werden dann für ihre Aufbewahrungsfrist behalten und gelöscht.',
  footerReplay:
    'Sie erhalten dies, weil Ihnen dieses Replay-Fenster gehört oder Sie zu seinen benannten Betrachtern gehören.',
};
