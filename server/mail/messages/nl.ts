// Rapporten, waarschuwingen en de afmeldpagina in het Nederlands.
import type { MailMessageKey } from './en.js';

export const nl: Record<MailMessageKey, string> = {
  subjectWeekly: '{site}: weekrapport, {from} – {to}',
  subjectMonthly: '{site}: rapport over {month}',
  subjectTest: '[test] {subject}',
  headingWeekly: 'Uw week op {site}',
  headingMonthly: 'Uw maand op {site}',
  periodLine: '{from} – {to}, vergeleken met {previousFrom} – {previousTo}',
  metricVisits: 'Bezoeken',
  metricPageviews: 'Paginaweergaven',
  metricBounceRate: 'Bouncepercentage',
  metricTimeOnPage: 'Tijd per pagina',
  changePercent: '{change, number, ::sign-always} % t.o.v. vorige periode',
  changePoints: '{change, number, ::sign-always} punten t.o.v. vorige periode',
  changeNew: 'nieuw: niets in de vorige periode',
  chartTitle: 'Bezoeken per dag',
  chartDay: '{day}: {visits, plural, one {# bezoek} other {# bezoeken}}',
  topPages: 'Toppagina’s',
  topSources: 'Topbronnen',
  countries: 'Landen',
  goals: 'Doelen',
  conversions: '{count, plural, one {# conversie} other {# conversies}} ({rate} %)',
  noData: 'In deze periode is niets geteld.',
  openDashboard: 'Dashboard openen',
  privacyNote:
    'Geteld zonder cookies of kenmerken: niets in deze e-mail gaat over een individuele bezoeker.',
  footerReports:
    'U ontvangt dit rapport omdat een beheerder van {site} {address} heeft toegevoegd aan de Pomelo-rapporten.',
  footerAlerts:
    'U ontvangt deze waarschuwing omdat een beheerder van {site} {address} heeft toegevoegd aan de Pomelo-waarschuwingen.',
  unsubscribeReports: 'Afmelden voor deze rapporten',
  unsubscribeAlerts: 'Afmelden voor deze waarschuwingen',
  spikeSubject:
    '{site}: verkeerspiek, {count, plural, one {# paginaweergave} other {# paginaweergaven}} in één uur',
  spikeBody:
    'Tussen {from} en {to} ({timezone}) had {site} {count, plural, one {# paginaweergave} other {# paginaweergaven}}, {percent} % van de gebruikelijke {usual} op dat uur van de dag.',
  stoppedSubject: '{site}: meting {hours, plural, one {# uur} other {# uur}} geleden gestopt',
  stoppedBody:
    'Pomelo heeft sinds {since} ({timezone}) geen gebeurtenis van {site} ontvangen, terwijl de site op deze uren meestal verkeer heeft. Is de site onlangs gewijzigd, controleer dan of het Pomelo-script nog op de pagina’s staat.',
  alertCooldown:
    'U krijgt hooguit één waarschuwing van dit soort per {hours, plural, one {# uur} other {# uur}}.',
  unsubscribeTitle: 'Afmelden',
  unsubscribeQuestion: 'Stoppen met het sturen van {scope} van {site} naar {address}?',
  scopeReports: 'de rapporten',
  scopeAlerts: 'de waarschuwingen',
  unsubscribeButton: 'Afmelden',
  unsubscribeDone: '{address} ontvangt {scope} van {site} niet meer.',
  unsubscribeInvalid: 'Deze afmeldlink is niet geldig. Gebruik de link uit de laatste e-mail.',
  replayPausedSubject: '{site}: replayvenster gepauzeerd door de lekscanner',
  replayPausedBody:
    'Het replay-onderzoeksvenster “{purpose}” op {site} is gepauzeerd op {at} ({timezone}): de scanner vond persoonsgegevens in opnamen. Er wordt niets meer opgenomen tot iemand de bevindingen bekijkt en het met een notitie hervat.',
  replayReviewSubject: '{site}: {count} replay-opnamen wachten op beoordeling',
  replayReviewBody:
    'Het replay-onderzoeksvenster “{purpose}” op {site} heeft {count} opnamen die nog niemand heeft beoordeeld. Het doet geen nieuwe aanbiedingen tot de beoordelingswachtrij onder {count} is.',
  replayEndingSubject: '{site}: replayvenster eindigt op {at}',
  replayEndingBody:
    'Het replay-onderzoeksvenster “{purpose}” op {site} eindigt op {at} ({timezone}). De opnamen worden daarna bewaard voor hun bewaartermijn en verwijderd.',
  footerReplay:
    'U ontvangt dit omdat u eigenaar bent van dit replayvenster of een van de aangewezen kijkers.',
};
