// Rapporti, avvisi e la pagina di disiscrizione in italiano.
import type { MailMessageKey } from './en.js';

export const it: Record<MailMessageKey, string> = {
  subjectWeekly: '{site}: rapporto settimanale, {from} – {to}',
  subjectMonthly: '{site}: rapporto di {month}',
  subjectTest: '[prova] {subject}',
  headingWeekly: 'La sua settimana su {site}',
  headingMonthly: 'Il suo mese su {site}',
  periodLine: '{from} – {to}, rispetto a {previousFrom} – {previousTo}',
  metricVisits: 'Visite',
  metricPageviews: 'Pagine viste',
  metricBounceRate: 'Frequenza di rimbalzo',
  metricTimeOnPage: 'Tempo per pagina',
  changePercent: '{change, number, ::sign-always} % rispetto al periodo precedente',
  changePoints: '{change, number, ::sign-always} punti rispetto al periodo precedente',
  changeNew: 'nuovo: nulla nel periodo precedente',
  chartTitle: 'Visite al giorno',
  chartDay: '{day}: {visits, plural, one {# visita} other {# visite}}',
  topPages: 'Pagine principali',
  topSources: 'Fonti principali',
  countries: 'Paesi',
  goals: 'Obiettivi',
  conversions: '{count, plural, one {# conversione} other {# conversioni}} ({rate} %)',
  noData: 'Nulla è stato contato in questo periodo.',
  openDashboard: 'Apri la dashboard',
  privacyNote:
    'Contato senza cookie né identificativi: nulla in questa email riguarda un singolo visitatore.',
  footerReports:
    'Riceve questo rapporto perché un amministratore di {site} ha aggiunto {address} ai rapporti Pomelo.',
  footerAlerts:
    'Riceve questo avviso perché un amministratore di {site} ha aggiunto {address} agli avvisi Pomelo.',
  unsubscribeReports: 'Annulla l’iscrizione a questi rapporti',
  unsubscribeAlerts: 'Annulla l’iscrizione a questi avvisi',
  spikeSubject:
    '{site}: picco di traffico, {count, plural, one {# pagina vista} other {# pagine viste}} in un’ora',
  spikeBody:
    'Tra le {from} e le {to} ({timezone}), {site} ha avuto {count, plural, one {# pagina vista} other {# pagine viste}}, il {percent} % delle sue {usual} abituali in quell’ora del giorno.',
  stoppedSubject:
    '{site}: la misurazione si è fermata {hours, plural, one {# ora} other {# ore}} fa',
  stoppedBody:
    'Pomelo non ha ricevuto alcun evento da {site} dalle {since} ({timezone}), anche se il sito di solito ha traffico in queste ore. Se il sito è cambiato di recente, verifichi che lo script di Pomelo sia ancora nelle sue pagine.',
  alertCooldown:
    'Riceverà al massimo un avviso di questo tipo ogni {hours, plural, one {# ora} other {# ore}}.',
  unsubscribeTitle: 'Annulla iscrizione',
  unsubscribeQuestion: 'Smettere di inviare {scope} di {site} a {address}?',
  scopeReports: 'i rapporti',
  scopeAlerts: 'gli avvisi',
  unsubscribeButton: 'Annulla iscrizione',
  unsubscribeDone: '{address} non riceverà più {scope} di {site}.',
  unsubscribeInvalid:
    'Questo link di disiscrizione non è valido. Usi il link dell’ultima email ricevuta.',
  replayPausedSubject: '{site}: finestra di replay sospesa dal rilevatore di fughe',
  replayPausedBody:
    'La finestra di ricerca «{purpose}» su {site} è stata sospesa il {at} ({timezone}): il rilevatore ha trovato dati personali nelle registrazioni. Non si registra più nulla finché qualcuno non esamina i rilevamenti e la riprende con una nota.',
  replayReviewSubject: '{site}: {count} registrazioni di replay attendono la revisione',
  replayReviewBody:
    'La finestra di ricerca «{purpose}» su {site} ha {count} registrazioni che nessuno ha ancora esaminato. Non fa nuove proposte finché la coda di revisione non scende sotto {count}.',
  replayEndingSubject: '{site}: la finestra di replay termina il {at}',
  replayEndingBody:
    'La finestra di ricerca «{purpose}» su {site} termina il {at} ({timezone}). Le sue registrazioni vengono poi conservate per il periodo previsto ed eliminate.',
  footerReplay:
    'Riceve questo messaggio perché è responsabile di questa finestra di replay o una delle persone autorizzate a visionarla.',
};
