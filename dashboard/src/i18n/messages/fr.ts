// Français : chaque clé de l’anglais, écrite comme on l’écrirait en français (vocabulaire de la
// CNIL pour les termes réglementaires). Espace fine insécable (U+202F) avant « : ; ? ! » et à
// l’intérieur des guillemets, apostrophe typographique.
import type { en } from './en.js';

export const fr: Record<keyof typeof en, string> = {
  'language.self': 'Français',
  'language.label': 'Langue',

  'format.seconds': '{s} s',
  'format.minutesSeconds': '{m} min {s} s',
  'format.hoursMinutes': '{h} h {m} min',
  'format.points': '{n} pts',

  'common.loading': 'Chargement…',
  'common.cancel': 'Annuler',
  'common.organisation': 'Organisation',

  'app.brand': 'Pomelo',
  'app.account': 'Compte',
  'app.sites': 'Sites',
  'app.secondFactor': 'Second facteur',
  'app.signOut': 'Se déconnecter',
  'app.noSuchPage': 'Cette page n’existe pas.',
  'app.backToSites': 'Retour aux sites',

  'nav.members': 'Membres',
  'nav.audit': 'Journal d’audit',
  'nav.apiKeys': 'Clés d’API',

  'auth.signInTitle': 'Se connecter à Pomelo',
  'auth.email': 'Adresse e-mail',
  'auth.password': 'Mot de passe',
  'auth.signIn': 'Se connecter',
  'auth.signingIn': 'Connexion…',
  'auth.setupTitle': 'Installer Pomelo',
  'auth.setupIntro':
    'Créez le premier propriétaire. Le jeton d’installation figure dans le lien que Pomelo a affiché à son démarrage.',
  'auth.setupToken': 'Jeton d’installation',
  'auth.newPassword': 'Mot de passe (12 caractères au moins)',
  'auth.orgName': 'Nom de l’organisation',
  'auth.creating': 'Création…',
  'auth.createOwner': 'Créer le propriétaire',

  'invite.title': 'Rejoindre une organisation sur Pomelo',
  'invite.newHere':
    'Nouveau venu ? Choisissez un mot de passe (12 caractères au moins). Vous avez déjà un compte ?',
  'invite.thenReopen': 'd’abord, puis rouvrez le lien d’invitation.',
  'invite.accept': 'Accepter l’invitation',

  'share.wrongPassword': 'Mot de passe incorrect',
  'share.protected': 'Ce rapport est protégé',
  'share.open': 'Ouvrir le rapport',

  'period.group': 'Période',
  'period.day': 'Aujourd’hui',
  'period.yesterday': 'Hier',
  'period.7d': '7 derniers jours',
  'period.30d': '30 derniers jours',
  'period.month': 'Ce mois-ci',
  'period.lastMonth': 'Le mois dernier',
  'period.12mo': '12 derniers mois',
  'period.custom': 'Personnalisée',

  'range.custom': 'Période personnalisée',
  'range.from': 'Du',
  'range.to': 'Au',
  'range.apply': 'Appliquer',
  'range.errorStart': 'Choisissez une date de début',
  'range.errorEnd': 'Choisissez une date de fin',
  'range.errorOrder': 'La date de début est postérieure à la date de fin',
  'range.errorLength': 'Une période couvre au plus {max, number} jours',

  'compare.label': 'Comparer',
  'compare.none': 'Sans comparaison',
  'compare.previous': 'Période précédente',
  'compare.year': 'Même période l’an dernier',

  'metric.visits': 'Visites',
  'metric.pageviews': 'Pages vues',
  'metric.events': 'Événements',
  'metric.viewsPerVisit': 'Pages par visite',
  'metric.bounceRate': 'Taux de rebond',
  'metric.timeOnPage': 'Temps sur la page',

  'chart.overTime': '{metric} au fil du temps',
  'export.csv': 'CSV',
  'export.failed': 'Échec de l’export, réessayer',
  'copy.done': 'Copié',
  'copy.failed': 'Échec de la copie : sélectionnez le texte',

  'breakdown.noData': 'Pas encore de données',
  'breakdown.top10': 'Top 10',
  'breakdown.details': 'Détails',
  'breakdown.exportCsv': 'Exporter « {title} » en CSV',
  'breakdown.searchLabel': 'Rechercher dans « {title} »',
  'breakdown.searchPlaceholder': 'Rechercher',
  'breakdown.rowsNote':
    '{shown, number} sur {total, plural, one {{total, number} ligne} other {{total, number} lignes}}',
  'breakdown.propertiesOf': 'Propriétés de {event}',
  'breakdown.propertyValue': 'Propriété : valeur',
  'breakdown.allEvents': '← Tous les événements',

  'panels.pages': 'Pages',
  'panels.topPages': 'Pages les plus vues',
  'panels.entryPages': 'Pages d’entrée',
  'panels.exitPages': 'Pages de sortie',
  'panels.sources': 'Sources',
  'panels.topSources': 'Principales sources',
  'panels.referrers': 'Sites référents',
  'panels.locations': 'Localisation',
  'panels.countries': 'Pays',
  'panels.devices': 'Appareils',
  'panels.browsers': 'Navigateurs',
  'panels.os': 'Systèmes d’exploitation',
  'panels.events': 'Événements',
  'panels.customEvents': 'Événements personnalisés',

  'dimension.page': 'Page',
  'dimension.entry': 'Page d’entrée',
  'dimension.exit': 'Page de sortie',
  'dimension.source': 'Source',
  'dimension.referrer': 'Site référent',
  'dimension.utmSource': 'Source UTM',
  'dimension.utmMedium': 'Support UTM',
  'dimension.utmCampaign': 'Campagne UTM',
  'dimension.country': 'Pays',
  'dimension.browser': 'Navigateur',
  'dimension.os': 'Système',
  'dimension.device': 'Appareil',
  'dimension.event': 'Événement',
  'filter.is': '{dimension} : {value}',

  'overview.title': 'Sites',
  'overview.search': 'Rechercher un site',
  'overview.empty': 'Aucun site pour l’instant. Ajoutez-en un ci-dessus, ou avec {command}',
  'overview.site': 'Site',
  'overview.trend': 'Tendance',
  'overview.noMatch': 'Aucun site ne correspond',

  'addSite.open': 'Ajouter un site',
  'addSite.domain': 'Domaine (example.com)',
  'addSite.timezone': 'Fuseau horaire',
  'addSite.submit': 'Ajouter le site',

  'siteNav.label': 'Site',
  'siteNav.back': '← Sites',
  'siteNav.report': 'Rapport',
  'siteNav.realtime': 'Temps réel',
  'siteNav.replay': 'Relecture',
  'siteNav.settings': 'Réglages',

  'report.comparePrevious': 'période précédente',
  'report.compareYear': 'l’an dernier',
  'report.notKeptPer': 'non conservé par {dimension}',
  'report.comparedWith': 'comparé à {from} → {to}',
  'report.realtime':
    '{count, plural, one {{count, number} visite} other {{count, number} visites}} ces 30 dernières minutes',
  'report.filter': 'Filtre :',
  'report.removeFilter': 'Retirer le filtre',
  'report.filterNote':
    'Les cartes et le graphique ne montrent que cette valeur. Les panneaux ci-dessous ne sont pas filtrés : les compteurs sont tenus par dimension, et leurs combinaisons ne sont pas comptées.',
  'report.totals': 'Totaux',
  'report.chart': 'Graphique',
  'report.exportSeries': 'Exporter la série chronologique en CSV',
  'report.panelsNote':
    'Chaque panneau compte une dimension à part : Pomelo tient des totaux par page, par source, par pays… et non leurs combinaisons. Une ligne restreint les cartes et le graphique à sa valeur, jamais les autres panneaux (pas de « pages vues par les visiteurs de France »). Les événements personnalisés s’ouvrent sur leurs propriétés.',

  'deleteSite.title': 'Supprimer ce site',
  'deleteSite.intro':
    'Supprime tous les compteurs du site et ses liens de partage, d’un coup et définitivement. Les clés d’API cessent simplement de le lire.',
  'deleteSite.typeToConfirm': 'Saisissez {domain} pour confirmer',
  'deleteSite.submit': 'Supprimer le site',
};
