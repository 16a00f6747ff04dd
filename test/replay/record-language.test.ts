// The replay window's generated texts in the site's language over real HTTP (issue 16 §3): the
// site's `language` setting (PATCH /api/sites/:site) writes the record of processing and the
// recorder's on-page notice in French; `?lang=` asks for another language of the same document,
// and the reader's Accept-Language does not change it (it is the site's document). SQLite and
// PostgreSQL (backendSuites).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  newRecording,
  offerFor,
  openWindow,
  replayWorld,
  start,
  type ReplayWorld,
} from './support.js';

describe('replay texts in the site’s language', () => {
  let w: ReplayWorld;
  let windowId: string;
  beforeAll(async () => {
    w = await replayWorld();
    windowId = (await openWindow(w, { includeRules: ['/lang/*'] })).id;
  });
  afterAll(() => w?.close());

  const site = () => `/api/sites/${w.siteId}`;
  const record = (format: 'md' | 'json', query = '', headers: Record<string, string> = {}) =>
    w.admin.client.post(
      `/api/replay/windows/${windowId}/record.${format}${query}`,
      undefined,
      headers,
    );

  test('the language setting: English by default, a shipped language only, admins only', async () => {
    expect((await w.owner.client.get(site())).body.site.language).toBe('en');
    const bad = await w.owner.client.patch(site(), { language: 'xx' });
    expect(bad.status).toBe(400);
    const viewer = await w.viewer.client.patch(site(), { language: 'fr' });
    expect(viewer.status).toBe(403);
    // English until set, whatever the reader's browser prefers.
    const md = await record('md', '', { 'accept-language': 'fr-FR,fr;q=0.9' });
    expect([md.status, md.headers.get('content-language')]).toEqual([200, 'en']);
    expect(md.body).toContain('## Purpose');
  });

  test('set to French: the record of processing is French; ?lang=en gets English', async () => {
    const patched = await w.owner.client.patch(site(), { language: 'fr' });
    expect([patched.status, patched.body.site.language]).toEqual([200, 'fr']);
    expect((await w.owner.client.get(site())).body.site).toMatchObject({ language: 'fr' });

    const md = await record('md', '', { 'accept-language': 'en-US' });
    expect([md.status, md.headers.get('content-language')]).toEqual([200, 'fr']);
    for (const heading of [
      '# Registre des traitements — fenêtre d’étude par relecture de session',
      '## Finalité',
      '- Base légale : consentement du visiteur',
      '## Durée de conservation, personnes habilitées, stockage',
      '## Analyse d’impact relative à la protection des données (AIPD, pré-remplie)',
      '## Journal d’audit',
      '## Mention d’information (prête à coller)',
    ]) {
      expect(md.body, heading).toContain(heading);
    }
    expect(md.body).not.toContain('## Purpose');

    const json = await record('json');
    expect(json.body).toMatchObject({
      document: 'Registre des traitements — fenêtre d’étude par relecture de session',
      purpose: { code: 'ux_debugging' },
      legalBasis: expect.stringContaining('consentement'),
      privacyNotice: {
        en: expect.stringContaining('with your consent only'),
        fr: expect.any(String),
      },
    });

    const english = await record('md', '?lang=en');
    expect([english.status, english.headers.get('content-language')]).toEqual([200, 'en']);
    expect(english.body).toContain('# Record of processing — session replay research window');
    expect(english.body).toContain('## Purpose');
    expect(english.body).not.toContain('## Finalité');
    // An unknown ?lang= is the site's language, not an error.
    expect((await record('md', '?lang=zz')).headers.get('content-language')).toBe('fr');
  });

  test('the recorder gets the on-page notice’s words in the site’s language', async () => {
    const r = await start(w, await offerFor(w, '/lang/page'), '/lang/page');
    expect(r.status).toBe(201);
    expect(r.body.notice.text).toEqual({
      lang: 'fr',
      label: 'Enregistrement de la session',
      recorded: 'Cette visite est enregistrée pour améliorer ce site',
      recordedUntil: 'Cette visite est enregistrée pour améliorer ce site jusqu’au {date}',
      stop: 'Arrêter et supprimer',
      stopped: 'Enregistrement arrêté ; ce qui a été enregistré est supprimé.',
    });
    // Back to English: the next recording's notice is English.
    await w.owner.client.patch(site(), { language: 'en' });
    const again = await start(w, await offerFor(w, '/lang/other'), '/lang/other');
    expect(again.body.notice.text).toMatchObject({ lang: 'en', stop: 'Stop and delete' });
    expect(typeof (await newRecording(w, '/lang/third'))).toBe('string');
  });
});
