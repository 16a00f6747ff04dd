// Il rapporto sulla privacy in italiano (lessico del Garante per i termini normativi: «misurazione
// dell’audience», «finalità», «periodo di conservazione», «consenso»). Le condizioni verificate
// sono quelle della CNIL francese, e lo si dice.
import type { PrivacyMessageKey } from './en.js';

export const it: Record<PrivacyMessageKey, string> = {
  title: 'Che cosa conserva Pomelo sui visitatori di {site}',
  intro:
    'Questo rapporto è generato da Pomelo, lo strumento di misurazione dell’audience di {site}, a partire dalle impostazioni in vigore il {date}. Descrive che cosa viene misurato, che cosa no, per quanto tempo viene conservato e se la misurazione soddisfa le condizioni alle quali la CNIL (l’autorità francese per la protezione dei dati) esenta dal consenso la misurazione dell’audience.',
  collectedHeading: 'Che cosa viene misurato',
  collectedCounters:
    'Totali giornalieri per pagina, sito di provenienza, campagna (tag UTM), paese (dedotto dal fuso orario del browser, mai da un indirizzo IP), tipo di dispositivo, famiglia di browser e di sistema operativo, classe di dimensione dello schermo ed eventi personalizzati: visite, visualizzazioni di pagina, rimbalzi, tempo sulla pagina e profondità di scorrimento si sommano a contatori; nessun evento individuale viene conservato.',
  collectedHourly:
    'Totali orari delle stesse cifre per l’intero sito, per i grafici degli ultimi giorni.',
  collectedExcluded:
    '{count, plural, =0 {Nessun percorso è escluso dalla misurazione.} one {# modello di percorso è escluso dalla misurazione: le visite corrispondenti non vengono contate affatto.} other {# modelli di percorso sono esclusi dalla misurazione: le visite corrispondenti non vengono contate affatto.}}',
  notCollectedHeading: 'Che cosa non viene raccolto',
  notCollectedCookie:
    'Nessun cookie, e nulla viene scritto sul terminale del visitatore (né archiviazione locale, né impronta digitale).',
  notCollectedIp:
    'Nessun indirizzo IP: non viene né conservato né usato per dedurre una posizione.',
  notCollectedId:
    'Nessun identificativo di alcun tipo: né identificativo del visitatore, né identificativo di sessione, né hash di un indirizzo o di un browser; le visite vengono distinte senza riconoscere nessuno.',
  notCollectedUa:
    'Nessuna stringa User-Agent: vengono contati solo la famiglia di browser e il tipo di dispositivo.',
  notCollectedCross:
    'Nessun tracciamento tra siti: nulla collega una visita a {site} a una visita altrove.',
  gpcHonoured:
    'I visitatori che inviano il segnale Global Privacy Control non vengono contati: lo script non invia nulla e il server scarta ciò che venisse inviato comunque.',
  gpcIgnored:
    'Il segnale Global Privacy Control non viene rispettato su questo sito: i visitatori che lo inviano sono contati come gli altri.',
  retentionHeading: 'Periodo di conservazione',
  retention:
    'I contatori sono conservati per {months, plural, one {# mese} other {# mesi}}, poi eliminati dalla pulizia giornaliera.',
  cap: 'Quando in un giorno ci sono più di {cap, number} valori diversi di uno stesso tipo (pagine, per esempio), i successivi vengono contati insieme come «(altro)».',
  exemptionHeading: 'Esenzione dal consenso: autovalutazione rispetto alle condizioni della CNIL',
  exemptionIntro:
    'La CNIL esenta dal consenso gli strumenti di misurazione dell’audience che soddisfano le condizioni seguenti (deliberazione 2020-091 e relative linee guida). Questa verifica è calcolata a partire dalle impostazioni sopra indicate; non costituisce una consulenza legale.',
  checkOwnSite:
    'Finalità limitata alla misurazione dell’audience di {site}, per conto proprio: le statistiche non sono comunicate né cedute a terzi.',
  checkAnonymous:
    'Solo statistiche anonime: contatori aggregati, senza dati su alcun singolo visitatore.',
  checkNoCross:
    'Nessun tracciamento tra siti e nessuna combinazione con altri trattamenti: non esiste alcun identificativo da combinare.',
  checkNoDevice:
    'Nulla viene memorizzato sul terminale del visitatore, quindi il limite di 13 mesi di durata dei traccianti non ha nulla a cui applicarsi.',
  checkRetentionOk:
    'Periodo di conservazione di 25 mesi al massimo: {months, plural, one {# mese} other {# mesi}}.',
  checkRetentionTooLong:
    'Periodo di conservazione di 25 mesi al massimo: NON RISPETTATO, i contatori sono conservati per {months} mesi. Riduci il periodo di conservazione a 25 mesi o meno.',
  checkObjectionOk: 'Diritto di opposizione: il segnale Global Privacy Control viene rispettato.',
  checkObjectionMissing:
    'Diritto di opposizione: il segnale Global Privacy Control viene ignorato; offri ai visitatori un altro modo per opporsi (un link nell’informativa sulla privacy).',
  verdictMet:
    'Tutte le condizioni sono soddisfatte: questa misurazione dell’audience può funzionare senza richiedere il consenso.',
  verdictNotMet:
    'Almeno una condizione non è soddisfatta: questa misurazione richiede il consenso dei visitatori finché non viene corretta.',
  pass: 'Soddisfatta',
  fail: 'Non soddisfatta',
  warn: 'Da verificare',
  replayHeading: 'Finestre di ricerca con riproduzione delle sessioni (ultimi 25 mesi)',
  replayNone: 'Nessuna finestra di ricerca è stata aperta per {site} negli ultimi 25 mesi.',
  replayIntro:
    'Le finestre di ricerca registrano il modo in cui alcuni visitatori che hanno dato il consenso usano determinate pagine, per correggere un problema di usabilità. Si basano sul consenso, non sull’esenzione di cui sopra, e sono limitate nel tempo e mascherate.',
  replayWindow:
    '{purpose}: dal {from} al {to}, registrazioni conservate per {days, plural, one {# giorno} other {# giorni}} ({state}).',
  purposeUxDebugging: 'Correzione di problemi di usabilità',
  purposeSupportInvestigation: 'Analisi di una richiesta di assistenza',
  purposeQa: 'Controllo qualità',
  purposeOther: 'Altra finalità',
  stateOpen: 'aperta',
  statePaused: 'in pausa',
  stateClosed: 'chiusa',
  statePurged: 'chiusa, registrazioni eliminate',
  storageHeading: 'Dove vengono conservati i dati',
  storage: 'Sull’installazione che esegue Pomelo per {site}, in un database {engine}.',
  checkpointHeading: 'Integrità',
  checkpoint:
    'Generato al punto di controllo {rows, number} della catena di audit (testa {head}, firmato il {date}): ogni modifica precedente delle impostazioni è nel registro di audit, in cui qualsiasi alterazione è rilevabile.',
  checkpointNone:
    'Su questa installazione non è ancora stato scritto alcun punto di controllo della catena di audit.',
  generated: 'Generato il {date} da Pomelo.',
};
