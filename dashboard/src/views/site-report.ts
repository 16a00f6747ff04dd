// The site report: period picker, compare toggle, metric cards, the visits/pageviews chart and the
// pages / sources / countries / devices panels. Read-only for shared links (access.share).
import { h } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import {
  api,
  ApiFailure,
  type Access,
  type Dimension,
  type Metrics,
  type Period,
  type SiteReport,
} from '../api.js';
import { BreakdownCard } from './breakdown-card.js';
import { formatDuration, formatNumber, formatPercent } from '../data/format.js';
import { shapeSeries, type ChartMetric } from '../data/series.js';
import {
  CompareToggle,
  ExportButton,
  LineChartView,
  MetricCard,
  PeriodPicker,
  periods,
} from './components.js';
import { parseReportState, withReportState } from '../router.js';

const cards: { metric: keyof Metrics; label: string; format: (m: Metrics) => string }[] = [
  { metric: 'visits', label: 'Visits', format: (m) => formatNumber(m.visits) },
  { metric: 'pageviews', label: 'Pageviews', format: (m) => formatNumber(m.pageviews) },
  {
    metric: 'views_per_visit',
    label: 'Views per visit',
    format: (m) => formatNumber(m.views_per_visit),
  },
  { metric: 'bounce_rate', label: 'Bounce rate', format: (m) => formatPercent(m.bounce_rate) },
  { metric: 'time_on_page', label: 'Time on page', format: (m) => formatDuration(m.time_on_page) },
];

const panels: { dimension: Dimension; title: string; column: string }[] = [
  { dimension: 'page', title: 'Top pages', column: 'Page' },
  { dimension: 'source', title: 'Top sources', column: 'Source' },
  { dimension: 'country', title: 'Countries', column: 'Country' },
  { dimension: 'device', title: 'Devices', column: 'Device' },
  { dimension: 'event', title: 'Custom events', column: 'Event' },
];

export function SiteReportView(props: {
  domain: string;
  title?: string;
  access?: Access;
  onUnauthorized?: () => void;
}) {
  const [period, setPeriod] = useState<Period>(() => {
    const p = parseReportState(location.hash).period;
    return periods.some((x) => x.value === p) ? (p as Period) : '30d';
  });
  const [compare, setCompare] = useState(() => parseReportState(location.hash).compare);

  // The URL follows the period and comparison (replaceState: no history entry, no hashchange).
  useEffect(() => {
    const next = withReportState(location.hash, { period, compare });
    if (next !== location.hash) history.replaceState(null, '', next);
  }, [period, compare]);
  const [metric, setMetric] = useState<ChartMetric>('visits');
  const [report, setReport] = useState<SiteReport | null>(null);
  const [realtime, setRealtime] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setError(null);
    const failed = (err: unknown) => {
      if (!live) return;
      if (err instanceof ApiFailure && err.status === 401 && props.onUnauthorized) {
        props.onUnauthorized();
        return;
      }
      setError(err instanceof Error ? err.message : String(err));
    };
    api
      .report(props.domain, period, compare, props.access)
      .then((r) => live && setReport(r), failed);
    api.realtime(props.domain, props.access).then(
      (r) => live && setRealtime(r.visits),
      () => live && setRealtime(null),
    );
    return () => {
      live = false;
    };
  }, [props.domain, period, compare, props.access]);

  const chartData = useMemo(
    () =>
      report
        ? shapeSeries(
            report.series,
            metric,
            report.interval,
            compare ? report.comparison?.series : null,
          )
        : null,
    [report, metric, compare],
  );

  const loaded = report !== null && report.site === props.domain;
  return h(
    'div',
    { class: 'report', 'data-loaded': loaded ? 'true' : 'false' },
    h(
      'header',
      { class: 'view-header' },
      h(
        'div',
        null,
        h('h1', null, props.title ?? props.domain),
        report &&
          h(
            'p',
            { class: 'muted range' },
            `${report.range.from} → ${report.range.to} (${report.range.timezone})`,
          ),
        realtime !== null &&
          h(
            'p',
            { class: 'realtime', 'data-realtime': 'true' },
            h('span', { class: 'dot', 'aria-hidden': 'true' }),
            `${formatNumber(realtime)} ${realtime === 1 ? 'visit' : 'visits'} in the last 30 minutes`,
          ),
      ),
      h(
        'div',
        { class: 'controls' },
        h(PeriodPicker, { value: period, onChange: setPeriod }),
        h(CompareToggle, { checked: compare, onChange: setCompare }),
      ),
    ),
    error && h('p', { class: 'error', role: 'alert' }, error),
    report &&
      h(
        'ul',
        { class: 'cards', 'aria-label': 'Totals' },
        cards.map((c) =>
          h(MetricCard, {
            key: c.metric,
            metric: c.metric,
            label: c.label,
            value: c.format(report.totals),
            change: compare ? (report.comparison?.change[c.metric] ?? null) : undefined,
            selected: metric === c.metric,
            onSelect:
              c.metric === 'visits' || c.metric === 'pageviews'
                ? () => setMetric(c.metric as ChartMetric)
                : undefined,
          }),
        ),
      ),
    chartData &&
      h(
        'section',
        { class: 'panel chart-panel', 'aria-label': 'Chart' },
        h(
          'div',
          { class: 'panel-head' },
          h('h2', null, metric === 'visits' ? 'Visits' : 'Pageviews'),
          h(ExportButton, {
            label: 'Export the time series as CSV',
            name: 'timeseries',
            fetchFile: () => api.exportTimeseries(props.domain, period, props.access),
          }),
        ),
        h(LineChartView, { data: chartData, label: metric === 'visits' ? 'Visits' : 'Pageviews' }),
      ),
    h(
      'div',
      { class: 'panels' },
      panels.map((p) =>
        h(BreakdownCard, {
          key: p.dimension,
          domain: props.domain,
          dimension: p.dimension,
          title: p.title,
          column: p.column,
          period,
          access: props.access,
        }),
      ),
    ),
  );
}
