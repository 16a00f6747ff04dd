// Os textos gerados para uma janela de replay, em português europeu: o registo das atividades de
// tratamento (valores legíveis e Markdown), a informação sobre privacidade pronta a colar e o aviso
// apresentado durante a gravação. Vocabulário da CNPD para os termos regulamentares; tratamento
// formal na terceira pessoa.
import type { ReplayMessageKey } from './en.js';

export const pt: Record<ReplayMessageKey, string> = {
  document: 'Registo das atividades de tratamento — janela de estudo com reprodução de sessões',
  system: 'sistema',
  purposeUxDebugging: 'Correção de problemas de usabilidade',
  purposeSupportInvestigation: 'Análise de um pedido de suporte',
  purposeQa: 'Controlo de qualidade',
  purposeOther: 'Outra finalidade',
  purposeExcluded: 'nunca para fins de marketing, publicidade ou retargeting',
  legalBasis: 'consentimento do visitante, pedido pelo site antes do início da gravação',
  hosting: 'alojamento próprio (Pomelo)',
  encryption: 'AES-256-GCM com uma chave por janela, destruída no fim do prazo de conservação',
  transfersNone: 'nenhuma: a base de dados funciona na mesma máquina que executa o Pomelo',
  transfersRemote:
    'as gravações cifradas são conservadas no servidor de base de dados {host} (gerido pelo responsável pelo tratamento ou pelo seu fornecedor de alojamento); se este se situar fora da UE/EEE, trata-se de uma transferência a documentar',
  recipients:
    'apenas as pessoas autorizadas designadas nominalmente; nenhum subcontratante, nenhum terceiro',
  reviewGate:
    'as propostas de gravação param assim que existam {gate} gravações por rever; só uma pessoa autorizada que tenha reproduzido uma gravação a pode marcar como revista',

  categoryStructure:
    'Estrutura e esquema das páginas, sob a forma de instantâneos DOM mascarados (texto substituído, exceto sob os seletores de desmascaramento aqui indicados)',
  categoryInteractions:
    'Interações: movimentos do rato, cliques, deslocamento, mudanças de foco e tamanho da janela de visualização, com a respetiva cronologia',
  categoryAddresses:
    'Endereços das páginas reduzidos a origem + caminho (sem cadeia de consulta nem fragmento)',
  categoryNever:
    'Nunca: valores introduzidos, endereço IP, cadeia User-Agent, cookies ou qualquer identificador que associe uma gravação a uma pessoa ou à medição de audiências',

  floorServer:
    'O servidor volta a aplicar todas as regras seguintes a cada fragmento antes de o conservar; um fragmento que não consiga ler é recusado.',
  floorText:
    'Todo o texto é substituído por «{mask}» (comprimento constante), exceto o texto sob os seletores de desmascaramento aqui indicados, tal como o servidor os avalia na página gravada; o texto dos controlos de formulário (input, textarea, select, option, button) é sempre mascarado.',
  floorInputs:
    'Todos os valores introduzidos são substituídos por «{mask}», incluindo os campos ocultos; o estado das caixas de verificação e dos botões de opção não é gravado.',
  floorAttributes:
    'Só são conservados os atributos de uma lista autorizada ({attributes}); title, alt, placeholder, aria-*, data-* e value nunca o são.',
  floorUrls:
    'Cada URL (ligações, recursos, formulários, folhas de estilo, endereço da página) é reduzido a origem + caminho: sem cadeia de consulta, sem fragmento, sem parâmetros de caminho (;jsessionid=…).',
  floorPages:
    'Cada endereço de página contido num fragmento é verificado face às regras de inclusão e exclusão e à lista de exclusão integrada: um fragmento proveniente de qualquer outra página é descartado e a respetiva gravação interrompida.',
  floorMedia: 'Os elementos multimédia e os frames são gravados como caixas vazias: {tags}.',
  floorSensitive:
    'Uma página com um campo de palavra-passe, um autocomplete cc-*, current-password, new-password ou one-time-code, ou {marker} nunca é gravada; se um destes elementos surgir durante uma gravação, a gravação é interrompida e eliminada.',

  dpiaStatus:
    'pré-preenchida pelo Pomelo a partir das definições da janela; a completar e assinar pelo responsável pelo tratamento',
  dpiaProcessing:
    'reprodução de sessões de uma amostra (no máximo {percent, number} %) das visitas com consentimento às páginas incluídas, no máximo {max, number} gravações',
  dpiaNecessityPurpose: 'uma finalidade documentada e uma data de fim fixada na abertura',
  dpiaNecessityPages:
    'apenas as páginas incluídas; nunca as páginas de início de sessão, de conta, de pagamento ou de palavra-passe',
  dpiaNecessityRetention:
    'prazo de conservação de {days, plural, one {# dia} other {# dias}} após o fim, seguido de apagamento criptográfico',
  dpiaRiskData:
    'dados pessoais apresentados numa página que acabam numa gravação (medidas: mascaramento no servidor, detetor de dados pessoais, marcador de controlo, quarentena)',
  dpiaRiskViewer:
    'uma pessoa autorizada visualiza gravações sem necessidade (medidas: pessoas autorizadas designadas nominalmente, um motivo declarado para cada reprodução, registo de auditoria)',
  dpiaRiskCopiesAllowed:
    'cópias fora do Pomelo (medida: descarregamentos permitidos apenas com um motivo registado)',
  dpiaRiskCopiesOff: 'cópias fora do Pomelo (medida: descarregamentos desativados)',
  dpiaRiskUnawareShown:
    'visitantes que desconhecem a gravação (medidas: consentimento; aviso na página apresentado)',
  dpiaRiskUnawareHidden:
    'visitantes que desconhecem a gravação (medidas: consentimento; aviso na página ocultado: {reason})',
  dpiaResidualRisk: 'a avaliar pelo responsável pelo tratamento',

  privacyNotice:
    'De {from} a {to}, e apenas com o seu consentimento, podemos gravar a forma como algumas páginas de {site} são utilizadas numa amostra das visitas (no máximo {percent, number} %), para fins de {purpose, select, ux_debugging {correção de problemas de usabilidade} support_investigation {análise de pedidos de suporte} qa {controlo de qualidade} other {outra natureza}}{detail}. Tudo o que escrever e o texto apresentado nas páginas são mascarados antes de saírem do seu navegador; as páginas de início de sessão, de conta, de pagamento e de palavra-passe nunca são gravadas. As gravações são conservadas nos nossos próprios servidores ({storage}), não são partilhadas com ninguém, só são visualizadas por {viewers, plural, one {# membro designado} other {# membros designados}} da nossa equipa e são eliminadas, o mais tardar, {days, plural, one {# dia} other {# dias}} após {to}. Pode recusar ou retirar o seu consentimento a qualquer momento; se o retirar, a sua gravação é eliminada.',

  noticeLabel: 'Gravação da sessão',
  noticeRecorded: 'Esta visita está a ser gravada para melhorar este site',
  noticeRecordedUntil: 'Esta visita está a ser gravada para melhorar este site até {date}',
  noticeStop: 'Parar e eliminar',
  noticeStopped: 'Gravação interrompida; o que foi gravado foi eliminado.',

  mdSite: 'Site: {site} · janela {window} · gerado em {at}',
  mdPurposeHeading: 'Finalidade',
  mdPurpose: 'Finalidade: {label}',
  mdTicket: 'Ticket: {ticket}',
  mdNone: 'nenhum',
  mdExcludedPurposes: 'Finalidades excluídas: {text}',
  mdOwner: 'Responsável pela janela: {owner}',
  mdLegalBasis: 'Fundamento jurídico: {text}',
  mdPeriodHeading: 'Período',
  mdStart: 'Início: {at}',
  mdEnd: 'Fim: {at}',
  mdClosed: 'Encerramento: {at} (estado: {state})',
  mdNotYet: 'ainda não',
  stateDraft: 'rascunho',
  stateOpen: 'aberta',
  statePaused: 'em pausa',
  stateClosed: 'fechada',
  statePurged: 'gravações eliminadas',
  mdPagesHeading: 'Páginas',
  mdWholeSite: 'Incluídas: TODO O SITE (escolhido expressamente na abertura da janela):',
  mdIncluded: 'Incluídas (pelo menos uma regra tem de corresponder):',
  mdExcluded: 'Excluídas:',
  mdNoneBeyondDenylist: 'nenhuma além da lista de exclusão integrada',
  mdDenylist:
    'Lista de exclusão integrada, sempre aplicada: qualquer segmento de caminho que contenha {segments}; qualquer URL com um parâmetro semelhante a um token ({parameters}, ou um valor longo de aspeto aleatório).',
  mdMaskingHeading: 'Mascaramento',
  mdUnmask: 'Seletores de desmascaramento (apenas texto):',
  mdSamplingHeading: 'Amostragem e limites',
  mdSampleRate: 'Taxa de amostragem: {percent, number} % das visitas',
  mdCaps:
    'No máximo {sessions, number} gravações nesta janela, {minutes} minutos e {pages} páginas por gravação',
  mdRetentionHeading: 'Prazo de conservação, pessoas autorizadas, armazenamento',
  mdRetention:
    'Prazo de conservação: {days, plural, one {# dia} other {# dias}} após o fim; eliminação o mais tardar em {at}',
  mdViewers: 'Pessoas autorizadas: {viewers}',
  mdStorage: 'Armazenamento: {hosting}, {location}; {encryption}',
  mdDatabase: 'Base de dados: {engine}, {location}',
  mdTransfers: 'Transferências: {text}',
  mdRecipients: 'Destinatários: {text}: {list}',
  mdNobodyYet: 'ninguém por enquanto',
  mdCategoriesHeading: 'Categorias de dados',
  mdNoticeHeading: 'Aviso na página, descarregamentos e revisão',
  mdNoticeShown:
    'Aviso na página: apresentado a cada visitante gravado («{text}»), com paragem e eliminação num só clique',
  mdNoticeHidden: 'Aviso na página: ocultado pelo seguinte motivo: {reason}',
  mdDownloadsAllowed:
    'Descarregamentos em bruto: permitidos pelo responsável pela janela, cada um com um motivo declarado',
  mdDownloadsOff: 'Descarregamentos em bruto: desativados',
  mdSignedOff: 'Validado por {by} em {at}: {note}',
  mdNotSignedOff: 'Validação por uma segunda pessoa: não dada',
  mdReview: 'Revisão: {text}',
  mdDpiaHeading: 'Avaliação de impacto sobre a proteção de dados (AIPD, pré-preenchida)',
  mdDpiaStatus: 'Estado: {text}',
  mdDpiaProcessing: 'Tratamento: {text}',
  mdNecessity: 'Necessidade e proporcionalidade:',
  mdRisks: 'Riscos e medidas:',
  mdResidualRisk: 'Risco residual: {text}',
  mdAuditHeading: 'Registo de auditoria',
  mdAuditColumns: '| data | autor | ação | detalhe |',
  mdNoEntries: 'nenhuma entrada',
  mdNoticeTextHeading: 'Informação sobre privacidade (pronta a colar)',
};
