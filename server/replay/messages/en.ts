// The replay window's generated texts in English: the record of processing (its human-readable
// values and its Markdown), the ready-to-paste privacy notice and the recorder's on-page notice.
// The source of every key (fr.ts and the others must match it). Machine-readable keys of the JSON
// record stay English whatever the language; only these texts change.
export const en = {
  document: 'Record of processing — session replay research window',
  system: 'system',
  purposeUxDebugging: 'UX debugging',
  purposeSupportInvestigation: 'Support investigation',
  purposeQa: 'Quality assurance',
  purposeOther: 'Other',
  purposeExcluded: 'never marketing, advertising or retargeting',
  legalBasis: 'consent of the visitor, asked by the site before recording starts',
  hosting: 'self-hosted (Pomelo)',
  encryption: 'AES-256-GCM with a key per window, destroyed when the retention ends',
  transfersNone: 'none: the database runs on the machine that runs Pomelo',
  transfersRemote:
    'the encrypted recordings are stored on the database server {host} (operated by you or your host); if it is outside the EU/EEA, that is a transfer to document',
  recipients: 'the named viewers only; no processor, no third party',
  reviewGate:
    'offers stop once {gate} recordings are unreviewed; only a viewer who played a recording can mark it reviewed',

  categoryStructure:
    'Page structure and layout as masked DOM snapshots (text replaced, except under the unmask selectors listed here)',
  categoryInteractions:
    'Interactions: mouse movements, clicks, scrolling, focus changes and viewport size, with their timing',
  categoryAddresses: 'Page addresses cut to origin + path (no query string, no fragment)',
  categoryNever:
    'Never: typed input values, IP address, User-Agent string, cookies, or any identifier linking a recording to a person or to analytics',

  floorServer:
    'The server re-applies all of the following to every chunk before it is stored; a chunk it cannot read is refused.',
  floorText:
    'All text is replaced by "{mask}" (constant length), except text under the unmask selectors listed here, as the server evaluates them on the recorded page; text inside form controls (input, textarea, select, option, button) is always masked.',
  floorInputs:
    'All input values are replaced by "{mask}", hidden inputs included; checkbox and radio states are not recorded.',
  floorAttributes:
    'Only allowlisted attributes are kept ({attributes}); title, alt, placeholder, aria-*, data-* and value never are.',
  floorUrls:
    'Every URL (links, sources, forms, stylesheets, the page address) is cut to origin + path: no query string, no fragment, no path parameter (;jsessionid=…).',
  floorPages:
    'Every page address inside a chunk is checked against the include and exclude rules and the built-in denylist: a chunk from any other page is discarded and its recording stopped.',
  floorMedia: 'Media and frames are recorded as empty boxes: {tags}.',
  floorSensitive:
    'A page with a password field, an autocomplete of cc-*, current-password, new-password or one-time-code, or {marker} is never recorded; if one appears during a recording, the recording stops and is deleted.',

  dpiaStatus:
    'pre-filled by Pomelo from the window settings; to be completed and signed by the controller',
  dpiaProcessing:
    'session replay of a sample (at most {percent, number} %) of consenting visits to the included pages, at most {max, number} recordings',
  dpiaNecessityPurpose: 'a documented purpose and an end time fixed at opening',
  dpiaNecessityPages: 'only the included pages; login, account, payment and password pages never',
  dpiaNecessityRetention:
    'retention of {days, plural, one {# day} other {# days}} after the end, then crypto-shredded',
  dpiaRiskData:
    'personal data shown on a page reaching a recording (mitigated: server-side masking, PII scanner, canary, quarantine)',
  dpiaRiskViewer:
    'a viewer watching without need (mitigated: named viewers, a stated reason for every play, audit log)',
  dpiaRiskCopiesAllowed:
    'copies outside Pomelo (mitigated: downloads allowed only with an audited reason)',
  dpiaRiskCopiesOff: 'copies outside Pomelo (mitigated: downloads off)',
  dpiaRiskUnawareShown:
    'visitors unaware of the recording (mitigated: consent; on-page notice shown)',
  dpiaRiskUnawareHidden:
    'visitors unaware of the recording (mitigated: consent; on-page notice hidden: {reason})',
  dpiaResidualRisk: 'to be assessed by the controller',

  privacyNotice:
    'From {from} to {to}, with your consent only, we may record how a sample of visits (at most {percent, number} %) to some pages of {site} is used, for {purpose, select, ux_debugging {UX debugging} support_investigation {support investigation} qa {quality assurance} other {other purposes}}{detail}. Everything you type and the text shown on the pages are masked before anything leaves your browser; login, account, payment and password pages are never recorded. Recordings are stored on our own servers ({storage}), are not shared with anyone, are viewed only by {viewers, plural, one {# named member} other {# named members}} of our team, and are deleted at the latest {days, plural, one {# day} other {# days}} after {to}. You can refuse or withdraw your consent at any time; withdrawing it deletes your recording.',

  noticeLabel: 'Session recording',
  noticeRecorded: 'This visit is recorded to improve this site',
  noticeRecordedUntil: 'This visit is recorded to improve this site until {date}',
  noticeStop: 'Stop and delete',
  noticeStopped: 'Recording stopped; what was recorded is deleted.',

  mdSite: 'Site: {site} · window {window} · generated {at}',
  mdPurposeHeading: 'Purpose',
  mdPurpose: 'Purpose: {label}',
  mdTicket: 'Ticket: {ticket}',
  mdNone: 'none',
  mdExcludedPurposes: 'Excluded purposes: {text}',
  mdOwner: 'Owner: {owner}',
  mdLegalBasis: 'Legal basis: {text}',
  mdPeriodHeading: 'Period',
  mdStart: 'Start: {at}',
  mdEnd: 'End: {at}',
  mdClosed: 'Closed: {at} (state: {state})',
  mdNotYet: 'not yet',
  stateDraft: 'draft',
  stateOpen: 'open',
  statePaused: 'paused',
  stateClosed: 'closed',
  statePurged: 'purged',
  mdPagesHeading: 'Pages',
  mdWholeSite: 'Included: THE WHOLE SITE (chosen explicitly when the window opened):',
  mdIncluded: 'Included (at least one must match):',
  mdExcluded: 'Excluded:',
  mdNoneBeyondDenylist: 'none beyond the built-in denylist',
  mdDenylist:
    'Built-in denylist, always applied: any path segment containing {segments}; any URL with a token-like parameter ({parameters}, or a long random-looking value).',
  mdMaskingHeading: 'Masking',
  mdUnmask: 'Unmask selectors (text only):',
  mdSamplingHeading: 'Sampling and caps',
  mdSampleRate: 'Sample rate: {percent, number} % of visits',
  mdCaps:
    'At most {sessions, number} recordings in this window, {minutes} minutes and {pages} pages per recording',
  mdRetentionHeading: 'Retention, viewers, storage',
  mdRetention:
    'Retention: {days, plural, one {# day} other {# days}} after the end; deleted by {at}',
  mdViewers: 'Viewers: {viewers}',
  mdStorage: 'Storage: {hosting}, {location}; {encryption}',
  mdDatabase: 'Database: {engine}, {location}',
  mdTransfers: 'Transfers: {text}',
  mdRecipients: 'Recipients: {text}: {list}',
  mdNobodyYet: 'nobody yet',
  mdCategoriesHeading: 'Data categories',
  mdNoticeHeading: 'On-page notice, downloads and review',
  mdNoticeShown:
    'On-page notice: shown to every recorded visitor ("{text}"), with a one-click stop and delete',
  mdNoticeHidden: 'On-page notice: hidden, because: {reason}',
  mdDownloadsAllowed: 'Raw downloads: allowed by the window owner, each with a stated reason',
  mdDownloadsOff: 'Raw downloads: off',
  mdSignedOff: 'Signed off by {by} on {at}: {note}',
  mdNotSignedOff: 'Sign-off by a second person: not given',
  mdReview: 'Review: {text}',
  mdDpiaHeading: 'DPIA (pre-filled)',
  mdDpiaStatus: 'Status: {text}',
  mdDpiaProcessing: 'Processing: {text}',
  mdNecessity: 'Necessity and proportionality:',
  mdRisks: 'Risks and measures:',
  mdResidualRisk: 'Residual risk: {text}',
  mdAuditHeading: 'Audit trail',
  mdAuditColumns: '| time | actor | action | detail |',
  mdNoEntries: 'no entries',
  mdNoticeTextHeading: 'Privacy notice (ready to paste)',
} as const;

export type ReplayMessageKey = keyof typeof en;
