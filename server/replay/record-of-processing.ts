// Pure: the exportable record of processing of one replay window, as JSON and Markdown, with a
// ready privacy-notice paragraph (issue 6 §9) — what a team pastes into its privacy documentation.
import { ATTRIBUTE_ALLOWLIST, BLOCKED_TAGS, MASK } from './event-filter';
import { BUILT_IN_DENYLIST, TOKEN_PARAM_NAMES } from './url-rules';
import type { ReplayWindow } from './window';
import { coversWholeSite } from './window-options';
import { purgeDueAt } from './window-transitions';

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
}

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
    storage: {
      hosting: 'self-hosted (Pomelo)',
      location: opts.storageLocation,
      encryption: 'AES-256-GCM with a key per window, destroyed when the retention ends',
    },
    transfers: 'none',
    recipients: 'the named viewers only; no processor, no third party',
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
    `- Transfers: ${r.transfers}`,
    `- Recipients: ${r.recipients}`,
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
