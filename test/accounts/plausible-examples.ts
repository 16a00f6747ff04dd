// The example queries of Plausible's Stats API v2 documentation (plausible.io/docs/stats-api: its
// "Example curl request", its request-structure example and every query of its "Examples" section),
// written out here unchanged (site_id "dummy.site"), with what Pomelo answers on a key with
// Plausible compatibility: 200 with the listed metric warnings, or a 400 whose reason is listed in
// docs/API.md ("Plausible's examples").

export interface PlausibleExample {
  /** The example's heading in Plausible's documentation. */
  name: string;
  query: Record<string, unknown>;
  /** 200: metric → warning code in meta.metric_warnings. */
  warnings?: Record<string, string>;
  /** 400: the part named by the reason (the start of the error message). */
  refused?: string;
}

export const plausibleExamples: PlausibleExample[] = [
  {
    name: 'Example curl request',
    query: { site_id: 'dummy.site', metrics: ['visitors'], date_range: '7d' },
    warnings: { visitors: 'visitors_are_visits' },
  },
  {
    name: 'Simple aggregate query',
    query: { site_id: 'dummy.site', metrics: ['visitors', 'events'], date_range: '7d' },
    warnings: { visitors: 'visitors_are_visits' },
  },
  {
    name: 'Custom date range',
    query: {
      site_id: 'dummy.site',
      metrics: ['visitors'],
      date_range: ['2024-08-01', '2024-08-15'],
    },
    warnings: { visitors: 'visitors_are_visits' },
  },
  {
    name: 'Country and city analysis',
    query: {
      site_id: 'dummy.site',
      metrics: ['visitors', 'pageviews', 'bounce_rate'],
      date_range: '7d',
      filters: [['is_not', 'visit:country_name', ['']]],
      dimensions: ['visit:country_name', 'visit:city_name'],
    },
    refused: 'dimensions[1] visit:city_name: Pomelo records no city',
  },
  {
    name: 'UTM medium, source analysis',
    query: {
      site_id: 'dummy.site',
      metrics: ['visitors', 'events', 'pageviews'],
      date_range: '7d',
      dimensions: ['visit:utm_medium', 'visit:utm_source'],
    },
    refused: 'dimensions: counters cannot combine visit:utm_medium with visit:utm_source',
  },
  {
    name: 'Filtering by page and country',
    query: {
      site_id: 'dummy.site',
      metrics: ['visitors'],
      date_range: '7d',
      filters: [
        ['contains', 'event:page', ['/docs', '/pricing']],
        [
          'or',
          [
            ['not', ['is', 'visit:utm_campaign', ['Referral']]],
            ['is', 'visit:country_name', ['Estonia', 'United States of America']],
          ],
        ],
      ],
    },
    refused: 'filters[1]: counters can join with "or" only filters of one dimension',
  },
  {
    name: 'Case insensitive filtering',
    query: {
      site_id: 'dummy.site',
      metrics: ['visitors'],
      date_range: '7d',
      filters: [['contains', 'event:page', ['blog'], { case_sensitive: false }]],
    },
    warnings: { visitors: 'visitors_are_pageviews' },
  },
  {
    name: 'Filtering by segment',
    query: {
      site_id: 'dummy.site',
      metrics: ['visitors', 'events'],
      filters: [['is', 'segment', [2]]],
      date_range: '7d',
    },
    refused: 'filters[0] segment: Pomelo has no saved segments',
  },
  {
    name: 'Timeseries query',
    query: {
      site_id: 'dummy.site',
      metrics: ['visitors', 'events'],
      date_range: '7d',
      filters: [['is', 'visit:os', ['GNU/Linux', 'Mac']]],
      dimensions: ['time:day'],
    },
    warnings: { visitors: 'visitors_are_visits', events: 'events_are_pageviews' },
  },
  {
    name: 'Timeseries query hourly, with labels',
    query: {
      site_id: 'dummy.site',
      metrics: ['visitors'],
      date_range: 'day',
      dimensions: ['time:hour'],
      include: { time_labels: true },
    },
    warnings: { visitors: 'visitors_are_visits' },
  },
  {
    name: 'Using custom properties',
    query: {
      site_id: 'dummy.site',
      metrics: ['visitors'],
      date_range: '7d',
      dimensions: ['time:day', 'event:props:is_customer'],
      order_by: [
        ['time:day', 'asc'],
        ['event:props:is_customer', 'desc'],
      ],
    },
    warnings: { visitors: 'visitors_are_events' },
  },
  {
    name: 'Pagination',
    query: {
      site_id: 'dummy.site',
      metrics: ['visitors', 'events', 'pageviews'],
      date_range: '7d',
      dimensions: ['visit:utm_medium', 'visit:utm_source'],
      include: { total_rows: true },
      pagination: { limit: 3, offset: 1 },
    },
    refused: 'dimensions: counters cannot combine visit:utm_medium with visit:utm_source',
  },
  {
    name: 'Including imported data',
    query: {
      site_id: 'dummy.site',
      metrics: ['visitors'],
      date_range: 'all',
      dimensions: ['visit:source'],
      include: { imports: true },
    },
    warnings: { visitors: 'visitors_are_visits' },
  },
  {
    name: 'Including imported data failed',
    query: {
      site_id: 'dummy.site',
      metrics: ['visitors'],
      date_range: 'all',
      dimensions: ['visit:source'],
      filters: [['is', 'visit:country_name', ['Estonia']]],
      include: { imports: true },
    },
    refused: 'filters[0]: counters cannot combine visit:source with visit:country_name',
  },
  {
    name: 'Revenue metrics',
    query: {
      site_id: 'dummy.site',
      metrics: ['total_revenue'],
      date_range: 'all',
      dimensions: ['event:goal'],
    },
    warnings: {},
  },
  {
    name: 'Revenue metrics could not be calculated',
    query: {
      site_id: 'dummy.site',
      metrics: ['total_revenue'],
      date_range: 'all',
      filters: [['is', 'event:goal', ['PurchaseUSD', 'PurchaseEUR']]],
    },
    warnings: { total_revenue: 'no_single_revenue_currency' },
  },
  {
    name: 'Behavioral filters',
    query: {
      site_id: 'dummy.site',
      metrics: ['visitors'],
      date_range: 'all',
      filters: [
        ['is', 'event:goal', ['Signup']],
        ['has_done', ['is', 'event:page', ['/pricing']]],
      ],
    },
    refused: 'filters[1] operator has_done: behavioral filters need the events of each visit',
  },
];
