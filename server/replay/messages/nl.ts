// De teksten die voor een opnamevenster worden gemaakt, in het Nederlands: het verwerkingsregister
// (leesbare waarden en Markdown), de privacyverklaring om te plakken en de melding die tijdens de
// opname op de pagina staat. Begrippen volgens de Autoriteit Persoonsgegevens (AP).
import type { ReplayMessageKey } from './en.js';

export const nl: Record<ReplayMessageKey, string> = {
  document: 'Verwerkingsregister — opnamevenster voor gebruiksonderzoek met sessie-opnames',
  system: 'systeem',
  purposeUxDebugging: 'Gebruiksproblemen oplossen',
  purposeSupportInvestigation: 'Onderzoek naar een supportvraag',
  purposeQa: 'Kwaliteitscontrole',
  purposeOther: 'Ander doel',
  purposeExcluded: 'nooit marketing, reclame of retargeting',
  legalBasis: 'toestemming van de bezoeker, door de website gevraagd voordat de opname begint',
  hosting: 'in eigen beheer (Pomelo)',
  encryption:
    'AES-256-GCM met een sleutel per venster, die wordt vernietigd als de bewaartermijn afloopt',
  transfersNone: 'geen: de database draait op de machine waarop Pomelo draait',
  transfersRemote:
    'de versleutelde opnames worden opgeslagen op de databaseserver {host} (beheerd door jou of je hostingpartij); staat die buiten de EU/EER, dan is dat een doorgifte die je moet documenteren',
  recipients: 'alleen de bij naam aangewezen kijkers; geen verwerker, geen derden',
  reviewGate:
    'er worden geen opnames meer aangeboden zodra {gate} opnames niet zijn gecontroleerd; alleen een kijker die een opname heeft afgespeeld, kan die als gecontroleerd markeren',

  categoryStructure:
    'Paginastructuur en opmaak als gemaskeerde DOM-momentopnames (tekst vervangen, behalve onder de hier vermelde selectors voor ontmaskering)',
  categoryInteractions:
    'Interacties: muisbewegingen, klikken, scrollen, focuswisselingen en de grootte van het venster, met hun tijdstip',
  categoryAddresses:
    'Pagina-adressen ingekort tot oorsprong en pad (zonder querystring, zonder fragment)',
  categoryNever:
    'Nooit: ingevoerde waarden, IP-adres, User-Agent-string, cookies of een kenmerk dat een opname koppelt aan een persoon of aan de bezoekersstatistieken',

  floorServer:
    'De server past alle volgende regels opnieuw toe op elk gegevensblok voordat hij het opslaat; een blok dat hij niet kan lezen, wordt geweigerd.',
  floorText:
    'Alle tekst wordt vervangen door “{mask}” (vaste lengte), behalve tekst onder de hier vermelde selectors voor ontmaskering, zoals de server die op de opgenomen pagina toepast; tekst in formulierelementen (input, textarea, select, option, button) wordt altijd gemaskeerd.',
  floorInputs:
    'Alle invoerwaarden worden vervangen door “{mask}”, verborgen velden inbegrepen; de stand van selectievakjes en keuzerondjes wordt niet opgenomen.',
  floorAttributes:
    'Alleen attributen van een toegestane lijst blijven behouden ({attributes}); title, alt, placeholder, aria-*, data-* en value nooit.',
  floorUrls:
    'Elke URL (links, bronnen, formulieren, stylesheets, het pagina-adres) wordt ingekort tot oorsprong en pad: geen querystring, geen fragment, geen padparameter (;jsessionid=…).',
  floorPages:
    'Elk pagina-adres in een gegevensblok wordt getoetst aan de regels voor insluiten en uitsluiten en aan de ingebouwde blokkeerlijst: een blok van een andere pagina wordt verworpen en de opname ervan gestopt.',
  floorMedia: 'Media en frames worden opgenomen als lege vlakken: {tags}.',
  floorSensitive:
    'Een pagina met een wachtwoordveld, een autocomplete cc-*, current-password, new-password of one-time-code, of {marker} wordt nooit opgenomen; verschijnt zo’n element tijdens een opname, dan stopt de opname en wordt die verwijderd.',

  dpiaStatus:
    'door Pomelo vooraf ingevuld op basis van de instellingen van het venster; aan te vullen en te ondertekenen door de verwerkingsverantwoordelijke',
  dpiaProcessing:
    'sessie-opname van een steekproef (hoogstens {percent, number} %) van de bezoeken met toestemming aan de ingesloten pagina’s, hoogstens {max, number} opnames',
  dpiaNecessityPurpose: 'een gedocumenteerd doel en een eindtijd die bij het openen vastligt',
  dpiaNecessityPages:
    'alleen de ingesloten pagina’s; nooit pagina’s voor inloggen, accounts, betalingen of wachtwoorden',
  dpiaNecessityRetention:
    'bewaartermijn van {days, plural, one {# dag} other {# dagen}} na het einde, daarna cryptografisch gewist',
  dpiaRiskData:
    'persoonsgegevens die op een pagina staan, komen in een opname terecht (maatregelen: maskering op de server, scanner voor persoonsgegevens, controlemarkering, quarantaine)',
  dpiaRiskViewer:
    'een kijker kijkt zonder noodzaak (maatregelen: bij naam aangewezen kijkers, een opgegeven reden bij elke weergave, auditlog)',
  dpiaRiskCopiesAllowed:
    'kopieën buiten Pomelo (maatregel: downloads alleen toegestaan met een gelogde reden)',
  dpiaRiskCopiesOff: 'kopieën buiten Pomelo (maatregel: downloads uitgeschakeld)',
  dpiaRiskUnawareShown:
    'bezoekers weten niet dat ze worden opgenomen (maatregelen: toestemming; melding op de pagina getoond)',
  dpiaRiskUnawareHidden:
    'bezoekers weten niet dat ze worden opgenomen (maatregelen: toestemming; melding op de pagina verborgen: {reason})',
  dpiaResidualRisk: 'te beoordelen door de verwerkingsverantwoordelijke',

  privacyNotice:
    'Van {from} tot en met {to} kunnen we, alleen met jouw toestemming, opnemen hoe een steekproef van de bezoeken (hoogstens {percent, number} %) bepaalde pagina’s van {site} gebruikt, om {purpose, select, ux_debugging {gebruiksproblemen op te lossen} support_investigation {supportvragen te onderzoeken} qa {de kwaliteit te controleren} other {andere redenen}}{detail}. Alles wat je typt en de tekst op de pagina’s worden gemaskeerd voordat er iets je browser verlaat; pagina’s voor inloggen, accounts, betalingen en wachtwoorden worden nooit opgenomen. De opnames worden opgeslagen op onze eigen servers ({storage}), met niemand gedeeld, alleen bekeken door {viewers, plural, one {# bij naam aangewezen teamlid} other {# bij naam aangewezen teamleden}} en uiterlijk {days, plural, one {# dag} other {# dagen}} na {to} verwijderd. Je kunt je toestemming altijd weigeren of intrekken; als je die intrekt, wordt je opname verwijderd.',

  noticeLabel: 'Sessie-opname',
  noticeRecorded: 'Dit bezoek wordt opgenomen om deze website te verbeteren',
  noticeRecordedUntil: 'Dit bezoek wordt tot {date} opgenomen om deze website te verbeteren',
  noticeStop: 'Stoppen en verwijderen',
  noticeStopped: 'Opname gestopt; wat is opgenomen, is verwijderd.',

  mdSite: 'Website: {site} · venster {window} · gemaakt op {at}',
  mdPurposeHeading: 'Doel',
  mdPurpose: 'Doel: {label}',
  mdTicket: 'Ticket: {ticket}',
  mdNone: 'geen',
  mdExcludedPurposes: 'Uitgesloten doelen: {text}',
  mdOwner: 'Eigenaar van het venster: {owner}',
  mdLegalBasis: 'Grondslag: {text}',
  mdPeriodHeading: 'Periode',
  mdStart: 'Begin: {at}',
  mdEnd: 'Einde: {at}',
  mdClosed: 'Gesloten: {at} (status: {state})',
  mdNotYet: 'nog niet',
  stateDraft: 'concept',
  stateOpen: 'open',
  statePaused: 'gepauzeerd',
  stateClosed: 'gesloten',
  statePurged: 'gewist',
  mdPagesHeading: 'Pagina’s',
  mdWholeSite:
    'Ingesloten: DE HELE WEBSITE (uitdrukkelijk gekozen bij het openen van het venster):',
  mdIncluded: 'Ingesloten (minstens één regel moet overeenkomen):',
  mdExcluded: 'Uitgesloten:',
  mdNoneBeyondDenylist: 'geen, afgezien van de ingebouwde blokkeerlijst',
  mdDenylist:
    'Ingebouwde blokkeerlijst, altijd toegepast: elk padsegment dat {segments} bevat; elke URL met een parameter die op een token lijkt ({parameters}, of een lange, willekeurig ogende waarde).',
  mdMaskingHeading: 'Maskering',
  mdUnmask: 'Selectors voor ontmaskering (alleen tekst):',
  mdSamplingHeading: 'Steekproef en limieten',
  mdSampleRate: 'Steekproefpercentage: {percent, number} % van de bezoeken',
  mdCaps:
    'Hoogstens {sessions, number} opnames in dit venster, {minutes} minuten en {pages} pagina’s per opname',
  mdRetentionHeading: 'Bewaartermijn, kijkers, opslag',
  mdRetention:
    'Bewaartermijn: {days, plural, one {# dag} other {# dagen}} na het einde; uiterlijk {at} verwijderd',
  mdViewers: 'Kijkers: {viewers}',
  mdStorage: 'Opslag: {hosting}, {location}; {encryption}',
  mdDatabase: 'Database: {engine}, {location}',
  mdTransfers: 'Doorgiften: {text}',
  mdRecipients: 'Ontvangers: {text}: {list}',
  mdNobodyYet: 'nog niemand',
  mdCategoriesHeading: 'Categorieën van gegevens',
  mdNoticeHeading: 'Melding op de pagina, downloads en controle',
  mdNoticeShown:
    'Melding op de pagina: getoond aan elke opgenomen bezoeker (“{text}”), met stoppen en verwijderen in één klik',
  mdNoticeHidden: 'Melding op de pagina: verborgen, omdat: {reason}',
  mdDownloadsAllowed:
    'Ruwe downloads: toegestaan door de eigenaar van het venster, elk met een opgegeven reden',
  mdDownloadsOff: 'Ruwe downloads: uitgeschakeld',
  mdSignedOff: 'Goedgekeurd door {by} op {at}: {note}',
  mdNotSignedOff: 'Goedkeuring door een tweede persoon: niet gegeven',
  mdReview: 'Controle: {text}',
  mdDpiaHeading: 'Gegevensbeschermingseffectbeoordeling (DPIA, vooraf ingevuld)',
  mdDpiaStatus: 'Status: {text}',
  mdDpiaProcessing: 'Verwerking: {text}',
  mdNecessity: 'Noodzaak en evenredigheid:',
  mdRisks: 'Risico’s en maatregelen:',
  mdResidualRisk: 'Restrisico: {text}',
  mdAuditHeading: 'Auditlog',
  mdAuditColumns: '| tijdstip | uitvoerder | actie | details |',
  mdNoEntries: 'geen vermeldingen',
  mdNoticeTextHeading: 'Privacyverklaring (klaar om te plakken)',
};
