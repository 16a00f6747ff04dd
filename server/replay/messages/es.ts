// Los textos generados para una ventana de replay, en español: el registro de actividades de
// tratamiento (valores legibles y Markdown), la cláusula informativa lista para pegar y el aviso que
// se muestra durante la grabación. Vocabulario de la AEPD para los términos normativos; «usted».
import type { ReplayMessageKey } from './en.js';

export const es: Record<ReplayMessageKey, string> = {
  document:
    'Registro de actividades de tratamiento — ventana de estudio con reproducción de sesiones',
  system: 'sistema',
  purposeUxDebugging: 'Corrección de problemas de usabilidad',
  purposeSupportInvestigation: 'Análisis de una solicitud de soporte',
  purposeQa: 'Control de calidad',
  purposeOther: 'Otra finalidad',
  purposeExcluded: 'nunca con fines de mercadotecnia, publicidad ni retargeting',
  legalBasis:
    'consentimiento del visitante, solicitado por el sitio antes de que empiece la grabación',
  hosting: 'alojamiento propio (Pomelo)',
  encryption: 'AES-256-GCM con una clave por ventana, destruida al final del plazo de conservación',
  transfersNone: 'ninguna: la base de datos funciona en el mismo equipo que ejecuta Pomelo',
  transfersRemote:
    'las grabaciones cifradas se almacenan en el servidor de base de datos {host} (gestionado por usted o por su proveedor de alojamiento); si se encuentra fuera de la UE/EEE, se trata de una transferencia que debe documentarse',
  recipients:
    'solo las personas autorizadas designadas nominalmente; ningún encargado del tratamiento ni terceros',
  reviewGate:
    'las propuestas de grabación se detienen en cuanto hay {gate} grabaciones sin revisar; solo una persona autorizada que haya reproducido una grabación puede marcarla como revisada',

  categoryStructure:
    'Estructura y maquetación de las páginas como instantáneas DOM enmascaradas (texto sustituido, salvo bajo los selectores de desenmascarado indicados aquí)',
  categoryInteractions:
    'Interacciones: movimientos del ratón, clics, desplazamiento, cambios de foco y tamaño de la ventana gráfica, con su cronología',
  categoryAddresses:
    'Direcciones de las páginas reducidas a origen + ruta (sin cadena de consulta ni fragmento)',
  categoryNever:
    'Nunca: los valores introducidos, la dirección IP, la cadena User-Agent, las cookies ni ningún identificador que vincule una grabación con una persona o con la medición de audiencia',

  floorServer:
    'El servidor vuelve a aplicar todas las reglas siguientes a cada fragmento antes de almacenarlo; se rechaza cualquier fragmento que no pueda leer.',
  floorText:
    'Todo el texto se sustituye por «{mask}» (longitud constante), salvo el texto situado bajo los selectores de desenmascarado indicados aquí, tal como el servidor los evalúa en la página grabada; el texto de los controles de formulario (input, textarea, select, option, button) se enmascara siempre.',
  floorInputs:
    'Todos los valores introducidos se sustituyen por «{mask}», incluidos los campos ocultos; no se graba el estado de las casillas de verificación ni de los botones de opción.',
  floorAttributes:
    'Solo se conservan los atributos de una lista autorizada ({attributes}); title, alt, placeholder, aria-*, data-* y value no se conservan nunca.',
  floorUrls:
    'Cada URL (enlaces, recursos, formularios, hojas de estilo, la dirección de la página) se reduce a origen + ruta: sin cadena de consulta, sin fragmento, sin parámetros de ruta (;jsessionid=…).',
  floorPages:
    'Cada dirección de página contenida en un fragmento se comprueba con las reglas de inclusión y exclusión y con la lista de exclusión integrada: un fragmento procedente de cualquier otra página se descarta y su grabación se detiene.',
  floorMedia: 'Los elementos multimedia y los marcos se graban como cajas vacías: {tags}.',
  floorSensitive:
    'Una página con un campo de contraseña, un autocomplete cc-*, current-password, new-password o one-time-code, o {marker} no se graba nunca; si uno de estos elementos aparece durante una grabación, la grabación se detiene y se elimina.',

  dpiaStatus:
    'prerrellenada por Pomelo a partir de la configuración de la ventana; debe completarla y firmarla el responsable del tratamiento',
  dpiaProcessing:
    'reproducción de sesiones de una muestra (como máximo el {percent, number} %) de las visitas con consentimiento a las páginas incluidas, con un máximo de {max, number} grabaciones',
  dpiaNecessityPurpose: 'una finalidad documentada y una fecha de fin fijada en la apertura',
  dpiaNecessityPages:
    'solo las páginas incluidas; nunca las páginas de inicio de sesión, de cuenta, de pago ni de contraseña',
  dpiaNecessityRetention:
    'plazo de conservación de {days, plural, one {# día} other {# días}} tras el fin y, después, borrado criptográfico',
  dpiaRiskData:
    'datos personales mostrados en una página que acaban en una grabación (medidas: enmascaramiento en el servidor, detector de datos personales, marcador testigo, cuarentena)',
  dpiaRiskViewer:
    'una persona autorizada visualiza grabaciones sin necesidad (medidas: personas autorizadas designadas nominalmente, un motivo declarado para cada reproducción, registro de auditoría)',
  dpiaRiskCopiesAllowed:
    'copias fuera de Pomelo (medida: descargas permitidas solo con un motivo registrado)',
  dpiaRiskCopiesOff: 'copias fuera de Pomelo (medida: descargas desactivadas)',
  dpiaRiskUnawareShown:
    'visitantes que no saben que se les graba (medidas: consentimiento; aviso en la página visible)',
  dpiaRiskUnawareHidden:
    'visitantes que no saben que se les graba (medidas: consentimiento; aviso en la página oculto: {reason})',
  dpiaResidualRisk: 'pendiente de evaluación por el responsable del tratamiento',

  privacyNotice:
    'Del {from} al {to}, y solo con su consentimiento, podemos grabar cómo se utilizan algunas páginas de {site} en una muestra de las visitas (como máximo el {percent, number} %), con fines de {purpose, select, ux_debugging {corrección de problemas de usabilidad} support_investigation {análisis de solicitudes de soporte} qa {control de calidad} other {otra índole}}{detail}. Todo lo que usted escribe y el texto que se muestra en las páginas se enmascaran antes de salir de su navegador; las páginas de inicio de sesión, de cuenta, de pago y de contraseña no se graban nunca. Las grabaciones se almacenan en nuestros propios servidores ({storage}), no se comparten con nadie, {viewers, plural, one {solo puede verlas # miembro designado} other {solo pueden verlas # miembros designados}} de nuestro equipo y se eliminan, a más tardar, {days, plural, one {# día} other {# días}} después del {to}. Puede negarse a dar su consentimiento o retirarlo en cualquier momento; si lo retira, se elimina su grabación.',

  noticeLabel: 'Grabación de la sesión',
  noticeRecorded: 'Esta visita se graba para mejorar este sitio',
  noticeRecordedUntil: 'Esta visita se graba para mejorar este sitio hasta el {date}',
  noticeStop: 'Detener y eliminar',
  noticeStopped: 'Grabación detenida; lo grabado se ha eliminado.',

  mdSite: 'Sitio: {site} · ventana {window} · generado el {at}',
  mdPurposeHeading: 'Finalidad',
  mdPurpose: 'Finalidad: {label}',
  mdTicket: 'Incidencia: {ticket}',
  mdNone: 'ninguno',
  mdExcludedPurposes: 'Finalidades excluidas: {text}',
  mdOwner: 'Responsable de la ventana: {owner}',
  mdLegalBasis: 'Base jurídica: {text}',
  mdPeriodHeading: 'Periodo',
  mdStart: 'Inicio: {at}',
  mdEnd: 'Fin: {at}',
  mdClosed: 'Cierre: {at} (estado: {state})',
  mdNotYet: 'todavía no',
  stateDraft: 'borrador',
  stateOpen: 'abierta',
  statePaused: 'en pausa',
  stateClosed: 'cerrada',
  statePurged: 'grabaciones eliminadas',
  mdPagesHeading: 'Páginas',
  mdWholeSite: 'Incluidas: TODO EL SITIO (elegido expresamente al abrir la ventana):',
  mdIncluded: 'Incluidas (al menos una regla debe coincidir):',
  mdExcluded: 'Excluidas:',
  mdNoneBeyondDenylist: 'ninguna además de la lista de exclusión integrada',
  mdDenylist:
    'Lista de exclusión integrada, aplicada siempre: cualquier segmento de ruta que contenga {segments}; cualquier URL con un parámetro con aspecto de token ({parameters}, o un valor largo de apariencia aleatoria).',
  mdMaskingHeading: 'Enmascaramiento',
  mdUnmask: 'Selectores de desenmascarado (solo texto):',
  mdSamplingHeading: 'Muestreo y límites',
  mdSampleRate: 'Tasa de muestreo: {percent, number} % de las visitas',
  mdCaps:
    'Como máximo {sessions, number} grabaciones en esta ventana, {minutes} minutos y {pages} páginas por grabación',
  mdRetentionHeading: 'Plazo de conservación, personas autorizadas, almacenamiento',
  mdRetention:
    'Plazo de conservación: {days, plural, one {# día} other {# días}} tras el fin; eliminación a más tardar el {at}',
  mdViewers: 'Personas autorizadas: {viewers}',
  mdStorage: 'Almacenamiento: {hosting}, {location}; {encryption}',
  mdDatabase: 'Base de datos: {engine}, {location}',
  mdTransfers: 'Transferencias: {text}',
  mdRecipients: 'Destinatarios: {text}: {list}',
  mdNobodyYet: 'nadie por ahora',
  mdCategoriesHeading: 'Categorías de datos',
  mdNoticeHeading: 'Aviso en la página, descargas y revisión',
  mdNoticeShown:
    'Aviso en la página: se muestra a cada visitante grabado («{text}»), con opción de detener y eliminar en un solo clic',
  mdNoticeHidden: 'Aviso en la página: oculto, por el siguiente motivo: {reason}',
  mdDownloadsAllowed:
    'Descargas en bruto: permitidas por el responsable de la ventana, cada una con un motivo declarado',
  mdDownloadsOff: 'Descargas en bruto: desactivadas',
  mdSignedOff: 'Validado por {by} el {at}: {note}',
  mdNotSignedOff: 'Validación por una segunda persona: no otorgada',
  mdReview: 'Revisión: {text}',
  mdDpiaHeading: 'Evaluación de impacto relativa a la protección de datos (EIPD, prerrellenada)',
  mdDpiaStatus: 'Estado: {text}',
  mdDpiaProcessing: 'Tratamiento: {text}',
  mdNecessity: 'Necesidad y proporcionalidad:',
  mdRisks: 'Riesgos y medidas:',
  mdResidualRisk: 'Riesgo residual: {text}',
  mdAuditHeading: 'Registro de auditoría',
  mdAuditColumns: '| fecha | autor | acción | detalle |',
  mdNoEntries: 'sin entradas',
  mdNoticeTextHeading: 'Cláusula informativa (lista para pegar)',
};
