// Rapports, alertes et page de désinscription en français.
import type { MailMessageKey } from './en.js';

export const fr: Record<MailMessageKey, string> = {
  subjectWeekly: '{site} : rapport hebdomadaire, {from} – {to}',
  subjectMonthly: '{site} : rapport de {month}',
  subjectTest: '[test] {subject}',
  headingWeekly: 'Votre semaine sur {site}',
  headingMonthly: 'Votre mois sur {site}',
  periodLine: '{from} – {to}, comparé à {previousFrom} – {previousTo}',
  metricVisits: 'Visites',
  metricPageviews: 'Pages vues',
  metricBounceRate: 'Taux de rebond',
  metricTimeOnPage: 'Temps par page',
  changePercent: '{change, number, ::sign-always} % par rapport à la période précédente',
  changePoints: '{change, number, ::sign-always} pts par rapport à la période précédente',
  changeNew: 'nouveau : rien dans la période précédente',
  chartTitle: 'Visites par jour',
  chartDay: '{day} : {visits, plural, one {# visite} other {# visites}}',
  topPages: 'Pages les plus vues',
  topSources: 'Principales sources',
  countries: 'Pays',
  goals: 'Objectifs',
  conversions: '{count, plural, one {# conversion} other {# conversions}} ({rate} %)',
  noData: 'Rien n’a été compté sur cette période.',
  openDashboard: 'Ouvrir le tableau de bord',
  privacyNote:
    'Compté sans cookie ni identifiant : rien dans ce courriel ne concerne un visiteur en particulier.',
  footerReports:
    'Vous recevez ce rapport parce qu’un administrateur de {site} a ajouté {address} aux rapports Pomelo.',
  footerAlerts:
    'Vous recevez cette alerte parce qu’un administrateur de {site} a ajouté {address} aux alertes Pomelo.',
  unsubscribeReports: 'Se désinscrire de ces rapports',
  unsubscribeAlerts: 'Se désinscrire de ces alertes',
  spikeSubject:
    '{site} : pic de trafic, {count, plural, one {# page vue} other {# pages vues}} en une heure',
  spikeBody:
    'Entre {from} et {to} ({timezone}), {site} a eu {count, plural, one {# page vue} other {# pages vues}}, soit {percent} % de ses {usual} habituelles à cette heure de la journée.',
  stoppedSubject:
    '{site} : la mesure s’est arrêtée il y a {hours, plural, one {# heure} other {# heures}}',
  stoppedBody:
    'Pomelo n’a reçu aucun événement de {site} depuis {since} ({timezone}), alors que le site a habituellement du trafic à ces heures. Si le site a changé récemment, vérifiez que le script Pomelo est toujours sur ses pages.',
  alertCooldown:
    'Vous recevrez au plus une alerte de ce type toutes les {hours, plural, one {# heure} other {# heures}}.',
  unsubscribeTitle: 'Désinscription',
  unsubscribeQuestion: 'Ne plus envoyer {scope} de {site} à {address} ?',
  scopeReports: 'les rapports',
  scopeAlerts: 'les alertes',
  unsubscribeButton: 'Se désinscrire',
  unsubscribeDone: '{address} ne recevra plus {scope} de {site}.',
  unsubscribeInvalid:
    'Ce lien de désinscription n’est pas valide. Utilisez le lien du dernier courriel reçu.',
  replayPausedSubject: '{site} : fenêtre de replay suspendue par le détecteur de fuites',
  replayPausedBody:
    'La fenêtre de recherche « {purpose} » sur {site} a été suspendue le {at} ({timezone}) : le détecteur a trouvé des données personnelles dans des enregistrements. Plus rien n’est enregistré tant que personne n’a examiné les signalements et ne l’a reprise avec une note.',
  replayReviewSubject: '{site} : {count} enregistrements de replay attendent un examen',
  replayReviewBody:
    'La fenêtre de recherche « {purpose} » sur {site} a {count} enregistrements que personne n’a encore examinés. Elle ne fait plus de nouvelles propositions tant que la file d’examen n’est pas sous {count}.',
  replayEndingSubject: '{site} : la fenêtre de replay se termine le {at}',
  replayEndingBody:
    'La fenêtre de recherche « {purpose} » sur {site} se termine le {at} ({timezone}). Ses enregistrements sont ensuite conservés pendant leur durée de conservation, puis supprimés.',
  footerReplay:
    'Vous recevez ce message parce que vous êtes responsable de cette fenêtre de replay ou l’une de ses personnes habilitées à visionner.',
};
