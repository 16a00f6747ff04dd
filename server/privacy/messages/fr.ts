// Le rapport de confidentialité en français (vocabulaire de la CNIL pour les termes réglementaires).
import type { PrivacyMessageKey } from './en.js';

export const fr: Record<PrivacyMessageKey, string> = {
  title: 'Ce que Pomelo conserve sur les visiteurs de {site}',
  intro:
    'Ce rapport est produit par Pomelo, l’outil de mesure d’audience de {site}, à partir des réglages en vigueur le {date}. Il décrit ce qui est mesuré, ce qui ne l’est pas, la durée de conservation, et si la mesure remplit les conditions auxquelles la CNIL exempte la mesure d’audience de consentement.',
  collectedHeading: 'Ce qui est mesuré',
  collectedCounters:
    'Des totaux quotidiens par page, site d’origine, campagne (balises UTM), pays (déduit du fuseau horaire du navigateur, jamais d’une adresse IP), type d’appareil, famille de navigateur et de système, classe de taille d’écran et événements personnalisés : visites, pages vues, rebonds, temps passé et profondeur de défilement s’ajoutent à des compteurs ; aucun événement individuel n’est conservé.',
  collectedHourly:
    'Des totaux horaires des mêmes chiffres pour l’ensemble du site, pour les graphiques des derniers jours.',
  collectedExcluded:
    '{count, plural, =0 {Aucun chemin n’est exclu de la mesure.} one {# motif de chemin est exclu de la mesure : les visites correspondantes ne sont pas comptées du tout.} other {# motifs de chemin sont exclus de la mesure : les visites correspondantes ne sont pas comptées du tout.}}',
  notCollectedHeading: 'Ce qui n’est pas collecté',
  notCollectedCookie:
    'Aucun cookie, et rien n’est écrit sur le terminal du visiteur (ni stockage local, ni empreinte).',
  notCollectedIp:
    'Aucune adresse IP : elle n’est ni conservée ni utilisée pour déduire une localisation.',
  notCollectedId:
    'Aucun identifiant d’aucune sorte : ni identifiant de visiteur, ni identifiant de session, ni empreinte (hash) d’une adresse ou d’un navigateur ; les visites sont distinguées sans reconnaître personne.',
  notCollectedUa:
    'Aucune chaîne User-Agent : seuls la famille de navigateur et le type d’appareil sont comptés.',
  notCollectedCross:
    'Aucun suivi d’un site à l’autre : rien ne relie une visite sur {site} à une visite ailleurs.',
  gpcHonoured:
    'Les visiteurs qui envoient le signal Global Privacy Control ne sont pas comptés : le script n’envoie rien, et le serveur écarte ce qui serait envoyé malgré tout.',
  gpcIgnored:
    'Le signal Global Privacy Control n’est pas respecté sur ce site : les visiteurs qui l’envoient sont comptés comme les autres.',
  retentionHeading: 'Durée de conservation',
  retention:
    'Les compteurs sont conservés {months, plural, one {# mois} other {# mois}}, puis supprimés par la purge quotidienne.',
  cap: 'Au-delà de {cap, number} valeurs différentes d’un même type (des pages, par exemple) dans une journée, les suivantes sont comptées ensemble sous « (autre) ».',
  exemptionHeading: 'Exemption de consentement : autocontrôle au regard des conditions de la CNIL',
  exemptionIntro:
    'La CNIL exempte de consentement les outils de mesure d’audience qui remplissent les conditions ci-dessous (délibération n° 2020-091 et ses lignes directrices). Ce contrôle est calculé à partir des réglages ci-dessus ; il ne constitue pas un avis juridique.',
  checkOwnSite:
    'Finalité strictement limitée à la mesure d’audience de {site}, pour son propre compte : les statistiques ne sont ni partagées ni cédées à des tiers.',
  checkAnonymous:
    'Production de statistiques anonymes uniquement : des compteurs agrégés, sans donnée sur un visiteur en particulier.',
  checkNoCross:
    'Aucun suivi entre sites ni recoupement avec d’autres traitements : il n’existe aucun identifiant à recouper.',
  checkNoDevice:
    'Rien n’est stocké sur le terminal du visiteur : la durée de vie maximale de 13 mois des traceurs n’a pas lieu de s’appliquer.',
  checkRetentionOk:
    'Durée de conservation de 25 mois au plus : {months, plural, one {# mois} other {# mois}}.',
  checkRetentionTooLong:
    'Durée de conservation de 25 mois au plus : NON RESPECTÉE, les compteurs sont conservés {months} mois. Ramenez la durée de conservation à 25 mois ou moins.',
  checkObjectionOk: 'Droit d’opposition : le signal Global Privacy Control est respecté.',
  checkObjectionMissing:
    'Droit d’opposition : le signal Global Privacy Control est ignoré ; proposez aux visiteurs un autre moyen de s’opposer (un lien dans la politique de confidentialité).',
  verdictMet:
    'Toutes les conditions sont remplies : cette mesure d’audience peut fonctionner sans recueil du consentement.',
  verdictNotMet:
    'Au moins une condition n’est pas remplie : cette mesure requiert le consentement des visiteurs tant que ce n’est pas corrigé.',
  pass: 'Rempli',
  fail: 'Non rempli',
  warn: 'À vérifier',
  replayHeading: 'Fenêtres de recherche avec relecture de session (25 derniers mois)',
  replayNone:
    'Aucune fenêtre de recherche n’a été ouverte pour {site} au cours des 25 derniers mois.',
  replayIntro:
    'Les fenêtres de recherche enregistrent la façon dont quelques visiteurs consentants utilisent certaines pages, pour corriger un problème d’ergonomie. Elles reposent sur le consentement, et non sur l’exemption ci-dessus ; elles sont limitées dans le temps et masquées.',
  replayWindow:
    '{purpose} : du {from} au {to}, enregistrements conservés {days, plural, one {# jour} other {# jours}} ({state}).',
  purposeUxDebugging: 'Correction de problèmes d’ergonomie',
  purposeSupportInvestigation: 'Analyse d’une demande d’assistance',
  purposeQa: 'Contrôle qualité',
  purposeOther: 'Autre finalité',
  stateOpen: 'ouverte',
  statePaused: 'en pause',
  stateClosed: 'fermée',
  statePurged: 'fermée, enregistrements supprimés',
  storageHeading: 'Lieu de stockage',
  storage:
    'Sur l’installation qui fait fonctionner Pomelo pour {site}, dans une base de données {engine}.',
  checkpointHeading: 'Intégrité',
  checkpoint:
    'Produit au point de contrôle {rows, number} de la chaîne d’audit (tête {head}, signé le {date}) : toute modification antérieure des réglages figure dans le journal d’audit, dont toute altération est détectable.',
  checkpointNone:
    'Aucun point de contrôle de la chaîne d’audit n’a encore été écrit sur cette installation.',
  generated: 'Produit le {date} par Pomelo.',
};
