// Pure: the exportable record of processing of one replay window, as JSON and Markdown, with a
// ready privacy-notice paragraph (issue 6 §9) — what a team pastes into its privacy documentation.
import { ATTRIBUTE_ALLOWLIST, BLOCKED_TAGS, MASK } from './event-filter';
import { BUILT_IN_DENYLIST, TOKEN_PARAM_NAMES } from './url-rules';
import { DEFAULT_SAFEGUARDS, REVIEW_GATE, type WindowSafeguards } from './safeguards';
import type { ReplayWindow } from './window';
import { coversWholeSite } from './window-options';
import { purgeDueAt } from './window-transitions';

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
}

/** What a recording holds (issue 12 §13): categories of data, none of them typed or identifying. */
export const DATA_CATEGORIES: readonly string[] = [
  'Page structure and layout as masked DOM snapshots (text replaced, except under the unmask selectors listed here)',
  'Interactions: mouse movements, clicks, scrolling, focus changes and viewport size, with their timing',
  'Page addresses cut to origin + path (no query string, no fragment)',
  'Never: typed input values, IP address, User-Agent string, cookies, or any identifier linking a recording to a person or to analytics',
]; // prettier-ignore

const PURPOSE_LABELS = {
  ux_debugging: 'UX debugging',
  support_investigation: 'Support investigation',
  qa: 'Quality assurance',
  other: 'Other',
} as const;

/**
 * What the recorder applies and the server enforces again on every chunk, whoever sent it,
 * whatever the window says (tracker/replay/masking.ts, event-filter.ts; server/replay/masking/).
 */
export const MASKING_FLOOR: readonly string[] = [
  'The server re-applies all of the following to every chunk before it is stored; a chunk it cannot read is refused.',
  `All text is replaced by "${MASK}" (constant length), except text under the unmask selectors listed here, as the server evaluates them on the recorded page; text inside form controls (input, textarea, select, option, button) is always masked.`,
  `All input values are replaced by "${MASK}", hidden inputs included; checkbox and radio states are not recorded.`,
  `Only allowlisted attributes are kept (${ATTRIBUTE_ALLOWLIST.filter((a) => !a.startsWith('rr_') && a !== '_cssText').join(', ')}); title, alt, placeholder, aria-*, data-* and value never are.`,
  'Every URL (links, sources, forms, stylesheets, the page address) is cut to origin + path: no query string, no fragment, no path parameter (;jsessionid=…).',
  'Every page address inside a chunk is checked against the include and exclude rules and the built-in denylist: a chunk from any other page is discarded and its recording stopped.',
  `Media and frames are recorded as empty boxes: ${BLOCKED_TAGS.join(', ')}.`,
  'A page with a password field, an autocomplete of cc-*, current-password, new-password or one-time-code, or <html data-replay="off"> is never recorded; if one appears during a recording, the recording stops and is deleted.',
]; // prettier-ignore

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

function person(id: string | null, people: Readonly<Record<string, string>>): string {
  if (id === null) return 'system';
  return people[id] ? `${people[id]} (${id})` : id;
}

export function buildRecordOfProcessingJson(opts: RecordOfProcessingOptions) {
  const w = opts.window;
  const people = opts.people ?? {};
  const safeguards = opts.safeguards ?? DEFAULT_SAFEGUARDS;
  return {
    document: 'Record of processing — session replay research window',
    generatedAt: iso(opts.generatedAt),
    site: opts.siteDomain,
    windowId: w.id,
    purpose: {
      code: w.purpose,
      label: PURPOSE_LABELS[w.purpose],
      description: w.purposeText,
      ticketUrl: w.ticketUrl,
      excluded: 'never marketing, advertising or retargeting',
    },
    owner: person(w.ownerId, people),
    period: {
      start: iso(w.startsAt),
      end: iso(w.endsAt),
      closedAt: iso(w.closedAt),
      state: w.state,
    },
    legalBasis: 'consent of the visitor, asked by the site before recording starts',
    urlRules: {
      /** An include rule covers every page of the site (an explicit choice at opening). */
      wholeSite: w.includeRules.some(coversWholeSite),
      include: w.includeRules,
      exclude: w.excludeRules,
      builtInDenylist: BUILT_IN_DENYLIST,
      tokenParameters: TOKEN_PARAM_NAMES,
    },
    masking: { floor: MASKING_FLOOR, unmaskSelectors: w.unmaskSelectors },
    sampleRate: w.sampleRate,
    caps: w.caps,
    retention: { daysAfterEnd: w.retentionDays, deleteBy: iso(purgeDueAt(w)) },
    viewers: w.viewerIds.map((id) => person(id, people)),
    dataCategories: DATA_CATEGORIES,
    storage: {
      hosting: 'self-hosted (Pomelo)',
      location: opts.storageLocation,
      database: opts.storage ?? null,
      encryption: 'AES-256-GCM with a key per window, destroyed when the retention ends',
    },
    transfers: transfers(opts.storage),
    recipients: 'the named viewers only; no processor, no third party',
    recipientList: w.viewerIds.map((id) => person(id, people)),
    onPageNotice: safeguards.noticeHiddenReason
      ? { shown: false, hiddenBecause: safeguards.noticeHiddenReason }
      : {
          shown: true,
          hiddenBecause: null,
          text: `This visit is recorded to improve this site until ${iso(w.endsAt)!.slice(0, 10)} — stop and delete`,
        },
    downloads: {
      allowed: safeguards.downloadsAllowed,
      made: opts.audit
        .filter((e) => e.action === 'replay.export')
        .map((e) => ({ at: iso(e.at), by: person(e.actor, people), ...exportDetail(e.detail) })),
    },
    signOff: safeguards.signOff
      ? {
          by: person(safeguards.signOff.by, people),
          at: iso(safeguards.signOff.at),
          note: safeguards.signOff.note,
        }
      : null,
    reviewGate: `offers stop once ${REVIEW_GATE} recordings are unreviewed; only a viewer who played a recording can mark it reviewed`,
    dpia: dpia(w, safeguards),
    auditTrail: opts.audit.map((e) => ({
      at: iso(e.at),
      actor: person(e.actor, people),
      action: e.action,
      detail: e.detail ?? null,
    })),
    privacyNotice: privacyNotice(opts),
  };
}

export type RecordOfProcessing = ReturnType<typeof buildRecordOfProcessingJson>;

const LOCAL = new Set(['localhost', '127.0.0.1', '::1', '[::1]', '']);

/** Pure: a database on another host is where the recordings go; on this machine there is none. */
export function remoteHostOf(engine: StorageFacts['engine'], host: string): string | null {
  return engine === 'SQLite' || LOCAL.has(host) || host.startsWith('/') ? null : host;
}

function transfers(storage: StorageFacts | undefined): string {
  if (!storage || storage.remoteHost === null) {
    return 'none: the database runs on the machine that runs Pomelo';
  }
  return (
    `the encrypted recordings are stored on the database server ${storage.remoteHost} ` +
    '(operated by you or your host); if it is outside the EU/EEA, that is a transfer to document'
  );
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
function dpia(w: ReplayWindow, safeguards: WindowSafeguards) {
  return {
    status: 'pre-filled by Pomelo from the window settings; to be completed and signed by the controller',
    processing: `session replay of a sample (at most ${Math.round(w.sampleRate * 1000) / 10} %) of consenting visits to the included pages, at most ${w.caps.maxSessions} recordings`,
    necessity: [
      'a documented purpose and an end time fixed at opening',
      'only the included pages; login, account, payment and password pages never',
      `retention of ${w.retentionDays} days after the end, then crypto-shredded`,
    ],
    risks: [
      'personal data shown on a page reaching a recording (mitigated: server-side masking, PII scanner, canary, quarantine)',
      'a viewer watching without need (mitigated: named viewers, a stated reason for every play, audit log)',
      'copies outside Pomelo (mitigated: downloads ' + (safeguards.downloadsAllowed ? 'allowed only with an audited reason' : 'off') + ')',
      'visitors unaware of the recording (mitigated: consent; on-page notice ' + (safeguards.noticeHiddenReason ? `hidden: ${safeguards.noticeHiddenReason}` : 'shown') + ')',
    ],
    residualRisk: 'to be assessed by the controller',
  };
} // prettier-ignore

function privacyNotice(opts: RecordOfProcessingOptions): { en: string; fr: string } {
  const w = opts.window;
  const percent = `${Math.round(w.sampleRate * 100)}`;
  const from = iso(w.startsAt)!.slice(0, 10);
  const to = iso(w.endsAt)!.slice(0, 10);
  const label = PURPOSE_LABELS[w.purpose].toLowerCase();
  return {
    en:
      `From ${from} to ${to}, with your consent only, we may record how a sample of visits (at most ${percent} %) ` +
      `to some pages of ${opts.siteDomain} is used, for ${label}${w.purposeText ? ` (${w.purposeText})` : ''}. ` +
      'Everything you type and the text shown on the pages are masked before anything leaves your browser; ' +
      'login, account, payment and password pages are never recorded. Recordings are stored on our own servers ' +
      `(${opts.storageLocation}), are not shared with anyone, are viewed only by ${w.viewerIds.length} named ` +
      `member(s) of our team, and are deleted at the latest ${w.retentionDays} days after ${to}. ` +
      'You can refuse or withdraw your consent at any time; withdrawing it deletes your recording.',
    fr:
      `Du ${from} au ${to}, uniquement avec votre consentement, nous pouvons enregistrer la façon dont une partie ` +
      `des visites (au plus ${percent} %) utilise certaines pages de ${opts.siteDomain}, à des fins de ${label}` +
      `${w.purposeText ? ` (${w.purposeText})` : ''}. Tout ce que vous saisissez et le texte affiché sont masqués ` +
      'avant de quitter votre navigateur ; les pages de connexion, de compte, de paiement et de mot de passe ne sont jamais ' +
      `enregistrées. Les enregistrements sont conservés sur nos propres serveurs (${opts.storageLocation}), ne sont ` +
      `partagés avec personne, ne sont consultés que par ${w.viewerIds.length} membre(s) nommé(s) de notre équipe et ` +
      `sont supprimés au plus tard ${w.retentionDays} jours après le ${to}. Vous pouvez refuser ou retirer votre ` +
      'consentement à tout moment ; le retirer supprime votre enregistrement.',
  };
}

/** Escapes text from users (purpose, audit details …) for Markdown: one line, no markup, no HTML. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/([\\`*_[\]<>|#])/g, '\\$1');
}

const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;
const bullets = (items: readonly string[], empty: string) =>
  items.length === 0 ? `- ${empty}` : items.map((i) => `- ${i}`).join('\n');

export function renderRecordOfProcessingMarkdown(r: RecordOfProcessing): string {
  const esc = escapeMarkdown;
  const audit = r.auditTrail.map(
    (e) => `| ${e.at} | ${esc(e.actor)} | ${esc(e.action)} | ${esc(e.detail ?? '')} |`,
  );
  return [
    `# ${r.document}`,
    '',
    `Site: ${esc(r.site)} · window ${code(r.windowId)} · generated ${r.generatedAt}`,
    '',
    '## Purpose',
    `- Purpose: ${r.purpose.label}${r.purpose.description ? ` — ${esc(r.purpose.description)}` : ''}`,
    `- Ticket: ${r.purpose.ticketUrl ? esc(r.purpose.ticketUrl) : 'none'}`,
    `- Excluded purposes: ${r.purpose.excluded}`,
    `- Owner: ${esc(r.owner)}`,
    `- Legal basis: ${r.legalBasis}`,
    '',
    '## Period',
    `- Start: ${r.period.start}`,
    `- End: ${r.period.end}`,
    `- Closed: ${r.period.closedAt ?? 'not yet'} (state: ${r.period.state})`,
    '',
    '## Pages',
    r.urlRules.wholeSite
      ? 'Included: THE WHOLE SITE (chosen explicitly when the window opened):'
      : 'Included (at least one must match):',
    bullets(r.urlRules.include.map(code), 'none'),
    'Excluded:',
    bullets(r.urlRules.exclude.map(code), 'none beyond the built-in denylist'),
    `Built-in denylist, always applied: any path segment containing ${r.urlRules.builtInDenylist.map(code).join(', ')}; any URL with a token-like parameter (${r.urlRules.tokenParameters.map(code).join(', ')}, or a long random-looking value).`,
    '',
    '## Masking',
    bullets(r.masking.floor.map(esc), ''),
    'Unmask selectors (text only):',
    bullets(r.masking.unmaskSelectors.map(code), 'none'),
    '',
    '## Sampling and caps',
    `- Sample rate: ${Math.round(r.sampleRate * 1000) / 10} % of visits`,
    `- At most ${r.caps.maxSessions} recordings in this window, ${r.caps.maxMinutesPerRecording} minutes and ${r.caps.maxPagesPerRecording} pages per recording`,
    '',
    '## Retention, viewers, storage',
    `- Retention: ${r.retention.daysAfterEnd} days after the end; deleted by ${r.retention.deleteBy}`,
    `- Viewers: ${r.viewers.map(esc).join(', ')}`,
    `- Storage: ${r.storage.hosting}, ${esc(r.storage.location)}; ${r.storage.encryption}`,
    ...(r.storage.database
      ? [`- Database: ${r.storage.database.engine}, ${code(r.storage.database.location)}`]
      : []),
    `- Transfers: ${esc(r.transfers)}`,
    `- Recipients: ${r.recipients}: ${r.recipientList.map(esc).join(', ') || 'nobody yet'}`,
    '',
    '## Data categories',
    bullets(r.dataCategories.map(esc), ''),
    '',
    '## On-page notice, downloads and review',
    r.onPageNotice.shown
      ? `- On-page notice: shown to every recorded visitor ("${esc(r.onPageNotice.text ?? '')}"), with a one-click stop and delete`
      : `- On-page notice: hidden, because: ${esc(r.onPageNotice.hiddenBecause ?? '')}`,
    `- Raw downloads: ${r.downloads.allowed ? 'allowed by the window owner, each with a stated reason' : 'off'}`,
    ...r.downloads.made.map(
      (d) => `  - ${d.at} ${esc(d.by)}: ${code(d.recording ?? '?')} — ${esc(d.reason ?? '')}`,
    ),
    r.signOff
      ? `- Signed off by ${esc(r.signOff.by)} on ${r.signOff.at}: ${esc(r.signOff.note)}`
      : '- Sign-off by a second person: not given',
    `- Review: ${r.reviewGate}`,
    '',
    '## DPIA (pre-filled)',
    `- Status: ${r.dpia.status}`,
    `- Processing: ${esc(r.dpia.processing)}`,
    'Necessity and proportionality:',
    bullets(r.dpia.necessity.map(esc), ''),
    'Risks and measures:',
    bullets(r.dpia.risks.map(esc), ''),
    `- Residual risk: ${r.dpia.residualRisk}`,
    '',
    '## Audit trail',
    '| time | actor | action | detail |',
    '|---|---|---|---|',
    ...(audit.length > 0 ? audit : ['| — | — | no entries | — |']),
    '',
    '## Privacy notice (ready to paste)',
    '',
    esc(r.privacyNotice.en),
    '',
    esc(r.privacyNotice.fr),
    '',
  ].join('\n');
}

export function buildRecordOfProcessing(opts: RecordOfProcessingOptions): {
  json: RecordOfProcessing;
  markdown: string;
} {
  const json = buildRecordOfProcessingJson(opts);
  return { json, markdown: renderRecordOfProcessingMarkdown(json) };
}
