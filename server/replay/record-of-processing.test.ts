// Tests the record of processing: every required field and value is present in JSON and Markdown.
import { describe, expect, test } from 'vitest';
import {
  buildRecordOfProcessing,
  escapeMarkdown,
  MASKING_FLOOR,
  onPageNoticeText,
  remoteHostOf,
} from './record-of-processing';
import { openWindow, type ReplayWindow } from './window';
import { closeWindow } from './window-transitions';

const NOW = Date.parse('2026-11-03T10:00:00Z');
const DAY = 86_400_000;

function windowFixture(): ReplayWindow {
  const result = openWindow(
    {
      purpose: 'other',
      purposeText: 'Why do visitors drop the *quote* form? <b>step 2</b>',
      ticketUrl: 'https://tracker.test/issues/42',
      ownerId: 'u-alice',
      endsAt: NOW + 3 * DAY,
      sampleRate: 0.05,
      caps: { maxSessions: 80, maxMinutesPerRecording: 12, maxPagesPerRecording: 9 },
      includeRules: ['/quote/**', '/pricing'],
      excludeRules: ['/quote/internal-*'],
      unmaskSelectors: ['.faq-answer', '[data-replay-unmask]'],
      retentionDays: 10,
      viewerIds: ['u-alice', 'u-bob'],
    },
    { id: 'win_9', siteId: 's1', now: NOW },
  );
  if (!result.ok) throw new Error('fixture');
  return result.window;
}

const audit = [
  { at: NOW, actor: 'u-alice', action: 'window.open', detail: null },
  { at: NOW + DAY, actor: 'u-bob', action: 'recording.play', detail: 'rec_abc | line\nbreak' },
  { at: NOW + DAY + 5, actor: null, action: 'window.pause', detail: 'spike' },
];

const built = buildRecordOfProcessing({
  window: windowFixture(),
  siteDomain: 'shop.example',
  storageLocation: 'PostgreSQL on our server in Paris, France',
  audit,
  generatedAt: NOW + 2 * DAY,
  people: { 'u-alice': 'Alice Martin', 'u-bob': 'Bob Leroy' },
});
const { json, markdown } = built;

describe('JSON record', () => {
  test.each<[string, unknown, unknown]>([
    ['purpose code', json.purpose.code, 'other'],
    ['purpose label', json.purpose.label, 'Other'],
    [
      'purpose text',
      json.purpose.description,
      'Why do visitors drop the *quote* form? <b>step 2</b>',
    ],
    ['ticket', json.purpose.ticketUrl, 'https://tracker.test/issues/42'],
    ['owner', json.owner, 'Alice Martin (u-alice)'],
    ['start', json.period.start, '2026-11-03T10:00:00.000Z'],
    ['end', json.period.end, '2026-11-06T10:00:00.000Z'],
    ['state', json.period.state, 'open'],
    ['include rules', json.urlRules.include, ['/quote/**', '/pricing']],
    ['exclude rules', json.urlRules.exclude, ['/quote/internal-*']],
    ['unmask selectors', json.masking.unmaskSelectors, ['.faq-answer', '[data-replay-unmask]']],
    ['masking floor', json.masking.floor, MASKING_FLOOR],
    ['sample rate', json.sampleRate, 0.05],
    ['caps', json.caps, { maxSessions: 80, maxMinutesPerRecording: 12, maxPagesPerRecording: 9 }],
    ['retention', json.retention, { daysAfterEnd: 10, deleteBy: '2026-11-16T10:00:00.000Z' }],
    ['viewers', json.viewers, ['Alice Martin (u-alice)', 'Bob Leroy (u-bob)']],
    ['storage location', json.storage.location, 'PostgreSQL on our server in Paris, France'],
    ['hosting', json.storage.hosting, 'self-hosted (Pomelo)'],
    ['transfers', json.transfers, 'none: the database runs on the machine that runs Pomelo'],
    ['data categories', json.dataCategories.length, 4],
    ['recipients', json.recipientList, ['Alice Martin (u-alice)', 'Bob Leroy (u-bob)']],
    ['notice shown by default', json.onPageNotice.shown, true],
    ['downloads off by default', json.downloads, { allowed: false, made: [] }],
    ['site', json.site, 'shop.example'],
    ['generated', json.generatedAt, '2026-11-05T10:00:00.000Z'],
  ])('%s', (_name, actual, expected) => {
    expect(actual).toEqual(expected);
  });

  test('the built-in denylist and token parameters are listed', () => {
    expect(json.urlRules.builtInDenylist).toEqual(
      expect.arrayContaining(['login', 'checkout', 'password', 'oauth']),
    );
    expect(json.urlRules.tokenParameters).toEqual(expect.arrayContaining(['token', 'code', 'otp']));
  });

  test('the audit trail is complete, with the system as actor where nobody acted', () => {
    expect(json.auditTrail).toEqual([
      {
        at: '2026-11-03T10:00:00.000Z',
        actor: 'Alice Martin (u-alice)',
        action: 'window.open',
        detail: null,
      },
      {
        at: '2026-11-04T10:00:00.000Z',
        actor: 'Bob Leroy (u-bob)',
        action: 'recording.play',
        detail: 'rec_abc | line\nbreak',
      },
      { at: '2026-11-04T10:00:00.005Z', actor: 'system', action: 'window.pause', detail: 'spike' },
    ]);
  });

  test('a closed window shows when it closed and counts retention from then', () => {
    const closed = closeWindow(windowFixture(), { reason: 'owner', by: 'u-alice', now: NOW + DAY });
    if (!closed.ok) throw new Error('fixture');
    const r = buildRecordOfProcessing({
      window: closed.window,
      siteDomain: 's',
      storageLocation: 'x',
      audit: [],
      generatedAt: NOW,
    });
    expect(r.json.period).toMatchObject({ closedAt: '2026-11-04T10:00:00.000Z', state: 'closed' });
    expect(r.json.retention.deleteBy).toBe('2026-11-14T10:00:00.000Z');
    expect(r.markdown).toContain('| — | — | no entries | — |');
  });

  test.each([
    [
      'en',
      [
        '2026-11-03',
        '2026-11-06',
        '5 %',
        'shop.example',
        'consent',
        'masked',
        'Paris, France',
        '2 named',
        '10 days',
        'withdraw',
      ],
    ],
    [
      'fr',
      [
        '2026-11-03',
        '2026-11-06',
        '5 %',
        'shop.example',
        'consentement',
        'masqués',
        'Paris, France',
        '2 membres nommés',
        '10 jours',
        'retirer',
      ],
    ],
  ] as const)(
    'the %s privacy notice states period, share, masking, storage, viewers, retention and withdrawal',
    (lang, parts) => {
      for (const part of parts) expect(json.privacyNotice[lang]).toContain(part);
    },
  );
});

describe('from the running configuration', () => {
  const remote = buildRecordOfProcessing({
    window: windowFixture(),
    siteDomain: 'shop.example',
    storageLocation: 'x',
    audit: [
      {
        at: NOW + DAY,
        actor: 'u-bob',
        action: 'replay.export',
        detail: JSON.stringify({ recording: 'rec_1', reason: 'attach to ticket 42' }),
      },
    ],
    generatedAt: NOW,
    people: { 'u-bob': 'Bob Leroy' },
    storage: {
      engine: 'PostgreSQL',
      location: 'db.example.net:5432/pomelo',
      remoteHost: 'db.example.net',
    },
    safeguards: {
      downloadsAllowed: true,
      noticeHiddenReason: 'kiosk pages carry a printed notice',
    },
  });

  test('a remote PostgreSQL host is named as where the recordings go', () => {
    expect(remote.json.storage.database).toMatchObject({ location: 'db.example.net:5432/pomelo' });
    expect(remote.json.transfers).toContain('db.example.net');
    expect(remote.markdown).toContain('- Database: PostgreSQL, `db.example.net:5432/pomelo`');
  });

  test('downloads made are listed with who and why; a hidden notice shows its reason', () => {
    expect(remote.json.downloads).toEqual({
      allowed: true,
      made: [
        {
          at: '2026-11-04T10:00:00.000Z',
          by: 'Bob Leroy (u-bob)',
          recording: 'rec_1',
          reason: 'attach to ticket 42',
        },
      ],
    });
    expect(remote.markdown).toContain('attach to ticket 42');
    expect(remote.json.onPageNotice).toEqual({
      shown: false,
      hiddenBecause: 'kiosk pages carry a printed notice',
    });
    expect(remote.markdown).toContain(
      'On-page notice: hidden, because: kiosk pages carry a printed notice',
    );
    expect(remote.json.dpia.risks.join(' ')).toContain('hidden: kiosk pages');
  });

  test.each([
    ['SQLite', '/var/lib/pomelo/pomelo.db', null],
    ['PostgreSQL', 'localhost', null],
    ['PostgreSQL', '127.0.0.1', null],
    ['PostgreSQL', '/run/postgresql', null],
    ['PostgreSQL', 'db.internal', 'db.internal'],
  ] as const)('%s at %s: remote host %s', (engine, host, expected) => {
    expect(remoteHostOf(engine, host)).toBe(expected);
  });
});

describe('Markdown record', () => {
  test.each([
    'Purpose: Other — Why do visitors drop the \\*quote\\* form? \\<b\\>step 2\\</b\\>',
    'Ticket: https://tracker.test/issues/42',
    'Closed: not yet (state: open)',
    'Owner: Alice Martin (u-alice)',
    'Start: 2026-11-03T10:00:00.000Z',
    'End: 2026-11-06T10:00:00.000Z',
    '- `/quote/**`',
    '- `/pricing`',
    '- `/quote/internal-*`',
    '`login`',
    '`token`',
    '- `.faq-answer`',
    '- `[data-replay-unmask]`',
    'Sample rate: 5 % of visits',
    'At most 80 recordings in this window, 12 minutes and 9 pages per recording',
    'Retention: 10 days after the end; deleted by 2026-11-16T10:00:00.000Z',
    'Viewers: Alice Martin (u-alice), Bob Leroy (u-bob)',
    'Storage: self-hosted (Pomelo), PostgreSQL on our server in Paris, France',
    'Transfers: none: the database runs on the machine that runs Pomelo',
    'Recipients: the named viewers only; no processor, no third party: Alice Martin (u-alice), Bob Leroy (u-bob)',
    '## Data categories',
    '## DPIA (pre-filled)',
    '- On-page notice: shown to every recorded visitor ("This visit is recorded to improve this site until 2026-11-06 — Stop and delete")',
    '- Raw downloads: off',
    '| 2026-11-04T10:00:00.000Z | Bob Leroy (u-bob) | recording.play | rec\\_abc \\| line break |',
    '| 2026-11-04T10:00:00.005Z | system | window.pause | spike |',
    '## Privacy notice (ready to paste)',
  ])('contains %s', (line) => {
    expect(markdown).toContain(line);
  });

  test('every masking-floor line is there', () => {
    for (const line of MASKING_FLOOR) expect(markdown).toContain(escapeMarkdown(line));
  });

  test('user text cannot inject markup or break out of a table row', () => {
    expect(escapeMarkdown('a|b\n# c <script>')).toBe('a\\|b \\# c \\<script\\>');
    expect(markdown).not.toContain('<b>');
  });
});

describe('in the site’s language', () => {
  const options = {
    window: windowFixture(),
    siteDomain: 'shop.example',
    storageLocation: 'PostgreSQL sur notre serveur à Paris',
    audit,
    generatedAt: NOW + 2 * DAY,
    people: { 'u-alice': 'Alice Martin', 'u-bob': 'Bob Leroy' },
  };
  const french = buildRecordOfProcessing({ ...options, language: 'fr' });

  test('the JSON keeps its keys and machine values; its human-readable values are French', () => {
    expect(Object.keys(french.json)).toEqual(Object.keys(json));
    expect(french.json).toMatchObject({
      document: 'Registre des traitements — fenêtre d’étude par relecture de session',
      legalBasis: expect.stringContaining('consentement'),
      purpose: { code: 'other', label: 'Autre' },
      period: { start: '2026-11-03T10:00:00.000Z', state: 'open' },
      transfers: expect.stringMatching(/^aucun/),
      retention: { daysAfterEnd: 10, deleteBy: '2026-11-16T10:00:00.000Z' },
    });
    expect(french.json.auditTrail[2]!.actor).toBe('système');
    expect(french.json.masking.floor).toHaveLength(MASKING_FLOOR.length);
    expect(french.json.masking.floor[1]).toContain('« *** »');
    expect(french.json.dpia.necessity[2]).toBe(
      'durée de conservation de 10 jours après la fin, puis effacement cryptographique',
    );
    // The ready-to-paste notice is the same in every language of the document.
    expect(french.json.privacyNotice).toEqual(buildRecordOfProcessing(options).json.privacyNotice);
  });

  test.each([
    '## Finalité',
    '- Base légale : consentement du visiteur',
    '## Durée de conservation, personnes habilitées, stockage',
    '- Durée de conservation : 10 jours après la fin ; suppression au plus tard le 2026-11-16T10:00:00.000Z',
    '- Destinataires : les seules personnes habilitées nommément désignées',
    '## Analyse d’impact relative à la protection des données (AIPD, pré-remplie)',
    '- Taux d’échantillonnage : 5 % des visites',
    '| 2026-11-04T10:00:00.005Z | système | window.pause | spike |',
    '(« Cette visite est enregistrée pour améliorer ce site jusqu’au 2026-11-06 — Arrêter et supprimer »)',
    '## Mention d’information (prête à coller)',
    '- Clôture : pas encore (état : ouverte)',
  ])('the French Markdown contains %s', (line) => {
    expect(french.markdown).toContain(line);
  });

  test('the French Markdown has no English heading; its notice comes first, then English', () => {
    expect(french.markdown).not.toMatch(/^## (Purpose|Period|Masking|Audit trail)$/m);
    const notices = french.markdown.split('## Mention d’information (prête à coller)')[1]!;
    expect(notices.indexOf('Du 2026-11-03')).toBeLessThan(notices.indexOf('From 2026-11-03'));
    expect(markdown.indexOf('From 2026-11-03')).toBeLessThan(markdown.indexOf('Du 2026-11-03'));
  });

  test('plurals: one named member, one day; decimals in the language’s own way', () => {
    const one = openWindow(
      {
        purpose: 'ux_debugging',
        purposeText: '',
        ticketUrl: null,
        ownerId: 'u-alice',
        endsAt: NOW + DAY,
        sampleRate: 0.025,
        caps: { maxSessions: 10, maxMinutesPerRecording: 5, maxPagesPerRecording: 5 },
        includeRules: ['/a'],
        excludeRules: [],
        unmaskSelectors: [],
        retentionDays: 1,
        viewerIds: ['u-bob'],
      },
      { id: 'win_1', siteId: 's1', now: NOW },
    );
    if (!one.ok) throw new Error('fixture');
    const r = buildRecordOfProcessing({ ...options, window: one.window, language: 'fr' });
    expect(r.json.privacyNotice.fr).toContain('1 membre nommé de notre équipe');
    expect(r.json.privacyNotice.fr).toContain('au plus tard 1 jour après');
    expect(r.json.privacyNotice.fr).toContain(
      'à des fins d’amélioration de l’expérience utilisateur.',
    );
    expect(r.json.privacyNotice.en).toContain('1 named member of our team');
    expect(r.json.privacyNotice.en).toContain('at the latest 1 day after');
    expect(r.json.privacyNotice.en).toContain('for UX debugging.');
    expect(r.markdown).toContain('Taux d’échantillonnage : 2,5 % des visites');
  });

  test('the recorder’s on-page notice texts, with a {date} slot for the end date', () => {
    expect(onPageNoticeText('fr')).toEqual({
      lang: 'fr',
      label: 'Enregistrement de la session',
      recorded: 'Cette visite est enregistrée pour améliorer ce site',
      recordedUntil: 'Cette visite est enregistrée pour améliorer ce site jusqu’au {date}',
      stop: 'Arrêter et supprimer',
      stopped: 'Enregistrement arrêté ; ce qui a été enregistré est supprimé.',
    });
    expect(onPageNoticeText('en').recordedUntil).toBe(
      'This visit is recorded to improve this site until {date}',
    );
  });
});
