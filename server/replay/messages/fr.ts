// Les textes produits pour une fenêtre de replay, en français : le registre des traitements (valeurs
// lisibles et Markdown), la mention d’information prête à coller et le bandeau affiché pendant
// l’enregistrement. Vocabulaire de la CNIL pour les termes réglementaires.
import type { ReplayMessageKey } from './en.js';

export const fr: Record<ReplayMessageKey, string> = {
  document: 'Registre des traitements — fenêtre d’étude par relecture de session',
  system: 'système',
  purposeUxDebugging: 'Correction de l’expérience utilisateur',
  purposeSupportInvestigation: 'Analyse d’une demande d’assistance',
  purposeQa: 'Assurance qualité',
  purposeOther: 'Autre',
  purposeExcluded: 'jamais de prospection commerciale, de publicité ni de reciblage',
  legalBasis: 'consentement du visiteur, recueilli par le site avant le début de l’enregistrement',
  hosting: 'hébergement autonome (Pomelo)',
  encryption: 'AES-256-GCM avec une clé par fenêtre, détruite à la fin de la durée de conservation',
  transfersNone: 'aucun : la base de données fonctionne sur la machine qui exécute Pomelo',
  transfersRemote:
    'les enregistrements chiffrés sont conservés sur le serveur de base de données {host} (exploité par vous ou votre hébergeur) ; s’il se trouve hors de l’UE/EEE, il s’agit d’un transfert à documenter',
  recipients:
    'les seules personnes habilitées nommément désignées ; aucun sous-traitant, aucun tiers',
  reviewGate:
    'les propositions d’enregistrement s’arrêtent dès que {gate} enregistrements n’ont pas été revus ; seule une personne habilitée qui a visionné un enregistrement peut le marquer comme revu',

  categoryStructure:
    'Structure et mise en page des pages, sous forme d’instantanés DOM masqués (texte remplacé, sauf sous les sélecteurs de démasquage listés ici)',
  categoryInteractions:
    'Interactions : mouvements de souris, clics, défilement, changements de focus et taille de la fenêtre, avec leur chronologie',
  categoryAddresses:
    'Adresses des pages réduites à l’origine et au chemin (sans paramètres de requête ni fragment)',
  categoryNever:
    'Jamais : les valeurs saisies, l’adresse IP, la chaîne User-Agent, les cookies, ni aucun identifiant reliant un enregistrement à une personne ou à la mesure d’audience',

  floorServer:
    'Le serveur réapplique toutes les règles suivantes à chaque fragment avant de le conserver ; un fragment qu’il ne peut pas lire est refusé.',
  floorText:
    'Tout le texte est remplacé par « {mask} » (longueur constante), sauf le texte situé sous les sélecteurs de démasquage listés ici, tels que le serveur les évalue sur la page enregistrée ; le texte des champs de formulaire (input, textarea, select, option, button) est toujours masqué.',
  floorInputs:
    'Toutes les valeurs saisies sont remplacées par « {mask} », champs cachés compris ; l’état des cases à cocher et des boutons radio n’est pas enregistré.',
  floorAttributes:
    'Seuls les attributs d’une liste autorisée sont conservés ({attributes}) ; title, alt, placeholder, aria-*, data-* et value ne le sont jamais.',
  floorUrls:
    'Chaque URL (liens, sources, formulaires, feuilles de style, adresse de la page) est réduite à l’origine et au chemin : ni paramètres de requête, ni fragment, ni paramètre de chemin (;jsessionid=…).',
  floorPages:
    'Chaque adresse de page contenue dans un fragment est vérifiée au regard des règles d’inclusion et d’exclusion et de la liste d’exclusion intégrée : un fragment provenant d’une autre page est écarté et son enregistrement arrêté.',
  floorMedia: 'Les médias et les cadres sont enregistrés comme des boîtes vides : {tags}.',
  floorSensitive:
    'Une page comportant un champ de mot de passe, un autocomplete cc-*, current-password, new-password ou one-time-code, ou {marker} n’est jamais enregistrée ; si un tel élément apparaît en cours d’enregistrement, l’enregistrement s’arrête et est supprimé.',

  dpiaStatus:
    'pré-remplie par Pomelo à partir des réglages de la fenêtre ; à compléter et à signer par le responsable du traitement',
  dpiaProcessing:
    'relecture de session d’un échantillon (au plus {percent, number} %) des visites consenties sur les pages incluses, au plus {max, number} enregistrements',
  dpiaNecessityPurpose: 'une finalité documentée et une date de fin fixée à l’ouverture',
  dpiaNecessityPages:
    'uniquement les pages incluses ; jamais les pages de connexion, de compte, de paiement ou de mot de passe',
  dpiaNecessityRetention:
    'durée de conservation de {days, plural, one {# jour} other {# jours}} après la fin, puis effacement cryptographique',
  dpiaRiskData:
    'des données personnelles affichées sur une page se retrouvent dans un enregistrement (mesures : masquage côté serveur, détecteur de données personnelles, marqueur témoin, mise en quarantaine)',
  dpiaRiskViewer:
    'une personne habilitée visionne sans nécessité (mesures : personnes habilitées nommément désignées, motif déclaré pour chaque visionnage, journal d’audit)',
  dpiaRiskCopiesAllowed:
    'des copies hors de Pomelo (mesure : téléchargements permis uniquement avec un motif journalisé)',
  dpiaRiskCopiesOff: 'des copies hors de Pomelo (mesure : téléchargements désactivés)',
  dpiaRiskUnawareShown:
    'des visiteurs ignorent qu’ils sont enregistrés (mesures : consentement ; bandeau d’information affiché)',
  dpiaRiskUnawareHidden:
    'des visiteurs ignorent qu’ils sont enregistrés (mesures : consentement ; bandeau d’information masqué : {reason})',
  dpiaResidualRisk: 'à évaluer par le responsable du traitement',

  privacyNotice:
    'Du {from} au {to}, uniquement avec votre consentement, nous pouvons enregistrer la façon dont une partie des visites (au plus {percent, number} %) utilise certaines pages de {site}, à des fins {purpose, select, ux_debugging {d’amélioration de l’expérience utilisateur} support_investigation {d’analyse des demandes d’assistance} qa {d’assurance qualité} other {d’étude}}{detail}. Tout ce que vous saisissez et le texte affiché sont masqués avant de quitter votre navigateur ; les pages de connexion, de compte, de paiement et de mot de passe ne sont jamais enregistrées. Les enregistrements sont conservés sur nos propres serveurs ({storage}), ne sont partagés avec personne, ne sont consultés que par {viewers, plural, one {# membre nommé} other {# membres nommés}} de notre équipe et sont supprimés au plus tard {days, plural, one {# jour} other {# jours}} après le {to}. Vous pouvez refuser ou retirer votre consentement à tout moment ; le retirer supprime votre enregistrement.',

  noticeLabel: 'Enregistrement de la session',
  noticeRecorded: 'Cette visite est enregistrée pour améliorer ce site',
  noticeRecordedUntil: 'Cette visite est enregistrée pour améliorer ce site jusqu’au {date}',
  noticeStop: 'Arrêter et supprimer',
  noticeStopped: 'Enregistrement arrêté ; ce qui a été enregistré est supprimé.',

  mdSite: 'Site : {site} · fenêtre {window} · généré le {at}',
  mdPurposeHeading: 'Finalité',
  mdPurpose: 'Finalité : {label}',
  mdTicket: 'Ticket : {ticket}',
  mdNone: 'aucun',
  mdExcludedPurposes: 'Finalités exclues : {text}',
  mdOwner: 'Responsable de la fenêtre : {owner}',
  mdLegalBasis: 'Base légale : {text}',
  mdPeriodHeading: 'Période',
  mdStart: 'Début : {at}',
  mdEnd: 'Fin : {at}',
  mdClosed: 'Clôture : {at} (état : {state})',
  mdNotYet: 'pas encore',
  stateDraft: 'brouillon',
  stateOpen: 'ouverte',
  statePaused: 'en pause',
  stateClosed: 'clôturée',
  statePurged: 'purgée',
  mdPagesHeading: 'Pages',
  mdWholeSite: 'Incluses : TOUT LE SITE (choisi explicitement à l’ouverture de la fenêtre) :',
  mdIncluded: 'Incluses (au moins une règle doit correspondre) :',
  mdExcluded: 'Exclues :',
  mdNoneBeyondDenylist: 'aucune en plus de la liste d’exclusion intégrée',
  mdDenylist:
    'Liste d’exclusion intégrée, toujours appliquée : tout segment de chemin contenant {segments} ; toute URL comportant un paramètre ressemblant à un jeton ({parameters}, ou une longue valeur d’apparence aléatoire).',
  mdMaskingHeading: 'Masquage',
  mdUnmask: 'Sélecteurs de démasquage (texte uniquement) :',
  mdSamplingHeading: 'Échantillonnage et plafonds',
  mdSampleRate: 'Taux d’échantillonnage : {percent, number} % des visites',
  mdCaps:
    'Au plus {sessions, number} enregistrements dans cette fenêtre, {minutes} minutes et {pages} pages par enregistrement',
  mdRetentionHeading: 'Durée de conservation, personnes habilitées, stockage',
  mdRetention:
    'Durée de conservation : {days, plural, one {# jour} other {# jours}} après la fin ; suppression au plus tard le {at}',
  mdViewers: 'Personnes habilitées : {viewers}',
  mdStorage: 'Stockage : {hosting}, {location} ; {encryption}',
  mdDatabase: 'Base de données : {engine}, {location}',
  mdTransfers: 'Transferts : {text}',
  mdRecipients: 'Destinataires : {text} : {list}',
  mdNobodyYet: 'personne pour l’instant',
  mdCategoriesHeading: 'Catégories de données',
  mdNoticeHeading: 'Bandeau d’information, téléchargements et revue',
  mdNoticeShown:
    'Bandeau d’information : affiché à chaque visiteur enregistré (« {text} »), avec arrêt et suppression en un clic',
  mdNoticeHidden: 'Bandeau d’information : masqué, pour la raison suivante : {reason}',
  mdDownloadsAllowed:
    'Téléchargements bruts : permis par le responsable de la fenêtre, chacun avec un motif déclaré',
  mdDownloadsOff: 'Téléchargements bruts : désactivés',
  mdSignedOff: 'Validé par {by} le {at} : {note}',
  mdNotSignedOff: 'Validation par une seconde personne : non donnée',
  mdReview: 'Revue : {text}',
  mdDpiaHeading: 'Analyse d’impact relative à la protection des données (AIPD, pré-remplie)',
  mdDpiaStatus: 'État : {text}',
  mdDpiaProcessing: 'Traitement : {text}',
  mdNecessity: 'Nécessité et proportionnalité :',
  mdRisks: 'Risques et mesures :',
  mdResidualRisk: 'Risque résiduel : {text}',
  mdAuditHeading: 'Journal d’audit',
  mdAuditColumns: '| date | auteur | action | détail |',
  mdNoEntries: 'aucune entrée',
  mdNoticeTextHeading: 'Mention d’information (prête à coller)',
};
