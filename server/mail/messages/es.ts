// Informes, alertas y la página de baja en español.
import type { MailMessageKey } from './en.js';

export const es: Record<MailMessageKey, string> = {
  subjectWeekly: '{site}: informe semanal, {from} – {to}',
  subjectMonthly: '{site}: informe de {month}',
  subjectTest: '[prueba] {subject}',
  headingWeekly: 'Su semana en {site}',
  headingMonthly: 'Su mes en {site}',
  periodLine: '{from} – {to}, comparado con {previousFrom} – {previousTo}',
  metricVisits: 'Visitas',
  metricPageviews: 'Páginas vistas',
  metricBounceRate: 'Tasa de rebote',
  metricTimeOnPage: 'Tiempo por página',
  changePercent: '{change, number, ::sign-always} % frente al periodo anterior',
  changePoints: '{change, number, ::sign-always} pts frente al periodo anterior',
  changeNew: 'nuevo: nada en el periodo anterior',
  chartTitle: 'Visitas por día',
  chartDay: '{day}: {visits, plural, one {# visita} other {# visitas}}',
  topPages: 'Páginas principales',
  topSources: 'Fuentes principales',
  countries: 'Países',
  goals: 'Objetivos',
  conversions: '{count, plural, one {# conversión} other {# conversiones}} ({rate} %)',
  noData: 'No se contó nada en este periodo.',
  openDashboard: 'Abrir el panel',
  privacyNote:
    'Contado sin cookies ni identificadores: nada en este correo se refiere a un visitante concreto.',
  footerReports:
    'Recibe este informe porque un administrador de {site} añadió {address} a sus informes de Pomelo.',
  footerAlerts:
    'Recibe esta alerta porque un administrador de {site} añadió {address} a sus alertas de Pomelo.',
  unsubscribeReports: 'Darse de baja de estos informes',
  unsubscribeAlerts: 'Darse de baja de estas alertas',
  spikeSubject:
    '{site}: pico de tráfico, {count, plural, one {# página vista} other {# páginas vistas}} en una hora',
  spikeBody:
    'Entre {from} y {to} ({timezone}), {site} tuvo {count, plural, one {# página vista} other {# páginas vistas}}, el {percent} % de sus {usual} habituales a esa hora del día.',
  stoppedSubject:
    '{site}: la medición se detuvo hace {hours, plural, one {# hora} other {# horas}}',
  stoppedBody:
    'Pomelo no ha recibido ningún evento de {site} desde {since} ({timezone}), aunque el sitio suele tener tráfico a estas horas. Si el sitio cambió hace poco, compruebe que el script de Pomelo sigue en sus páginas.',
  alertCooldown:
    'Recibirá como máximo una alerta de este tipo cada {hours, plural, one {# hora} other {# horas}}.',
  unsubscribeTitle: 'Darse de baja',
  unsubscribeQuestion: '¿Dejar de enviar {scope} de {site} a {address}?',
  scopeReports: 'los informes',
  scopeAlerts: 'las alertas',
  unsubscribeButton: 'Darse de baja',
  unsubscribeDone: '{address} ya no recibirá {scope} de {site}.',
  unsubscribeInvalid: 'Este enlace de baja no es válido. Use el enlace del último correo.',
  replayPausedSubject: '{site}: ventana de replay pausada por el detector de fugas',
  replayPausedBody:
    'La ventana de investigación «{purpose}» en {site} se pausó el {at} ({timezone}): el detector encontró datos personales en grabaciones. No se graba nada más hasta que alguien revise los hallazgos y la reanude con una nota.',
  replayReviewSubject: '{site}: {count} grabaciones de replay esperan revisión',
  replayReviewBody:
    'La ventana de investigación «{purpose}» en {site} tiene {count} grabaciones que nadie ha revisado todavía. No hace nuevas ofertas hasta que la cola de revisión baje de {count}.',
  replayEndingSubject: '{site}: la ventana de replay termina el {at}',
  replayEndingBody:
    'La ventana de investigación «{purpose}» en {site} termina el {at} ({timezone}). Sus grabaciones se conservan después durante su plazo de conservación y se eliminan.',
  footerReplay:
    'Recibe esto porque es responsable de esta ventana de replay o una de sus personas autorizadas a verla.',
};
