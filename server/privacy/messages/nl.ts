// Het privacyrapport in het Nederlands (termen van de Autoriteit Persoonsgegevens: doel,
// bewaartermijn, verwerkingsregister, bezoekersstatistieken, toestemming). De getoetste
// voorwaarden blijven die van de CNIL.
import type { PrivacyMessageKey } from './en.js';

export const nl: Record<PrivacyMessageKey, string> = {
  title: 'Wat Pomelo bewaart over de bezoekers van {site}',
  intro:
    'Dit rapport is gemaakt door Pomelo, het programma voor bezoekersstatistieken van {site}, op basis van de instellingen die golden op {date}. Het beschrijft wat er wordt gemeten en wat niet, hoe lang het wordt bewaard, en of de meting voldoet aan de voorwaarden waaronder de Franse toezichthouder CNIL het meten van bezoekersaantallen vrijstelt van toestemming.',
  collectedHeading: 'Wat er wordt gemeten',
  collectedCounters:
    'Dagtotalen per pagina, verwijzende website, campagne (UTM-tags), land (afgeleid uit de tijdzone van de browser, nooit uit een IP-adres), apparaattype, browser- en besturingssysteemfamilie, schermformaatklasse en eigen gebeurtenissen: bezoeken, paginaweergaven, bounces, tijd op de pagina en scrolldiepte worden bij tellers opgeteld; er wordt geen afzonderlijke gebeurtenis bewaard.',
  collectedHourly:
    'Uurtotalen van dezelfde cijfers voor de website als geheel, voor de grafieken van de afgelopen dagen.',
  collectedExcluded:
    '{count, plural, =0 {Er is geen pad uitgesloten van de meting.} one {# padpatroon is uitgesloten van de meting: bezoeken daaraan worden helemaal niet geteld.} other {# padpatronen zijn uitgesloten van de meting: bezoeken daaraan worden helemaal niet geteld.}}',
  notCollectedHeading: 'Wat er niet wordt verzameld',
  notCollectedCookie:
    'Geen cookies, en er wordt niets opgeslagen op het apparaat van de bezoeker (geen lokale opslag, geen fingerprint).',
  notCollectedIp:
    'Geen IP-adres: het wordt niet bewaard en niet gebruikt om een locatie af te leiden.',
  notCollectedId:
    'Geen enkele identificator: geen bezoekers-id, geen sessie-id, geen hash van een adres of een browser; bezoeken worden onderscheiden zonder iemand te herkennen.',
  notCollectedUa:
    'Geen User-Agent-string: alleen de browserfamilie en de apparaatklasse worden geteld.',
  notCollectedCross:
    'Geen tracking over websites heen: niets koppelt een bezoek aan {site} aan een bezoek elders.',
  gpcHonoured:
    'Bezoekers die het Global Privacy Control-signaal sturen, worden niet geteld: het script stuurt niets, en de server negeert wat er toch wordt gestuurd.',
  gpcIgnored:
    'Het Global Privacy Control-signaal wordt op deze website niet gerespecteerd: bezoekers die het sturen, worden net als de anderen geteld.',
  retentionHeading: 'Bewaartermijn',
  retention:
    'De tellers worden {months, plural, one {# maand} other {# maanden}} bewaard en daarna verwijderd bij de dagelijkse opschoning.',
  cap: 'Heeft een dag meer dan {cap, number} verschillende waarden van één soort (bijvoorbeeld pagina’s), dan worden de overige samen geteld als “(overig)”.',
  exemptionHeading: 'Vrijstelling van toestemming: zelftoets aan de voorwaarden van de CNIL',
  exemptionIntro:
    'De CNIL stelt programma’s voor bezoekersstatistieken vrij van toestemming als ze voldoen aan de onderstaande voorwaarden (besluit nr. 2020-091 en de bijbehorende richtsnoeren). Deze toets wordt berekend uit de bovenstaande instellingen; het is geen juridisch advies.',
  checkOwnSite:
    'Het doel is beperkt tot het meten van het bezoek aan {site}, voor eigen gebruik: de statistieken worden niet gedeeld met of verkocht aan derden.',
  checkAnonymous:
    'Alleen anonieme statistieken: geaggregeerde tellers, zonder gegevens over een individuele bezoeker.',
  checkNoCross:
    'Geen tracking over websites heen en geen koppeling met andere verwerkingen: er is geen identificator om te koppelen.',
  checkNoDevice:
    'Er wordt niets opgeslagen op het apparaat van de bezoeker, dus de maximale levensduur van 13 maanden voor trackers is niet van toepassing.',
  checkRetentionOk:
    'Bewaartermijn van hoogstens 25 maanden: bewaard {months, plural, one {# maand} other {# maanden}}.',
  checkRetentionTooLong:
    'Bewaartermijn van hoogstens 25 maanden: NIET VOLDAAN, de tellers worden {months} maanden bewaard. Verlaag de bewaartermijn tot 25 maanden of minder.',
  checkObjectionOk: 'Recht van bezwaar: het Global Privacy Control-signaal wordt gerespecteerd.',
  checkObjectionMissing:
    'Recht van bezwaar: het Global Privacy Control-signaal wordt genegeerd; bied bezoekers een andere manier om bezwaar te maken (een link in de privacyverklaring).',
  verdictMet:
    'Aan alle voorwaarden is voldaan: deze meting kan werken zonder om toestemming te vragen.',
  verdictNotMet:
    'Aan minstens één voorwaarde is niet voldaan: zolang dat niet is opgelost, is voor deze meting de toestemming van de bezoekers nodig.',
  pass: 'Voldaan',
  fail: 'Niet voldaan',
  warn: 'Te controleren',
  replayHeading: 'Opnamevensters voor gebruiksonderzoek met sessie-opnames (afgelopen 25 maanden)',
  replayNone:
    'In de afgelopen 25 maanden is er voor {site} geen opnamevenster voor gebruiksonderzoek geopend.',
  replayIntro:
    'Opnamevensters leggen vast hoe enkele bezoekers die toestemming hebben gegeven bepaalde pagina’s gebruiken, om een gebruiksprobleem op te lossen. Ze berusten op toestemming, niet op de vrijstelling hierboven, en zijn beperkt in de tijd en gemaskeerd.',
  replayWindow:
    '{purpose}: van {from} tot en met {to}, opnames {days, plural, one {# dag} other {# dagen}} bewaard ({state}).',
  purposeUxDebugging: 'Gebruiksproblemen oplossen',
  purposeSupportInvestigation: 'Onderzoek naar een supportvraag',
  purposeQa: 'Kwaliteitscontrole',
  purposeOther: 'Ander doel',
  stateOpen: 'open',
  statePaused: 'gepauzeerd',
  stateClosed: 'gesloten',
  statePurged: 'gesloten, opnames verwijderd',
  storageHeading: 'Waar het wordt opgeslagen',
  storage: 'Op de installatie die Pomelo voor {site} draait, in een {engine}-database.',
  checkpointHeading: 'Integriteit',
  checkpoint:
    'Gemaakt bij controlepunt {rows, number} van de auditketen (kop {head}, ondertekend op {date}): elke eerdere wijziging van de instellingen staat in de manipulatiebestendige auditlog.',
  checkpointNone: 'Op deze installatie is nog geen controlepunt van de auditketen geschreven.',
  generated: 'Gemaakt op {date} door Pomelo.',
};
