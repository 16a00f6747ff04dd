// The example queries of Plausible's Stats API v2 documentation (plausible.io/docs/stats-api: its
// "Example curl request", its request-structure example and every query of its "Examples" section),
// written out here unchanged (site_id "dummy.site"), with what Pomelo answers on a key with
// Plausible compatibility (docs/API.md, "Plausible's examples"): 200 with the listed warnings.

export interface PlausibleExample {
  /** The example's heading in Plausible's documentation. */
  name: string;
  query: Record<string, unknown>;
  /** metric → the code of its warning in meta.metric_warnings (the most important one). */
  warnings: Record<string, string>;
  /** Every warning of meta.warnings, as `<part of the request> <code>` (none: no meta.warnings). */
  all: string[];
  /**
   * A normal key, once `visitors` is replaced by `visits`: the start of its 400 (what the
   * compatibility key's answer leaves out); absent when a normal key answers that query.
   */
  normalRefusal?: string;
}

export const plausibleExamples: PlausibleExample[] = [
  {
    name: 'Example curl request',
    query: { site_id: 'dummy.site', metrics: ['visitors'], date_range: '7d' },
    warnings: { visitors: 'visitors_are_visits' },
    all: ['metrics[0] visitors_are_visits'],
  },
  {
    name: 'Simple aggregate query',
    query: { site_id: 'dummy.site', metrics: ['visitors', 'events'], date_range: '7d' },
    warnings: { visitors: 'visitors_are_visits' },
    all: ['metrics[0] visitors_are_visits'],
  },
  {
    name: 'Custom date range',
    query: {
      site_id: 'dummy.site',
      metrics: ['visitors'],
      date_range: ['2024-08-01', '2024-08-15'],
    },
    warnings: { visitors: 'visitors_are_visits' },
    all: ['metrics[0] visitors_are_visits'],
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
    warnings: {
      visitors: 'dimension_not_recorded',
      pageviews: 'dimension_not_recorded',
      bounce_rate: 'dimension_not_recorded',
    },
    all: ['dimensions[1] dimension_not_recorded', 'metrics[0] visitors_are_visits'],
    normalRefusal: 'dimensions[1] visit:city_name: Pomelo records no city',
  },
  {
    name: 'UTM medium, source analysis',
    query: {
      site_id: 'dummy.site',
      metrics: ['visitors', 'events', 'pageviews'],
      date_range: '7d',
      dimensions: ['visit:utm_medium', 'visit:utm_source'],
    },
    warnings: {
      visitors: 'dimensions_not_combined',
      events: 'metric_not_counted',
      pageviews: 'metric_not_counted',
    },
    all: [
      'dimensions[1] dimensions_not_combined',
      'metrics[1] metric_not_counted',
      'metrics[2] metric_not_counted',
      'metrics[0] visitors_are_visits',
    ],
    normalRefusal: 'dimensions: counters cannot combine visit:utm_medium with visit:utm_source',
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
    warnings: { visitors: 'filter_not_applied' },
    all: ['filters[1] filter_not_applied', 'metrics[0] visitors_are_pageviews'],
    normalRefusal: 'filters[1]: counters can join with "or" only filters of one dimension',
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
    all: ['metrics[0] visitors_are_pageviews'],
  },
  {
    name: 'Filtering by segment',
    query: {
      site_id: 'dummy.site',
      metrics: ['visitors', 'events'],
      filters: [['is', 'segment', [2]]],
      date_range: '7d',
    },
    warnings: { visitors: 'filter_not_applied', events: 'filter_not_applied' },
    all: ['filters[0] filter_not_applied', 'metrics[0] visitors_are_visits'],
    normalRefusal: 'filters[0] segment: Pomelo has no saved segments',
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
    all: ['metrics[0] visitors_are_visits', 'metrics[1] events_are_pageviews'],
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
    all: ['metrics[0] visitors_are_visits'],
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
    all: ['metrics[0] visitors_are_events'],
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
    warnings: {
      visitors: 'dimensions_not_combined',
      events: 'metric_not_counted',
      pageviews: 'metric_not_counted',
    },
    all: [
      'dimensions[1] dimensions_not_combined',
      'metrics[1] metric_not_counted',
      'metrics[2] metric_not_counted',
      'metrics[0] visitors_are_visits',
    ],
    normalRefusal: 'dimensions: counters cannot combine visit:utm_medium with visit:utm_source',
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
    all: ['metrics[0] visitors_are_visits'],
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
    warnings: { visitors: 'filter_not_applied' },
    all: ['filters[0] filter_not_applied', 'metrics[0] visitors_are_visits'],
    normalRefusal: 'filters[0]: counters cannot combine visit:source with visit:country_name',
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
    all: [],
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
    all: ['metrics[0] no_single_revenue_currency'],
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
    warnings: { visitors: 'filter_not_applied' },
    all: ['filters[1] filter_not_applied', 'metrics[0] visitors_are_conversions'],
    normalRefusal: 'filters[1] operator has_done: behavioral filters need the events of each visit',
  },
];
