// Pure: the exportable record of processing of one replay window, as JSON and Markdown, with a
// ready privacy-notice paragraph (issue 6 §9) — what a team pastes into its privacy documentation.
// Written in the site's language from catalogs (messages/): the JSON's keys stay English, its
// human-readable values, the Markdown's headings and labels are translated (issue 16 §3).
import { defaultLocale, locales, type Locale } from '../i18n/locale';
import { translator, type Catalog, type Translate } from '../i18n/translate';
import { ATTRIBUTE_ALLOWLIST, BLOCKED_TAGS, MASK } from './event-filter';
import { BUILT_IN_DENYLIST, TOKEN_PARAM_NAMES } from './url-rules';
import { DEFAULT_SAFEGUARDS, REVIEW_GATE, type WindowSafeguards } from './safeguards';
import type { ReplayWindow, WindowState } from './window';
import { coversWholeSite } from './window-options';
import { purgeDueAt } from './window-transitions';
import { en, type ReplayMessageKey } from './messages/en';
import { de } from './messages/de';
import { fr } from './messages/fr';
import { es } from './messages/es';
import { it } from './messages/it';
import { nl } from './messages/nl';
import { pt } from './messages/pt';

/** Where the recordings really are, read from the running configuration (server/store/open.ts). */
export interface StorageFacts {
  engine: 'SQLite' | 'PostgreSQL';
  /** The SQLite file, or the PostgreSQL host:port/database (never a password). */
  location: string;
  /** Null when the database runs on the machine that runs Pomelo; else that database's host. */
  remoteHost: string | null;
}

export interface AuditEntry {
  at: number;
  actor: string | null;
  action: string;
  detail?: string | null;
}

export interface RecordOfProcessingOptions {
  window: ReplayWindow;
  siteDomain: string;
  /** Where the recordings are stored, in words ("PostgreSQL on our server in Paris, France"). */
  storageLocation: string;
  audit: readonly AuditEntry[];
  generatedAt: number;
  /** Display names for user ids (owner, viewers, audit actors); ids are shown when missing. */
  people?: Readonly<Record<string, string>>;
  /** The running configuration's database; without it transfers are stated as "none". */
  storage?: StorageFacts;
  /** Downloads and on-page notice settings of the window (defaults when absent). */
  safeguards?: WindowSafeguards;
  /** The document's language (the site's setting, or `?lang=`); English when absent. */
  language?: Locale;
}

/** The replay family's catalogs: every language the record and the notices are written in. */
export const replayCatalogs: { en: Catalog<ReplayMessageKey> } & Partial<
  Record<Locale, Catalog<ReplayMessageKey>>
> = { en, fr, de, es, it, nl, pt };

type T = Translate<ReplayMessageKey>;

/** What a recording holds (issue 12 §13): categories of data, none of them typed or identifying. */
function dataCategories(t: T): string[] {
  return [t('categoryStructure'), t('categoryInteractions'), t('categoryAddresses'), t('categoryNever')];
} // prettier-ignore

const PURPOSE_KEYS = {
  ux_debugging: 'purposeUxDebugging',
  support_investigation: 'purposeSupportInvestigation',
  qa: 'purposeQa',
  other: 'purposeOther',
} as const satisfies Record<ReplayWindow['purpose'], ReplayMessageKey>;

const STATE_KEYS = {
  draft: 'stateDraft',
  open: 'stateOpen',
  paused: 'statePaused',
  closed: 'stateClosed',
  purged: 'statePurged',
} as const satisfies Record<WindowState, ReplayMessageKey>;

/**
 * What the recorder applies and the server enforces again on every chunk, whoever sent it,
 * whatever the window says (tracker/replay/masking.ts, event-filter.ts; server/replay/masking/).
 */
function maskingFloor(t: T): string[] {
  return [
    t('floorServer'),
    t('floorText', { mask: MASK }),
    t('floorInputs', { mask: MASK }),
    t('floorAttributes', { attributes: ATTRIBUTE_ALLOWLIST.filter((a) => !a.startsWith('rr_') && a !== '_cssText').join(', ') }),
    t('floorUrls'),
    t('floorPages'),
    t('floorMedia', { tags: BLOCKED_TAGS.join(', ') }),
    t('floorSensitive', { marker: '<html data-replay="off">' }),
  ];
} // prettier-ignore

const english = translator(replayCatalogs, 'en');
/** The data categories in English (the JSON record's `dataCategories` in the document's language). */
export const DATA_CATEGORIES: readonly string[] = dataCategories(english);
/** The masking floor in English (the JSON record's `masking.floor` in the document's language). */
export const MASKING_FLOOR: readonly string[] = maskingFloor(english);

/** The languages the replay texts are written in: those with a catalog, English first. */
export function replayLanguages(): Locale[] {
  return locales.filter((l) => replayCatalogs[l] !== undefined);
}

export interface OnPageNoticeText {
  lang: Locale;
  label: string;
  recorded: string;
  recordedUntil: string;
  stop: string;
  stopped: string;
}

/**
 * The recorder's on-page notice in one language (sent with the start answer; the module shows it
 * as text). `recordedUntil` keeps a literal `{date}` the recorder fills with the end date.
 */
export function onPageNoticeText(lang: Locale): OnPageNoticeText {
  const t = translator(replayCatalogs, lang);
  return {
    lang,
    label: t('noticeLabel'),
    recorded: t('noticeRecorded'),
    recordedUntil: t('noticeRecordedUntil', { date: '{date}' }),
    stop: t('noticeStop'),
    stopped: t('noticeStopped'),
  };
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

function person(id: string | null, people: Readonly<Record<string, string>>, t: T): string {
  if (id === null) return t('system');
  return people[id] ? `${people[id]} (${id})` : id;
}

export function buildRecordOfProcessingJson(opts: RecordOfProcessingOptions) {
  const w = opts.window;
  const t = translator(replayCatalogs, opts.language ?? defaultLocale);
  const people = opts.people ?? {};
  const who = (id: string | null) => person(id, people, t);
  const safeguards = opts.safeguards ?? DEFAULT_SAFEGUARDS;
  return {
    document: t('document'),
    generatedAt: iso(opts.generatedAt),
    site: opts.siteDomain,
    windowId: w.id,
    purpose: {
      code: w.purpose,
      label: t(PURPOSE_KEYS[w.purpose]),
      description: w.purposeText,
      ticketUrl: w.ticketUrl,
      excluded: t('purposeExcluded'),
    },
    owner: who(w.ownerId),
    period: {
      start: iso(w.startsAt),
      end: iso(w.endsAt),
      closedAt: iso(w.closedAt),
      state: w.state,
    },
    legalBasis: t('legalBasis'),
    urlRules: {
      /** An include rule covers every page of the site (an explicit choice at opening). */
      wholeSite: w.includeRules.some(coversWholeSite),
      include: w.includeRules,
      exclude: w.excludeRules,
      builtInDenylist: BUILT_IN_DENYLIST,
      tokenParameters: TOKEN_PARAM_NAMES,
    },
    masking: { floor: maskingFloor(t), unmaskSelectors: w.unmaskSelectors },
    sampleRate: w.sampleRate,
    caps: w.caps,
    retention: { daysAfterEnd: w.retentionDays, deleteBy: iso(purgeDueAt(w)) },
    viewers: w.viewerIds.map(who),
    dataCategories: dataCategories(t),
    storage: {
      hosting: t('hosting'),
      location: opts.storageLocation,
      database: opts.storage ?? null,
      encryption: t('encryption'),
    },
    transfers: transfers(opts.storage, t),
    recipients: t('recipients'),
    recipientList: w.viewerIds.map(who),
    onPageNotice: safeguards.noticeHiddenReason
      ? { shown: false, hiddenBecause: safeguards.noticeHiddenReason }
      : {
          shown: true,
          hiddenBecause: null,
          text: `${t('noticeRecordedUntil', { date: iso(w.endsAt)!.slice(0, 10) })} — ${t('noticeStop')}`,
        },
    downloads: {
      allowed: safeguards.downloadsAllowed,
      made: opts.audit
        .filter((e) => e.action === 'replay.export')
        .map((e) => ({ at: iso(e.at), by: who(e.actor), ...exportDetail(e.detail) })),
    },
    signOff: safeguards.signOff
      ? {
          by: who(safeguards.signOff.by),
          at: iso(safeguards.signOff.at),
          note: safeguards.signOff.note,
        }
      : null,
    reviewGate: t('reviewGate', { gate: REVIEW_GATE }),
    dpia: dpia(w, safeguards, t),
    auditTrail: opts.audit.map((e) => ({
      at: iso(e.at),
      actor: who(e.actor),
      action: e.action,
      detail: e.detail ?? null,
    })),
    privacyNotice: privacyNotices(opts),
  };
}

export type RecordOfProcessing = ReturnType<typeof buildRecordOfProcessingJson>;

const LOCAL = new Set(['localhost', '127.0.0.1', '::1', '[::1]', '']);

/** Pure: a database on another host is where the recordings go; on this machine there is none. */
export function remoteHostOf(engine: StorageFacts['engine'], host: string): string | null {
  return engine === 'SQLite' || LOCAL.has(host) || host.startsWith('/') ? null : host;
}

function transfers(storage: StorageFacts | undefined, t: T): string {
  if (!storage || storage.remoteHost === null) return t('transfersNone');
  return t('transfersRemote', { host: storage.remoteHost });
}

function exportDetail(detail: string | null | undefined): {
  recording: string | null;
  reason: string | null;
} {
  try {
    const d = JSON.parse(detail ?? '{}') as { recording?: unknown; reason?: unknown };
    return {
      recording: typeof d.recording === 'string' ? d.recording : null,
      reason: typeof d.reason === 'string' ? d.reason : null,
    };
  } catch {
    return { recording: null, reason: null };
  }
}

/** A pre-filled data protection impact assessment: the facts Pomelo knows, for the DPO to finish. */
function dpia(w: ReplayWindow, safeguards: WindowSafeguards, t: T) {
  const reason = safeguards.noticeHiddenReason;
  return {
    status: t('dpiaStatus'),
    processing: t('dpiaProcessing', {
      percent: Math.round(w.sampleRate * 1000) / 10,
      max: w.caps.maxSessions,
    }),
    necessity: [
      t('dpiaNecessityPurpose'),
      t('dpiaNecessityPages'),
      t('dpiaNecessityRetention', { days: w.retentionDays }),
    ],
    risks: [
      t('dpiaRiskData'),
      t('dpiaRiskViewer'),
      t(safeguards.downloadsAllowed ? 'dpiaRiskCopiesAllowed' : 'dpiaRiskCopiesOff'),
      reason ? t('dpiaRiskUnawareHidden', { reason }) : t('dpiaRiskUnawareShown'),
    ],
    residualRisk: t('dpiaResidualRisk'),
  };
}

/** The ready-to-paste privacy notice in every language with a catalog (`en`, `fr`, …). */
function privacyNotices(opts: RecordOfProcessingOptions): { en: string } & Partial<Record<Locale, string>> {
  const w = opts.window;
  const values = {
    from: iso(w.startsAt)!.slice(0, 10),
    to: iso(w.endsAt)!.slice(0, 10),
    percent: Math.round(w.sampleRate * 100),
    site: opts.siteDomain,
    purpose: w.purpose,
    detail: w.purposeText ? ` (${w.purposeText})` : '',
    storage: opts.storageLocation,
    viewers: w.viewerIds.length,
    days: w.retentionDays,
  };
  const notices: Partial<Record<Locale, string>> = {};
  for (const lang of replayLanguages()) {
    notices[lang] = translator(replayCatalogs, lang)('privacyNotice', values);
  }
  return { en: notices.en!, ...notices };
} // prettier-ignore

/** Escapes text from users (purpose, audit details …) for Markdown: one line, no markup, no HTML. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/([\\`*_[\]<>|#])/g, '\\$1');
}

const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;
const bullets = (items: readonly string[], empty: string) =>
  items.length === 0 ? `- ${empty}` : items.map((i) => `- ${i}`).join('\n');

/** The record as Markdown, its headings and labels in `lang` (the JSON's values come translated). */
export function renderRecordOfProcessingMarkdown(
  r: RecordOfProcessing,
  lang: Locale = defaultLocale,
): string {
  const t = translator(replayCatalogs, lang);
  const esc = escapeMarkdown;
  const audit = r.auditTrail.map(
    (e) => `| ${e.at} | ${esc(e.actor)} | ${esc(e.action)} | ${esc(e.detail ?? '')} |`,
  );
  const description = r.purpose.description ? ` — ${esc(r.purpose.description)}` : '';
  const notices = [lang, ...replayLanguages().filter((l) => l !== lang)]
    .map((l) => r.privacyNotice[l])
    .filter((text): text is string => text !== undefined);
  return [
    `# ${r.document}`,
    '',
    t('mdSite', { site: esc(r.site), window: code(r.windowId), at: r.generatedAt ?? '' }),
    '',
    `## ${t('mdPurposeHeading')}`,
    `- ${t('mdPurpose', { label: r.purpose.label })}${description}`,
    `- ${t('mdTicket', { ticket: r.purpose.ticketUrl ? esc(r.purpose.ticketUrl) : t('mdNone') })}`,
    `- ${t('mdExcludedPurposes', { text: r.purpose.excluded })}`,
    `- ${t('mdOwner', { owner: esc(r.owner) })}`,
    `- ${t('mdLegalBasis', { text: r.legalBasis })}`,
    '',
    `## ${t('mdPeriodHeading')}`,
    `- ${t('mdStart', { at: r.period.start ?? '' })}`,
    `- ${t('mdEnd', { at: r.period.end ?? '' })}`,
    `- ${t('mdClosed', { at: r.period.closedAt ?? t('mdNotYet'), state: t(STATE_KEYS[r.period.state]) })}`,
    '',
    `## ${t('mdPagesHeading')}`,
    r.urlRules.wholeSite ? t('mdWholeSite') : t('mdIncluded'),
    bullets(r.urlRules.include.map(code), t('mdNone')),
    t('mdExcluded'),
    bullets(r.urlRules.exclude.map(code), t('mdNoneBeyondDenylist')),
    t('mdDenylist', {
      segments: r.urlRules.builtInDenylist.map(code).join(', '),
      parameters: r.urlRules.tokenParameters.map(code).join(', '),
    }),
    '',
    `## ${t('mdMaskingHeading')}`,
    bullets(r.masking.floor.map(esc), ''),
    t('mdUnmask'),
    bullets(r.masking.unmaskSelectors.map(code), t('mdNone')),
    '',
    `## ${t('mdSamplingHeading')}`,
    `- ${t('mdSampleRate', { percent: Math.round(r.sampleRate * 1000) / 10 })}`,
    `- ${t('mdCaps', { sessions: r.caps.maxSessions, minutes: r.caps.maxMinutesPerRecording, pages: r.caps.maxPagesPerRecording })}`,
    '',
    `## ${t('mdRetentionHeading')}`,
    `- ${t('mdRetention', { days: r.retention.daysAfterEnd, at: r.retention.deleteBy ?? '' })}`,
    `- ${t('mdViewers', { viewers: r.viewers.map(esc).join(', ') })}`,
    `- ${t('mdStorage', { hosting: r.storage.hosting, location: esc(r.storage.location), encryption: r.storage.encryption })}`,
    ...(r.storage.database
      ? [`- ${t('mdDatabase', { engine: r.storage.database.engine, location: code(r.storage.database.location) })}`]
      : []),
    `- ${t('mdTransfers', { text: esc(r.transfers) })}`,
    `- ${t('mdRecipients', { text: r.recipients, list: r.recipientList.map(esc).join(', ') || t('mdNobodyYet') })}`,
    '',
    `## ${t('mdCategoriesHeading')}`,
    bullets(r.dataCategories.map(esc), ''),
    '',
    `## ${t('mdNoticeHeading')}`,
    r.onPageNotice.shown
      ? `- ${t('mdNoticeShown', { text: esc(r.onPageNotice.text ?? '') })}`
      : `- ${t('mdNoticeHidden', { reason: esc(r.onPageNotice.hiddenBecause ?? '') })}`,
    `- ${t(r.downloads.allowed ? 'mdDownloadsAllowed' : 'mdDownloadsOff')}`,
    ...r.downloads.made.map(
      (d) => `  - ${d.at} ${esc(d.by)}: ${code(d.recording ?? '?')} — ${esc(d.reason ?? '')}`,
    ),
    r.signOff
      ? `- ${t('mdSignedOff', { by: esc(r.signOff.by), at: r.signOff.at ?? '', note: esc(r.signOff.note) })}`
      : `- ${t('mdNotSignedOff')}`,
    `- ${t('mdReview', { text: r.reviewGate })}`,
    '',
    `## ${t('mdDpiaHeading')}`,
    `- ${t('mdDpiaStatus', { text: r.dpia.status })}`,
    `- ${t('mdDpiaProcessing', { text: esc(r.dpia.processing) })}`,
    t('mdNecessity'),
    bullets(r.dpia.necessity.map(esc), ''),
    t('mdRisks'),
    bullets(r.dpia.risks.map(esc), ''),
    `- ${t('mdResidualRisk', { text: r.dpia.residualRisk })}`,
    '',
    `## ${t('mdAuditHeading')}`,
    t('mdAuditColumns'),
    '|---|---|---|---|',
    ...(audit.length > 0 ? audit : [`| — | — | ${t('mdNoEntries')} | — |`]),
    '',
    `## ${t('mdNoticeTextHeading')}`,
    '',
    ...notices.flatMap((text) => [esc(text), '']),
  ].join('\n');
} // prettier-ignore

export function buildRecordOfProcessing(opts: RecordOfProcessingOptions): {
  json: RecordOfProcessing;
  markdown: string;
} {
  const json = buildRecordOfProcessingJson(opts);
  return { json, markdown: renderRecordOfProcessingMarkdown(json, opts.language ?? defaultLocale) };
}
