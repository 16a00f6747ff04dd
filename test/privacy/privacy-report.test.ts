// The privacy report follows the running configuration (issue 16 §4): changing retention and GPC
// handling over the API changes what it claims, in English and in French; the public page exists
// only once the owner turns it on.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { privacyReport } from '../../server/privacy/report.js';
import { reportHtml, reportMarkdown } from '../../server/privacy/render.js';
import { privacyFacts } from '../fixtures/privacy-facts.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { Client, setupOwner, testEnv } from '../accounts/support.js';

describe('privacy report over HTTP', () => {
  let server: TestServer;
  let owner: Client;
  let siteId: number;
  beforeAll(async () => {
    server = await startTestServer({ env: testEnv });
    const setup = await setupOwner(
      server,
      'owner@report.test',
      'correct horse 42 battery',
      'Report',
    );
    owner = setup.client;
    const orgId = setup.orgId;
    const created = await owner.post(`/api/orgs/${orgId}/sites`, {
      domain: 'report.test',
      timezone: 'Europe/Paris',
    });
    expect(created.status).toBe(201);
    siteId = created.body.site.id;
  });
  afterAll(() => server.close());

  const exemption = (body: {
    report: { sections: { heading: string; items: { status?: string; text: string }[] }[] };
  }) => body.report.sections.find((s) => s.items.some((i) => i.status))!.items;

  test('defaults: 25 months and GPC honoured meet every condition, in English and French', async () => {
    const en = await owner.get(`/api/sites/${siteId}/privacy-report?lang=en`);
    expect(en.status).toBe(200);
    expect(en.headers.get('content-language')).toBe('en');
    expect(en.body.report.exempt).toBe(true);
    expect(en.body.report.title).toBe('What Pomelo stores about the visitors of report.test');
    expect(exemption(en.body).every((i) => i.status === 'pass')).toBe(true);
    expect(JSON.stringify(en.body)).toContain('kept 25 months');

    const fr = await owner.get(`/api/sites/${siteId}/privacy-report`, {
      'accept-language': 'fr-FR,fr;q=0.9,en;q=0.5',
    });
    expect(fr.headers.get('content-language')).toBe('fr');
    expect(fr.body.report.title).toBe('Ce que Pomelo conserve sur les visiteurs de report.test');
    expect(JSON.stringify(fr.body)).toContain('Durée de conservation');
    expect(JSON.stringify(fr.body)).toContain('25 mois');
  });

  test('retention past 25 months and GPC ignored: the report says so, and the verdict changes', async () => {
    const patched = await owner.patch(`/api/sites/${siteId}`, {
      retentionMonths: 37,
      honourGpc: false,
    });
    expect(patched.status).toBe(200);
    expect(patched.body.site).toMatchObject({ retentionMonths: 37, honourGpc: false });
    const en = await owner.get(`/api/sites/${siteId}/privacy-report?lang=en`);
    expect(en.body.report.exempt).toBe(false);
    const statuses = exemption(en.body).map((i) => i.status);
    expect(statuses.filter((s) => s === 'fail')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'warn')).toHaveLength(1);
    const text = JSON.stringify(en.body);
    expect(text).toContain('counters are kept 37 months');
    expect(text).toContain('Global Privacy Control signal is not honoured');
    const fr = await owner.get(`/api/sites/${siteId}/privacy-report?lang=fr`);
    expect(JSON.stringify(fr.body)).toContain(
      'NON RESPECTÉE, les compteurs sont conservés 37 mois',
    );
    await owner.patch(`/api/sites/${siteId}`, { retentionMonths: 25, honourGpc: true });
  });

  test('Markdown download and printable page; a bad format is a 400', async () => {
    const md = await owner.get(`/api/sites/${siteId}/privacy-report?format=md&lang=fr`);
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toContain('text/markdown');
    expect(md.headers.get('content-disposition')).toContain('privacy-report.test-fr.md');
    expect(md.body).toMatch(/^# Ce que Pomelo conserve/);
    const html = await owner.get(`/api/sites/${siteId}/privacy-report?format=html`);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(html.body).toContain('<html lang="en">');
    expect((await owner.get(`/api/sites/${siteId}/privacy-report?format=pdf`)).status).toBe(400);
    expect((await new Client(server.url).get(`/api/sites/${siteId}/privacy-report`)).status).toBe(
      401,
    );
  });

  test('the public page is a 404 until the owner turns it on, then anyone reads it', async () => {
    const anyone = new Client(server.url);
    expect((await anyone.get('/privacy/report.test')).status).toBe(404);
    expect((await anyone.get('/privacy/unknown.test')).status).toBe(404);
    expect((await owner.patch(`/api/sites/${siteId}`, { publicPrivacyReport: true })).status).toBe(
      200,
    );
    const page = await anyone.get('/privacy/report.test', { 'accept-language': 'fr' });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<html lang="fr">');
    expect(page.body).toContain('Exemption de consentement');
    const css = await anyone.get('/privacy/report.css');
    expect(css.headers.get('content-type')).toContain('text/css');
    expect((await owner.patch(`/api/sites/${siteId}`, { publicPrivacyReport: 'yes' })).status).toBe(
      400,
    );
  });
});

describe('the dashboard language is remembered per user', () => {
  let server: TestServer;
  afterAll(() => server.close());
  test('PUT /api/auth/locale persists across sign-outs; unknown languages are a 400', async () => {
    server = await startTestServer({ env: testEnv });
    const { client } = await setupOwner(
      server,
      'lang@report.test',
      'correct horse 42 battery',
      'Lang',
    );
    expect((await client.get('/api/auth/me')).body.user.locale).toBeNull();
    expect((await client.request('PUT', '/api/auth/locale', { locale: 'fr' })).status).toBe(204);
    const bad = await client.request('PUT', '/api/auth/locale', { locale: 'xx' });
    expect(bad.status).toBe(400);
    await client.post('/api/auth/logout');
    const again = new Client(server.url);
    await again.post('/api/auth/login', {
      email: 'lang@report.test',
      password: 'correct horse 42 battery',
    });
    expect((await again.get('/api/auth/me')).body.user.locale).toBe('fr');
    expect((await again.request('PUT', '/api/auth/locale', { locale: null })).status).toBe(204);
    expect((await again.get('/api/auth/me')).body.user.locale).toBeNull();
  });
});

describe('privacy report rendering (pure)', () => {
  const facts = privacyFacts({
    name: '<b>X</b>',
    purposeText: '<script>alert(1)</script> checkout [bug](x)',
  });

  test('people-typed text is escaped in HTML and Markdown', () => {
    const report = privacyReport(facts, 'en');
    const html = reportHtml(report, '/privacy/report.css');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(reportMarkdown(report)).toContain('\\[bug\\]\\(x\\)');
  });

  test('plurals and numbers per language', () => {
    const en = JSON.stringify(privacyReport(facts, 'en'));
    expect(en).toContain('kept 1 month,');
    expect(en).toContain('1 path pattern is excluded');
    expect(en).toContain('recordings kept 1 day');
    expect(en).toContain('more than 1,234 different values');
    expect(en).toContain('December 1, 2026');
    const fr = JSON.stringify(privacyReport(facts, 'fr'));
    expect(fr).toContain('1 motif de chemin est exclu');
    expect(fr).toContain('conservés 1 jour');
    expect(fr).toContain('1\u202f234 valeurs');
    expect(fr).toContain('1 décembre 2026');
    const many = JSON.stringify(privacyReport({ ...facts, excludedPaths: 3 }, 'fr'));
    expect(many).toContain('3 motifs de chemin sont exclus');
  });
});
