// O relatório de privacidade em português europeu (vocabulário da CNPD para os termos
// regulamentares: «medição de audiências», «finalidade», «prazo de conservação»,
// «consentimento»). As condições verificadas são as da CNIL francesa, e isso é dito.
import type { PrivacyMessageKey } from './en.js';

export const pt: Record<PrivacyMessageKey, string> = {
  title: 'O que o Pomelo conserva sobre os visitantes de {site}',
  intro:
    'Este relatório é gerado pelo Pomelo, a ferramenta de medição de audiências de {site}, a partir das definições em vigor em {date}. Descreve o que é medido, o que não é, durante quanto tempo é conservado e se a medição cumpre as condições em que a CNIL (a autoridade francesa de proteção de dados) dispensa a medição de audiências de consentimento.',
  collectedHeading: 'O que é medido',
  collectedCounters:
    'Totais diários por página, site de origem, campanha (etiquetas UTM), país (deduzido do fuso horário do navegador, nunca de um endereço IP), tipo de dispositivo, família de navegador e de sistema operativo, classe de tamanho de ecrã e eventos personalizados: visitas, visualizações de página, rejeições, tempo na página e profundidade de deslocamento são somados a contadores; nenhum evento individual é conservado.',
  collectedHourly:
    'Totais horários dos mesmos valores para o conjunto do site, para os gráficos dos últimos dias.',
  collectedExcluded:
    '{count, plural, =0 {Nenhum caminho está excluído da medição.} one {# padrão de caminho está excluído da medição: as visitas correspondentes não são contadas de todo.} other {# padrões de caminho estão excluídos da medição: as visitas correspondentes não são contadas de todo.}}',
  notCollectedHeading: 'O que não é recolhido',
  notCollectedCookie:
    'Nenhum cookie, e nada é escrito no equipamento terminal do visitante (nem armazenamento local, nem impressão digital).',
  notCollectedIp:
    'Nenhum endereço IP: não é conservado nem utilizado para deduzir uma localização.',
  notCollectedId:
    'Nenhum identificador de qualquer tipo: nem identificador de visitante, nem identificador de sessão, nem hash de um endereço ou de um navegador; as visitas são distinguidas sem reconhecer ninguém.',
  notCollectedUa:
    'Nenhuma cadeia User-Agent: só são contados a família de navegador e o tipo de dispositivo.',
  notCollectedCross:
    'Nenhum seguimento entre sites: nada liga uma visita a {site} a uma visita noutro lado.',
  gpcHonoured:
    'Os visitantes que enviam o sinal Global Privacy Control não são contados: o script não envia nada e o servidor descarta o que for enviado mesmo assim.',
  gpcIgnored:
    'O sinal Global Privacy Control não é respeitado neste site: os visitantes que o enviam são contados como os restantes.',
  retentionHeading: 'Prazo de conservação',
  retention:
    'Os contadores são conservados durante {months, plural, one {# mês} other {# meses}} e depois eliminados pela purga diária.',
  cap: 'Quando um dia tem mais de {cap, number} valores diferentes do mesmo tipo (páginas, por exemplo), os restantes são contados em conjunto como «(outros)».',
  exemptionHeading: 'Dispensa de consentimento: autoavaliação face às condições da CNIL',
  exemptionIntro:
    'A CNIL dispensa de consentimento as ferramentas de medição de audiências que cumprem as condições abaixo (deliberação 2020-091 e respetivas orientações). Esta verificação é calculada a partir das definições acima; não constitui aconselhamento jurídico.',
  checkOwnSite:
    'Finalidade limitada à medição de audiências de {site}, por conta própria: as estatísticas não são partilhadas nem cedidas a terceiros.',
  checkAnonymous:
    'Apenas estatísticas anónimas: contadores agregados, sem dados sobre qualquer visitante em concreto.',
  checkNoCross:
    'Nenhum seguimento entre sites nem interconexão com outros tratamentos: não existe nenhum identificador a interconectar.',
  checkNoDevice:
    'Nada é armazenado no equipamento terminal do visitante, pelo que o limite de 13 meses de vida dos testemunhos de conexão não tem a que se aplicar.',
  checkRetentionOk:
    'Prazo de conservação de 25 meses no máximo: {months, plural, one {# mês} other {# meses}}.',
  checkRetentionTooLong:
    'Prazo de conservação de 25 meses no máximo: NÃO CUMPRIDO, os contadores são conservados durante {months} meses. Reduza o prazo de conservação para 25 meses ou menos.',
  checkObjectionOk: 'Direito de oposição: o sinal Global Privacy Control é respeitado.',
  checkObjectionMissing:
    'Direito de oposição: o sinal Global Privacy Control é ignorado; ofereça aos visitantes outra forma de se oporem (uma ligação na política de privacidade).',
  verdictMet:
    'Todas as condições estão cumpridas: esta medição de audiências pode funcionar sem recolha de consentimento.',
  verdictNotMet:
    'Pelo menos uma condição não está cumprida: esta medição exige o consentimento dos visitantes enquanto não for corrigida.',
  pass: 'Cumprida',
  fail: 'Não cumprida',
  warn: 'A verificar',
  replayHeading: 'Janelas de estudo com reprodução de sessões (últimos 25 meses)',
  replayNone: 'Não foi aberta nenhuma janela de estudo para {site} nos últimos 25 meses.',
  replayIntro:
    'As janelas de estudo gravam a forma como alguns visitantes que deram o seu consentimento utilizam determinadas páginas, para corrigir um problema de usabilidade. Assentam no consentimento, e não na dispensa acima, e são limitadas no tempo e mascaradas.',
  replayWindow:
    '{purpose}: de {from} a {to}, gravações conservadas durante {days, plural, one {# dia} other {# dias}} ({state}).',
  purposeUxDebugging: 'Correção de problemas de usabilidade',
  purposeSupportInvestigation: 'Análise de um pedido de suporte',
  purposeQa: 'Controlo de qualidade',
  purposeOther: 'Outra finalidade',
  stateOpen: 'aberta',
  statePaused: 'em pausa',
  stateClosed: 'fechada',
  statePurged: 'fechada, gravações eliminadas',
  storageHeading: 'Onde é armazenado',
  storage: 'Na instalação que executa o Pomelo para {site}, numa base de dados {engine}.',
  checkpointHeading: 'Integridade',
  checkpoint:
    'Gerado no ponto de controlo {rows, number} da cadeia de auditoria (topo {head}, assinado em {date}): todas as alterações anteriores das definições constam do registo de auditoria, no qual qualquer adulteração é detetável.',
  checkpointNone:
    'Ainda não foi escrito nenhum ponto de controlo da cadeia de auditoria nesta instalação.',
  generated: 'Gerado em {date} pelo Pomelo.',
};
