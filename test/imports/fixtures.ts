// Import fixtures made by the tests from the export formats' documented columns (Plausible CE's CSV
// export tables, GoatCounter's CSV export format 2), written to a temporary folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yazl from 'yazl';

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'pomelo-imports-'));
}

export const csv = (rows: (string | number)[][]): string =>
  rows
    .map((r) =>
      r
        .map((c) => (/[",\r\n]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : String(c)))
        .join(','),
    )
    .join('\n') + '\n';

/** A ZIP of named text (or byte) files. */
export async function writeZip(
  file: string,
  entries: Record<string, string | Buffer>,
): Promise<string> {
  const zip = new yazl.ZipFile();
  for (const [name, body] of Object.entries(entries)) {
    zip.addBuffer(Buffer.isBuffer(body) ? body : Buffer.from(body), name);
  }
  zip.end();
  await new Promise<void>((resolve, reject) => {
    const out = fs.createWriteStream(file);
    zip.outputStream
      .pipe(out)
      .on('finish', () => resolve())
      .on('error', reject);
  });
  return file;
}

const range = '_20240101_20240102';

/** One file per Plausible table, in the columns Plausible CE's CSV export documents. */
export const plausibleFiles: Record<string, (string | number)[][]> = {
  [`imported_visitors${range}.csv`]: [
    ['date', 'visitors', 'pageviews', 'bounces', 'visits', 'visit_duration'],
    ['2024-01-01', 10, 30, 4, 12, 600],
    ['2024-01-02', 5, 9, 1, 6, 120],
  ],
  [`imported_sources${range}.csv`]: [
    [
      'date',
      'source',
      'referrer',
      'utm_source',
      'utm_medium',
      'utm_campaign',
      'utm_content',
      'utm_term',
      'pageviews',
      'visitors',
      'visits',
      'visit_duration',
      'bounces',
    ],
    ['2024-01-01', 'Google', 'www.google.com', '', '', '', '', '', 10, 8, 9, 300, 2],
    ['2024-01-01', '', '', '', '', '', '', '', 5, 3, 3, 0, 1],
    ['2024-01-02', 'Newsletter', '', 'newsletter', 'email', 'jan', '', '', 4, 2, 2, 60, 0],
  ],
  [`imported_pages${range}.csv`]: [
    [
      'date',
      'hostname',
      'page',
      'visits',
      'visitors',
      'pageviews',
      'scroll_depth',
      'pageleave_visitors',
    ],
    ['2024-01-01', 'example.com', '/', 7, 6, 20, '', 5],
    ['2024-01-01', 'www.example.com', '/about', 3, 2, 10, 150, 3],
  ],
  [`imported_entry_pages${range}.csv`]: [
    ['date', 'entry_page', 'visitors', 'entrances', 'visit_duration', 'bounces', 'pageviews'],
    ['2024-01-01', '/', 8, 10, 500, 3, 25],
  ],
  [`imported_exit_pages${range}.csv`]: [
    ['date', 'exit_page', 'visitors', 'visit_duration', 'exits', 'bounces', 'pageviews'],
    ['2024-01-01', '/about', 2, 100, 4, 1, 8],
  ],
  [`imported_locations${range}.csv`]: [
    [
      'date',
      'country',
      'region',
      'city',
      'visitors',
      'visits',
      'visit_duration',
      'bounces',
      'pageviews',
    ],
    ['2024-01-01', 'FR', 'FR-IDF', 2988507, 5, 6, 200, 2, 15],
    ['2024-01-01', 'FR', 'FR-ARA', 0, 1, 1, 10, 0, 2],
    ['2024-01-01', '', '', 0, 1, 1, 0, 1, 1],
  ],
  [`imported_devices${range}.csv`]: [
    ['date', 'device', 'visitors', 'visits', 'visit_duration', 'bounces', 'pageviews'],
    ['2024-01-01', 'Desktop', 5, 6, 300, 2, 20],
  ],
  [`imported_browsers${range}.csv`]: [
    [
      'date',
      'browser',
      'browser_version',
      'visitors',
      'visits',
      'visit_duration',
      'bounces',
      'pageviews',
    ],
    ['2024-01-01', 'Firefox', '121', 5, 6, 300, 2, 20],
  ],
  [`imported_operating_systems${range}.csv`]: [
    [
      'date',
      'operating_system',
      'operating_system_version',
      'visitors',
      'visits',
      'visit_duration',
      'bounces',
      'pageviews',
    ],
    ['2024-01-01', 'GNU/Linux', '', 5, 6, 300, 2, 20],
  ],
  [`imported_custom_events${range}.csv`]: [
    ['date', 'name', 'link_url', 'path', 'visitors', 'events'],
    ['2024-01-01', 'Outbound Link: Click', 'https://x.org/', '', 2, 3],
  ],
};

type M = Partial<
  Record<
    | 'pageviews'
    | 'visits'
    | 'bounces'
    | 'exits'
    | 'engagedMs'
    | 'engagements'
    | 'scrollSum'
    | 'events',
    number
  >
>;
const row = (day: string, dimension: string, value: string, m: M) => ({
  day,
  dimension,
  value,
  pageviews: 0,
  visits: 0,
  bounces: 0,
  exits: 0,
  engagedMs: 0,
  engagements: 0,
  scrollSum: 0,
  events: 0,
  ...m,
});

/** The counters the Plausible fixture gives, worked out by hand from docs/METRICS.md's mapping. */
export const plausibleExpected = [
  row('2024-01-01', 'browser', 'Firefox', { visits: 6, bounces: 2, pageviews: 20 }),
  row('2024-01-01', 'country', '(unknown)', { visits: 1, bounces: 1, pageviews: 1 }),
  row('2024-01-01', 'country', 'FR', { visits: 7, bounces: 2, pageviews: 17 }),
  row('2024-01-01', 'device', 'desktop', { visits: 6, bounces: 2, pageviews: 20 }),
  row('2024-01-01', 'entry', '/', { visits: 10, bounces: 3, pageviews: 25 }),
  row('2024-01-01', 'event', 'Outbound Link: Click', { events: 3 }),
  row('2024-01-01', 'event_prop', '["Outbound Link: Click","url","https://x.org/"]', { events: 3 }),
  row('2024-01-01', 'exit', '/about', { exits: 4 }),
  row('2024-01-01', 'os', 'GNU/Linux', { visits: 6, bounces: 2, pageviews: 20 }),
  row('2024-01-01', 'page', '/', { pageviews: 20, engagements: 5 }),
  row('2024-01-01', 'page', '/about', { pageviews: 10, engagements: 3, scrollSum: 150 }),
  row('2024-01-01', 'referrer', 'google.com', { visits: 9, bounces: 2, pageviews: 10 }),
  row('2024-01-01', 'source', '(direct)', { visits: 3, bounces: 1, pageviews: 5 }),
  row('2024-01-01', 'source', 'Google', { visits: 9, bounces: 2, pageviews: 10 }),
  row('2024-01-01', 'total', '', {
    pageviews: 30,
    visits: 12,
    bounces: 4,
    engagedMs: 600_000,
    engagements: 12,
    events: 3,
  }),
  row('2024-01-02', 'source', 'Newsletter', { visits: 2, pageviews: 4 }),
  row('2024-01-02', 'total', '', {
    pageviews: 9,
    visits: 6,
    bounces: 1,
    engagedMs: 120_000,
    engagements: 6,
  }),
  row('2024-01-02', 'utm_campaign', 'jan', { visits: 2, pageviews: 4 }),
  row('2024-01-02', 'utm_medium', 'email', { visits: 2, pageviews: 4 }),
  row('2024-01-02', 'utm_source', 'newsletter', { visits: 2, pageviews: 4 }),
];

export const goatHeader = [
  '2Path',
  'Title',
  'Event',
  'UserAgent',
  'Browser',
  'System',
  'Session',
  'Bot',
  'Referrer',
  'Referrer scheme',
  'Screen size',
  'Location',
  'FirstVisit',
  'Date',
];

/** GoatCounter export rows (format 2) for a site in Europe/Paris. */
export const goatRows: (string | number)[][] = [
  goatHeader,
  [
    '/',
    'Home',
    'false',
    '',
    'Firefox 121',
    'Linux',
    '1',
    '0',
    'news.example.org/item',
    'h',
    '1920,1080,1',
    'FR-IDF',
    'true',
    '2024-03-01T10:00:00Z',
  ],
  [
    '/about',
    'About',
    'false',
    '',
    'Firefox 121',
    'Linux',
    '1',
    '0',
    '',
    '',
    '1920,1080,1',
    'FR-IDF',
    'false',
    '2024-03-01T10:05:00Z',
  ],
  [
    'signup',
    '',
    'true',
    '',
    'Firefox 121',
    'Linux',
    '1',
    '0',
    '',
    '',
    '1920,1080,1',
    'FR',
    'false',
    '2024-03-01T10:06:00Z',
  ],
  // 23:30 UTC is 00:30 the next day in Paris.
  [
    '/',
    'Home',
    'false',
    '',
    'Chrome 120',
    'Android 14',
    '2',
    '0',
    '',
    '',
    '390,844,3',
    'US-CA',
    'true',
    '2024-03-01T23:30:00Z',
  ],
  ['/', 'Home', 'false', '', '', '', '3', '1', '', '', '', '', 'true', '2024-03-01T11:00:00Z'],
];

export const goatExpected = [
  row('2024-03-01', 'bot', 'pageview', { events: 1 }),
  row('2024-03-01', 'browser', 'Firefox', { pageviews: 2, visits: 1 }),
  row('2024-03-01', 'country', 'FR', { pageviews: 2, visits: 1 }),
  row('2024-03-01', 'device', 'desktop', { pageviews: 2, visits: 1 }),
  row('2024-03-01', 'entry', '/', { pageviews: 1, visits: 1 }),
  row('2024-03-01', 'event', 'signup', { events: 1 }),
  row('2024-03-01', 'os', 'Linux', { pageviews: 2, visits: 1 }),
  row('2024-03-01', 'page', '/', { pageviews: 1 }),
  row('2024-03-01', 'page', '/about', { pageviews: 1 }),
  row('2024-03-01', 'referrer', 'news.example.org', { pageviews: 1, visits: 1 }),
  row('2024-03-01', 'source', 'example.org', { pageviews: 1, visits: 1 }),
  row('2024-03-01', 'total', '', { pageviews: 2, visits: 1, events: 1 }),
  row('2024-03-02', 'browser', 'Chrome', { pageviews: 1, visits: 1 }),
  row('2024-03-02', 'country', 'US', { pageviews: 1, visits: 1 }),
  row('2024-03-02', 'device', 'mobile', { pageviews: 1, visits: 1 }),
  row('2024-03-02', 'entry', '/', { pageviews: 1, visits: 1 }),
  row('2024-03-02', 'os', 'Android', { pageviews: 1, visits: 1 }),
  row('2024-03-02', 'page', '/', { pageviews: 1 }),
  row('2024-03-02', 'source', '(direct)', { pageviews: 1, visits: 1 }),
  row('2024-03-02', 'total', '', { pageviews: 1, visits: 1 }),
];
