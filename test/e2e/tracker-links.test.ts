// Link clicks in real Chromium: file downloads (default extensions and data-file-types), outbound
// links, middle clicks (auxclick) counted, right clicks not; URLs lose their query and fragment.
import { describe, test } from 'vitest';
import { hasChromium, noChromiumMessage } from '../support/browser.js';
import {
  audienceRows,
  customEvent,
  engagement,
  eventProp,
  expectCounters,
  expectNextEvents,
  expectNoMoreEvents,
  leave,
  pageview,
  row,
  useTrackerHarness,
} from './harness.js';

if (!hasChromium) console.warn(noChromiumMessage);

describe.skipIf(!hasChromium)('links', () => {
  const h = useTrackerHarness(['downloads.test', 'file-types.test']);

  test('p.files.js: downloads (default types) and outbound links, click and middle click', async () => {
    const visit = await h.open();
    const { page } = visit;
    const d = 'downloads.test';
    const at = (path: string) => h.site.url(path, d);
    const here = { u: at('/downloads.html'), d, r: '', t: 0 } as const;
    const download = (path: string) => customEvent('File Download', here, { url: at(path) });
    await page.goto(here.u);
    await expectNextEvents(visit, [pageview(here)]);

    await page.click('#pdf span');
    await expectNextEvents(visit, [download('/files/report.pdf')]);
    await page.click('#zip', { button: 'middle' });
    await expectNextEvents(visit, [download('/files/archive.zip')]);
    await page.click('#csv', { button: 'right' });
    await page.click('#csv');
    await expectNextEvents(visit, [download('/files/data.csv')]);
    const other = h.site.url('/landing', 'other.test');
    await page.click('#outbound', { button: 'middle' });
    await expectNextEvents(visit, [customEvent('Outbound Link: Click', here, { url: other })]);

    // A same-site page link is no event; it marks the visit as continued.
    await page.click('#page');
    await leave(visit);
    await expectNextEvents(visit, [engagement(here, 6)]);
    await expectNoMoreEvents(visit);

    const file = (path: string) => eventProp('File Download', 'url', at(path));
    const out = 'Outbound Link: Click';
    await expectCounters(h.server, d, [
      ...continuedVisitRows('/downloads.html', 4),
      row('event', 'File Download', { events: 3 }),
      row('event', out, { events: 1 }),
      row('event_prop', file('/files/report.pdf'), { events: 1 }),
      row('event_prop', file('/files/archive.zip'), { events: 1 }),
      row('event_prop', file('/files/data.csv'), { events: 1 }),
      row('event_prop', eventProp(out, 'url', other), { events: 1 }),
    ]);
    await visit.context.close();
  });

  test('p.files.js: data-file-types replaces the list of download extensions', async () => {
    const visit = await h.open();
    const d = 'file-types.test';
    const here = { u: h.site.url('/file-types.html', d), d, r: '', t: 0 } as const;
    await visit.page.goto(here.u);
    await expectNextEvents(visit, [pageview(here)]);
    await visit.page.click('#pdf');
    await visit.page.click('#epub');
    const book = h.site.url('/files/book.EPUB', d);
    await expectNextEvents(visit, [customEvent('File Download', here, { url: book })]);
    await leave(visit);
    // The .pdf link is an ordinary same-site link here: the visit continued.
    await expectNextEvents(visit, [engagement(here, 6)]);
    await expectNoMoreEvents(visit);
    await expectCounters(h.server, d, [
      ...continuedVisitRows('/file-types.html', 1),
      row('event', 'File Download', { events: 1 }),
      row('event_prop', eventProp('File Download', 'url', book), { events: 1 }),
    ]);
    await visit.context.close();
  });
});

/** The rows of a direct one-page visit that continued (no exit, no bounce), with custom events. */
function continuedVisitRows(path: string, events: number) {
  const all = { pageviews: 1, visits: 1, engagements: 1, scroll_sum: 100 };
  const entry = { pageviews: 1, visits: 1 };
  return [
    row('total', '', { ...all, events }),
    row('page', path, { pageviews: 1, engagements: 1, scroll_sum: 100 }),
    row('entry', path, entry),
    row('source', '(direct)', entry),
    ...audienceRows(all),
  ];
}
