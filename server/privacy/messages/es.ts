// El informe de privacidad en español (vocabulario de la AEPD para los términos normativos:
// «medición de audiencia», «finalidad», «plazo de conservación», «consentimiento»). Las condiciones
// comprobadas son las de la CNIL francesa, y así se dice.
import type { PrivacyMessageKey } from './en.js';

export const es: Record<PrivacyMessageKey, string> = {
  title: 'Qué conserva Pomelo sobre los visitantes de {site}',
  intro:
    'Este informe lo genera Pomelo, la herramienta de medición de audiencia de {site}, a partir de la configuración vigente el {date}. Describe qué se mide, qué no, durante cuánto tiempo se conserva y si la medición cumple las condiciones en las que la CNIL (la autoridad francesa de protección de datos) exime la medición de audiencia del consentimiento.',
  collectedHeading: 'Qué se mide',
  collectedCounters:
    'Totales diarios por página, sitio de procedencia, campaña (etiquetas UTM), país (deducido de la zona horaria del navegador, nunca de una dirección IP), tipo de dispositivo, familia de navegador y de sistema operativo, tamaño de pantalla y eventos personalizados: las visitas, páginas vistas, rebotes, tiempo en la página y profundidad de desplazamiento se suman a contadores; no se conserva ningún evento individual.',
  collectedHourly:
    'Totales por hora de las mismas cifras para el conjunto del sitio, para los gráficos de los últimos días.',
  collectedExcluded:
    '{count, plural, =0 {Ninguna ruta está excluida de la medición.} one {# patrón de ruta está excluido de la medición: las visitas correspondientes no se cuentan en absoluto.} other {# patrones de ruta están excluidos de la medición: las visitas correspondientes no se cuentan en absoluto.}}',
  notCollectedHeading: 'Qué no se recoge',
  notCollectedCookie:
    'Ninguna cookie, y nada se escribe en el equipo terminal del visitante (ni almacenamiento local, ni huella digital).',
  notCollectedIp: 'Ninguna dirección IP: no se conserva ni se utiliza para deducir una ubicación.',
  notCollectedId:
    'Ningún identificador de ningún tipo: ni identificador de visitante, ni identificador de sesión, ni hash de una dirección o de un navegador; las visitas se distinguen sin reconocer a nadie.',
  notCollectedUa:
    'Ninguna cadena User-Agent: solo se cuentan la familia de navegador y el tipo de dispositivo.',
  notCollectedCross:
    'Ningún seguimiento entre sitios: nada relaciona una visita a {site} con una visita a otro sitio.',
  gpcHonoured:
    'Los visitantes que envían la señal Global Privacy Control no se cuentan: el script no envía nada y el servidor descarta lo que se envíe de todos modos.',
  gpcIgnored:
    'La señal Global Privacy Control no se respeta en este sitio: los visitantes que la envían se cuentan como los demás.',
  retentionHeading: 'Plazo de conservación',
  retention:
    'Los contadores se conservan {months, plural, one {# mes} other {# meses}} y después los elimina la purga diaria.',
  cap: 'Cuando en un día hay más de {cap, number} valores distintos de un mismo tipo (páginas, por ejemplo), los siguientes se cuentan juntos como «(otros)».',
  exemptionHeading:
    'Exención del consentimiento: autoevaluación conforme a las condiciones de la CNIL',
  exemptionIntro:
    'La CNIL exime del consentimiento a las herramientas de medición de audiencia que cumplen las condiciones siguientes (deliberación 2020-091 y sus directrices). Esta comprobación se calcula a partir de la configuración anterior; no constituye asesoramiento jurídico.',
  checkOwnSite:
    'Finalidad limitada a la medición de audiencia de {site}, por cuenta propia: las estadísticas no se comunican ni se ceden a terceros.',
  checkAnonymous:
    'Solo estadísticas anónimas: contadores agregados, sin datos sobre ningún visitante concreto.',
  checkNoCross:
    'Ningún seguimiento entre sitios ni combinación con otros tratamientos: no hay ningún identificador que combinar.',
  checkNoDevice:
    'No se almacena nada en el equipo terminal del visitante, por lo que el límite de 13 meses de vida útil de los rastreadores no tiene a qué aplicarse.',
  checkRetentionOk:
    'Plazo de conservación de 25 meses como máximo: {months, plural, one {# mes} other {# meses}}.',
  checkRetentionTooLong:
    'Plazo de conservación de 25 meses como máximo: NO SE CUMPLE, los contadores se conservan {months} meses. Reduzca el plazo de conservación a 25 meses o menos.',
  checkObjectionOk: 'Derecho de oposición: se respeta la señal Global Privacy Control.',
  checkObjectionMissing:
    'Derecho de oposición: la señal Global Privacy Control se ignora; ofrezca a los visitantes otro medio de oponerse (un enlace en la política de privacidad).',
  verdictMet:
    'Se cumplen todas las condiciones: esta medición de audiencia puede funcionar sin recabar el consentimiento.',
  verdictNotMet:
    'Al menos una condición no se cumple: esta medición requiere el consentimiento de los visitantes mientras no se corrija.',
  pass: 'Se cumple',
  fail: 'No se cumple',
  warn: 'Por comprobar',
  replayHeading: 'Ventanas de estudio con reproducción de sesiones (últimos 25 meses)',
  replayNone: 'No se ha abierto ninguna ventana de estudio para {site} en los últimos 25 meses.',
  replayIntro:
    'Las ventanas de estudio graban cómo utilizan algunas páginas unos pocos visitantes que han dado su consentimiento, para corregir un problema de usabilidad. Se basan en el consentimiento, no en la exención anterior, y están limitadas en el tiempo y enmascaradas.',
  replayWindow:
    '{purpose}: del {from} al {to}, grabaciones conservadas {days, plural, one {# día} other {# días}} ({state}).',
  purposeUxDebugging: 'Corrección de problemas de usabilidad',
  purposeSupportInvestigation: 'Análisis de una solicitud de soporte',
  purposeQa: 'Control de calidad',
  purposeOther: 'Otra finalidad',
  stateOpen: 'abierta',
  statePaused: 'en pausa',
  stateClosed: 'cerrada',
  statePurged: 'cerrada, grabaciones eliminadas',
  storageHeading: 'Dónde se almacena',
  storage: 'En la instalación que ejecuta Pomelo para {site}, en una base de datos {engine}.',
  checkpointHeading: 'Integridad',
  checkpoint:
    'Generado en el punto de control {rows, number} de la cadena de auditoría (cabeza {head}, firmado el {date}): todo cambio anterior de la configuración consta en el registro de auditoría, en el que cualquier alteración es detectable.',
  checkpointNone:
    'Todavía no se ha escrito ningún punto de control de la cadena de auditoría en esta instalación.',
  generated: 'Generado el {date} por Pomelo.',
};
