// I testi generati per una finestra di replay, in italiano: il registro delle attività di
// trattamento (valori leggibili e Markdown), l’informativa pronta da incollare e l’avviso mostrato
// durante la registrazione. Lessico del Garante per i termini normativi; si dà del «tu».
import type { ReplayMessageKey } from './en.js';

export const it: Record<ReplayMessageKey, string> = {
  document:
    'Registro delle attività di trattamento — finestra di ricerca con riproduzione delle sessioni',
  system: 'sistema',
  purposeUxDebugging: 'Correzione di problemi di usabilità',
  purposeSupportInvestigation: 'Analisi di una richiesta di assistenza',
  purposeQa: 'Controllo qualità',
  purposeOther: 'Altra finalità',
  purposeExcluded: 'mai per finalità di marketing, pubblicità o retargeting',
  legalBasis: 'consenso del visitatore, richiesto dal sito prima dell’avvio della registrazione',
  hosting: 'ospitato sui propri server (Pomelo)',
  encryption:
    'AES-256-GCM con una chiave per finestra, distrutta al termine del periodo di conservazione',
  transfersNone: 'nessuno: il database è in esecuzione sulla stessa macchina di Pomelo',
  transfersRemote:
    'le registrazioni cifrate sono conservate sul server di database {host} (gestito da te o dal tuo fornitore di hosting); se si trova al di fuori dell’UE/SEE, si tratta di un trasferimento da documentare',
  recipients:
    'solo le persone autorizzate designate nominativamente; nessun responsabile del trattamento, nessun terzo',
  reviewGate:
    'le proposte di registrazione si interrompono non appena ci sono {gate} registrazioni non revisionate; solo una persona autorizzata che ha riprodotto una registrazione può contrassegnarla come revisionata',

  categoryStructure:
    'Struttura e impaginazione delle pagine sotto forma di istantanee DOM mascherate (testo sostituito, tranne sotto i selettori di smascheramento qui elencati)',
  categoryInteractions:
    'Interazioni: movimenti del mouse, clic, scorrimento, cambi di focus e dimensioni della finestra, con la relativa sequenza temporale',
  categoryAddresses:
    'Indirizzi delle pagine ridotti a origine + percorso (senza stringa di query né frammento)',
  categoryNever:
    'Mai: valori digitati, indirizzo IP, stringa User-Agent, cookie o qualsiasi identificativo che colleghi una registrazione a una persona o alla misurazione dell’audience',

  floorServer:
    'Il server riapplica tutte le regole seguenti a ogni frammento prima di conservarlo; un frammento che non riesce a leggere viene rifiutato.',
  floorText:
    'Tutto il testo è sostituito da «{mask}» (lunghezza costante), tranne il testo sotto i selettori di smascheramento qui elencati, così come il server li valuta sulla pagina registrata; il testo dei controlli dei moduli (input, textarea, select, option, button) è sempre mascherato.',
  floorInputs:
    'Tutti i valori inseriti sono sostituiti da «{mask}», compresi i campi nascosti; lo stato di caselle di controllo e pulsanti di opzione non viene registrato.',
  floorAttributes:
    'Sono conservati solo gli attributi di un elenco consentito ({attributes}); title, alt, placeholder, aria-*, data-* e value non lo sono mai.',
  floorUrls:
    'Ogni URL (link, risorse, moduli, fogli di stile, indirizzo della pagina) è ridotto a origine + percorso: niente stringa di query, niente frammento, niente parametri di percorso (;jsessionid=…).',
  floorPages:
    'Ogni indirizzo di pagina contenuto in un frammento è verificato rispetto alle regole di inclusione ed esclusione e all’elenco di esclusione integrato: un frammento proveniente da qualsiasi altra pagina viene scartato e la relativa registrazione interrotta.',
  floorMedia: 'I contenuti multimediali e i frame sono registrati come riquadri vuoti: {tags}.',
  floorSensitive:
    'Una pagina con un campo password, un autocomplete cc-*, current-password, new-password o one-time-code, oppure {marker} non viene mai registrata; se uno di questi elementi compare durante una registrazione, la registrazione si interrompe e viene eliminata.',

  dpiaStatus:
    'precompilata da Pomelo in base alle impostazioni della finestra; da completare e firmare a cura del titolare del trattamento',
  dpiaProcessing:
    'riproduzione delle sessioni di un campione (al massimo il {percent, number}%) delle visite con consenso alle pagine incluse, al massimo {max, number} registrazioni',
  dpiaNecessityPurpose: 'una finalità documentata e una data di fine fissata all’apertura',
  dpiaNecessityPages:
    'solo le pagine incluse; mai le pagine di accesso, dell’account, di pagamento o della password',
  dpiaNecessityRetention:
    'periodo di conservazione di {days, plural, one {# giorno} other {# giorni}} dopo la fine, poi cancellazione crittografica',
  dpiaRiskData:
    'dati personali mostrati su una pagina che finiscono in una registrazione (misure: mascheramento lato server, rilevatore di dati personali, marcatore di controllo, quarantena)',
  dpiaRiskViewer:
    'una persona autorizzata guarda le registrazioni senza necessità (misure: persone autorizzate designate nominativamente, un motivo dichiarato per ogni riproduzione, registro di audit)',
  dpiaRiskCopiesAllowed:
    'copie al di fuori di Pomelo (misura: download consentiti solo con un motivo registrato)',
  dpiaRiskCopiesOff: 'copie al di fuori di Pomelo (misura: download disattivati)',
  dpiaRiskUnawareShown:
    'visitatori ignari della registrazione (misure: consenso; avviso sulla pagina visibile)',
  dpiaRiskUnawareHidden:
    'visitatori ignari della registrazione (misure: consenso; avviso sulla pagina nascosto: {reason})',
  dpiaResidualRisk: 'da valutare a cura del titolare del trattamento',

  privacyNotice:
    'Dal {from} al {to}, e solo con il tuo consenso, possiamo registrare il modo in cui alcune pagine di {site} vengono utilizzate in un campione delle visite (al massimo il {percent, number}%), per finalità di {purpose, select, ux_debugging {correzione di problemi di usabilità} support_investigation {analisi delle richieste di assistenza} qa {controllo qualità} other {altro tipo}}{detail}. Tutto ciò che digiti e il testo mostrato nelle pagine vengono mascherati prima di lasciare il tuo browser; le pagine di accesso, dell’account, di pagamento e della password non vengono mai registrate. Le registrazioni sono conservate sui nostri server ({storage}), non sono condivise con nessuno, sono visionate solo da {viewers, plural, one {# membro designato} other {# membri designati}} del nostro team e vengono cancellate al più tardi {days, plural, one {# giorno} other {# giorni}} dopo il {to}. Puoi rifiutare o revocare il consenso in qualsiasi momento; se lo revochi, la tua registrazione viene cancellata.',

  noticeLabel: 'Registrazione della sessione',
  noticeRecorded: 'Questa visita viene registrata per migliorare il sito',
  noticeRecordedUntil: 'Questa visita viene registrata per migliorare il sito fino al {date}',
  noticeStop: 'Interrompi ed elimina',
  noticeStopped: 'Registrazione interrotta; quanto registrato è stato eliminato.',

  mdSite: 'Sito: {site} · finestra {window} · generato il {at}',
  mdPurposeHeading: 'Finalità',
  mdPurpose: 'Finalità: {label}',
  mdTicket: 'Ticket: {ticket}',
  mdNone: 'nessuno',
  mdExcludedPurposes: 'Finalità escluse: {text}',
  mdOwner: 'Referente della finestra: {owner}',
  mdLegalBasis: 'Base giuridica: {text}',
  mdPeriodHeading: 'Periodo',
  mdStart: 'Inizio: {at}',
  mdEnd: 'Fine: {at}',
  mdClosed: 'Chiusura: {at} (stato: {state})',
  mdNotYet: 'non ancora',
  stateDraft: 'bozza',
  stateOpen: 'aperta',
  statePaused: 'in pausa',
  stateClosed: 'chiusa',
  statePurged: 'registrazioni eliminate',
  mdPagesHeading: 'Pagine',
  mdWholeSite: 'Incluse: TUTTO IL SITO (scelto esplicitamente all’apertura della finestra):',
  mdIncluded: 'Incluse (almeno una regola deve corrispondere):',
  mdExcluded: 'Escluse:',
  mdNoneBeyondDenylist: 'nessuna oltre all’elenco di esclusione integrato',
  mdDenylist:
    'Elenco di esclusione integrato, sempre applicato: qualsiasi segmento di percorso che contiene {segments}; qualsiasi URL con un parametro simile a un token ({parameters}, o un valore lungo dall’aspetto casuale).',
  mdMaskingHeading: 'Mascheramento',
  mdUnmask: 'Selettori di smascheramento (solo testo):',
  mdSamplingHeading: 'Campionamento e limiti',
  mdSampleRate: 'Tasso di campionamento: {percent, number}% delle visite',
  mdCaps:
    'Al massimo {sessions, number} registrazioni in questa finestra, {minutes} minuti e {pages} pagine per registrazione',
  mdRetentionHeading: 'Periodo di conservazione, persone autorizzate, archiviazione',
  mdRetention:
    'Periodo di conservazione: {days, plural, one {# giorno} other {# giorni}} dopo la fine; cancellazione entro il {at}',
  mdViewers: 'Persone autorizzate: {viewers}',
  mdStorage: 'Archiviazione: {hosting}, {location}; {encryption}',
  mdDatabase: 'Database: {engine}, {location}',
  mdTransfers: 'Trasferimenti: {text}',
  mdRecipients: 'Destinatari: {text}: {list}',
  mdNobodyYet: 'ancora nessuno',
  mdCategoriesHeading: 'Categorie di dati',
  mdNoticeHeading: 'Avviso sulla pagina, download e revisione',
  mdNoticeShown:
    'Avviso sulla pagina: mostrato a ogni visitatore registrato («{text}»), con interruzione ed eliminazione in un clic',
  mdNoticeHidden: 'Avviso sulla pagina: nascosto, per il seguente motivo: {reason}',
  mdDownloadsAllowed:
    'Download dei dati grezzi: consentiti dal referente della finestra, ciascuno con un motivo dichiarato',
  mdDownloadsOff: 'Download dei dati grezzi: disattivati',
  mdSignedOff: 'Approvato da {by} il {at}: {note}',
  mdNotSignedOff: 'Approvazione da parte di una seconda persona: non data',
  mdReview: 'Revisione: {text}',
  mdDpiaHeading: 'Valutazione d’impatto sulla protezione dei dati (DPIA, precompilata)',
  mdDpiaStatus: 'Stato: {text}',
  mdDpiaProcessing: 'Trattamento: {text}',
  mdNecessity: 'Necessità e proporzionalità:',
  mdRisks: 'Rischi e misure:',
  mdResidualRisk: 'Rischio residuo: {text}',
  mdAuditHeading: 'Registro di audit',
  mdAuditColumns: '| data | autore | azione | dettaglio |',
  mdNoEntries: 'nessuna voce',
  mdNoticeTextHeading: 'Informativa privacy (pronta da incollare)',
};
