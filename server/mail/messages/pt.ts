// Relatórios, alertas e a página de cancelamento em português (europeu).
import type { MailMessageKey } from './en.js';

export const pt: Record<MailMessageKey, string> = {
  subjectWeekly: '{site}: relatório semanal, {from} – {to}',
  subjectMonthly: '{site}: relatório de {month}',
  subjectTest: '[teste] {subject}',
  headingWeekly: 'A sua semana em {site}',
  headingMonthly: 'O seu mês em {site}',
  periodLine: '{from} – {to}, em comparação com {previousFrom} – {previousTo}',
  metricVisits: 'Visitas',
  metricPageviews: 'Visualizações de página',
  metricBounceRate: 'Taxa de rejeição',
  metricTimeOnPage: 'Tempo por página',
  changePercent: '{change, number, ::sign-always} % face ao período anterior',
  changePoints: '{change, number, ::sign-always} pts face ao período anterior',
  changeNew: 'novo: nada no período anterior',
  chartTitle: 'Visitas por dia',
  chartDay: '{day}: {visits, plural, one {# visita} other {# visitas}}',
  topPages: 'Páginas principais',
  topSources: 'Fontes principais',
  countries: 'Países',
  goals: 'Objetivos',
  conversions: '{count, plural, one {# conversão} other {# conversões}} ({rate} %)',
  noData: 'Nada foi contado neste período.',
  openDashboard: 'Abrir o painel',
  privacyNote:
    'Contado sem cookies nem identificadores: nada neste e-mail diz respeito a um visitante em particular.',
  footerReports:
    'Recebe este relatório porque um administrador de {site} adicionou {address} aos relatórios do Pomelo.',
  footerAlerts:
    'Recebe este alerta porque um administrador de {site} adicionou {address} aos alertas do Pomelo.',
  unsubscribeReports: 'Cancelar a subscrição destes relatórios',
  unsubscribeAlerts: 'Cancelar a subscrição destes alertas',
  spikeSubject:
    '{site}: pico de tráfego, {count, plural, one {# visualização} other {# visualizações}} numa hora',
  spikeBody:
    'Entre as {from} e as {to} ({timezone}), {site} teve {count, plural, one {# visualização} other {# visualizações}}, {percent} % das {usual} habituais a essa hora do dia.',
  stoppedSubject: '{site}: a medição parou há {hours, plural, one {# hora} other {# horas}}',
  stoppedBody:
    'O Pomelo não recebe nenhum evento de {site} desde {since} ({timezone}), embora o site tenha habitualmente tráfego a estas horas. Se o site mudou recentemente, verifique se o script do Pomelo continua nas suas páginas.',
  alertCooldown:
    'Receberá no máximo um alerta deste tipo a cada {hours, plural, one {# hora} other {# horas}}.',
  unsubscribeTitle: 'Cancelar subscrição',
  unsubscribeQuestion: 'Deixar de enviar {scope} de {site} para {address}?',
  scopeReports: 'os relatórios',
  scopeAlerts: 'os alertas',
  unsubscribeButton: 'Cancelar subscrição',
  unsubscribeDone: '{address} deixará de receber {scope} de {site}.',
  unsubscribeInvalid:
    'Esta ligação de cancelamento não é válida. Use a ligação do último e-mail recebido.',
  replayPausedSubject: '{site}: janela de replay pausada pelo detetor de fugas',
  replayPausedBody:
    'A janela de investigação «{purpose}» em {site} foi pausada em {at} ({timezone}): o detetor encontrou dados pessoais em gravações. Nada mais é gravado até alguém rever as deteções e retomá-la com uma nota.',
  replayReviewSubject: '{site}: {count} gravações de replay aguardam revisão',
  replayReviewBody:
    'A janela de investigação «{purpose}» em {site} tem {count} gravações que ninguém reviu ainda. Não faz novas propostas até a fila de revisão ficar abaixo de {count}.',
  replayEndingSubject: '{site}: a janela de replay termina em {at}',
  replayEndingBody:
    'A janela de investigação «{purpose}» em {site} termina em {at} ({timezone}). As gravações são depois conservadas durante o prazo de conservação e eliminadas.',
  footerReplay:
    'Recebe isto porque é o responsável por esta janela de replay ou uma das pessoas autorizadas a vê-la.',
};
