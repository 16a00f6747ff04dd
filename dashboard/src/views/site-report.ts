// The site report: range picker (named periods or custom days), comparison (previous period or
// last year), metric cards, the visits/pageviews chart and the grouped breakdown panels.
// Read-only for shared links (access.share): no site navigation, no settings.
import { h } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import {
  api,
  ApiFailure,
  type Access,
  type CompareKind,
  type Metrics,
  type RangeQuery,
  type SiteReport,
} from '../api.js';
import {
  filterDimensions,
  filterLabel,
  metricChange,
  type CardMetric,
  type ReportFilter,
} from '../data/filter.js';
import { formatDuration, formatNumber, formatPercent } from '../data/format.js';
import { shapeSeries, type ChartMetric } from '../data/series.js';
import { parseReportState, withReportState } from '../router.js';
import { BreakdownGroup, panelGroups } from './breakdown-group.js';
import { ExportButton, LineChartView, MetricCard } from './components.js';
import { useFilteredReport } from './filtered-report.js';
import { CompareSelect, RangePicker, rangeFromState } from './range-controls.js';
import { SiteNav } from './site-nav.js';
import { intlLocale } from '../i18n/locale.js';
import { t, type MessageKey } from '../i18n/t.js';
import { errorText } from './use-load.js';
import { AnnotationsSection, useAnnotations } from './annotations-section.js';
import { annotationBuckets } from '../data/goals.js';
import { FlowsPanel, FunnelPanel } from './flows-view.js';
import { GoalCards, GoalsPanel, useGoalReport } from './goals-panel.js';
import { NotFoundCard } from './not-found-card.js';

const cards: { metric: CardMetric; label: MessageKey; format: (m: Metrics) => string }[] = [
  { metric: 'visits', label: 'metric.visits', format: (m) => formatNumber(m.visits) },
  { metric: 'pageviews', label: 'metric.pageviews', format: (m) => formatNumber(m.pageviews) },
  {
    metric: 'views_per_visit',
    label: 'metric.viewsPerVisit',
    format: (m) => formatNumber(m.views_per_visit),
  },
  {
    metric: 'bounce_rate',
    label: 'metric.bounceRate',
    format: (m) => formatPercent(m.bounce_rate),
  },
  {
    metric: 'time_on_page',
    label: 'metric.timeOnPage',
    format: (m) => formatDuration(m.time_on_page),
  },
];

const compareNames: Record<CompareKind, MessageKey> = {
  previous: 'report.comparePrevious',
  year: 'report.compareYear',
};

export function SiteReportView(props: {
  domain: string;
  title?: string;
  access?: Access;
  onUnauthorized?: () => void;
}) {
  const [range, setRange] = useState<RangeQuery>(
    () => rangeFromState(parseReportState(location.hash)) ?? { period: '30d' },
  );
  const [compare, setCompare] = useState<CompareKind | null>(
    () => parseReportState(location.hash).compare,
  );

  // The URL follows the range and comparison (replaceState: no history entry, no hashchange).
  useEffect(() => {
    const next = withReportState(location.hash, { ...range, compare });
    if (next !== location.hash) history.replaceState(null, '', next);
  }, [range, compare]);
  const [metric, setMetric] = useState<ChartMetric>('visits');
  const [report, setReport] = useState<SiteReport | null>(null);
  const [realtime, setRealtime] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState<ReportFilter | null>(null);
  const filtered = useFilteredReport(props.domain, filter, report, compare, props.access);
  // A goal narrows the cards and the chart (issue 13); a goal and a filter exclude each other.
  const [goal, setGoal] = useState<string | null>(null);
  const goalReport = useGoalReport(props.domain, range, goal, props.access);
  const goalData = goalReport.data?.goal.name === goal ? goalReport.data : null;
  const chooseGoal = (g: string | null) => {
    setFilter(null);
    setGoal(g);
  };
  const chooseFilter = (f: ReportFilter | null) => {
    setGoal(null);
    setFilter(f);
  };
  const notes = useAnnotations(props.domain, range, props.access);
  const marks = useMemo(
    () =>
      report
        ? [
            ...annotationBuckets(
              report.series.map((p) => p.date),
              notes.list,
            ),
          ].map(([index, list]) => ({ index, count: list.length }))
        : [],
    [report, notes.list],
  );
  const held = filter ? filterDimensions[filter.dimension]!.metrics : null;
  // A filter whose counters lack visits (pages) draws pageviews.
  const shownMetric: ChartMetric = held && !held.includes(metric) ? 'pageviews' : metric;

  useEffect(() => {
    let live = true;
    setError(null);
    const failed = (err: unknown) => {
      if (!live) return;
      if (err instanceof ApiFailure && err.status === 401 && props.onUnauthorized) {
        props.onUnauthorized();
        return;
      }
      setError(errorText(err));
    };
    api
      .report(props.domain, range, compare, props.access)
      .then((r) => live && setReport(r), failed);
    api.realtime(props.domain, props.access).then(
      (r) => live && setRealtime(r.visits),
      () => live && setRealtime(null),
    );
    return () => {
      live = false;
    };
  }, [props.domain, range, compare, props.access]);

  const chartData = useMemo(() => {
    if (!report) return null;
    if (filter && !filtered.data) return null;
    if (goal) {
      const series = goalData?.goal.series;
      if (!series) return null;
      const points = series.map((p) => ({
        date: p.date,
        visits: p.conversions,
        pageviews: p.conversions,
      }));
      return shapeSeries(points, 'visits', report.interval);
    }
    const f = filtered.data;
    const data = f
      ? shapeSeries(f.current.series, shownMetric, report.interval, f.comparison?.series)
      : shapeSeries(
          report.series,
          shownMetric,
          report.interval,
          compare ? report.comparison?.series : null,
        );
    return compare ? { ...data, previousLabel: t(compareNames[compare]) } : data;
  }, [report, shownMetric, compare, filter, filtered.data, goal, goalData]);

  /** A card as shown: the whole site's figure, or the filtered one where its counters hold it. */
  const card = (c: (typeof cards)[number], r: SiteReport) => {
    const f = filtered.data;
    if (!filter) {
      return {
        value: c.format(r.totals),
        change: compare ? (r.comparison?.change[c.metric] ?? null) : undefined,
      };
    }
    if (!held!.includes(c.metric)) {
      const dimension = t(filterDimensions[filter.dimension]!.label).toLowerCase();
      return { value: '—', change: undefined, note: t('report.notKeptPer', { dimension }) };
    }
    if (!f) return { value: '…', change: undefined };
    const now = f.current.totals[c.metric] ?? null;
    const before = f.comparison?.totals[c.metric] ?? null;
    return {
      value: c.format({ ...r.totals, [c.metric]: now }),
      change: compare ? metricChange(c.metric, now, before) : undefined,
    };
  };

  const shared = props.access?.share !== undefined;
  const loaded =
    report !== null &&
    report.site === props.domain &&
    (!filter || filtered.data !== null) &&
    (!goal || goalData !== null);
  return h(
    'div',
    { class: 'report', 'data-loaded': loaded ? 'true' : 'false' },
    !shared && h(SiteNav, { domain: props.domain, current: 'site' }),
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
        report?.comparison &&
          compare &&
          h(
            'p',
            { class: 'muted range compare-range' },
            t('report.comparedWith', {
              from: report.comparison.range.from,
              to: report.comparison.range.to,
            }),
          ),
        realtime !== null &&
          h(
            shared ? 'p' : 'a',
            {
              class: 'realtime',
              'data-realtime': 'true',
              ...(shared ? {} : { href: `#/sites/${encodeURIComponent(props.domain)}/realtime` }),
            },
            h('span', { class: 'dot', 'aria-hidden': 'true' }),
            t('report.realtime', { count: realtime }),
          ),
      ),
      h(
        'div',
        { class: 'controls' },
        h(RangePicker, {
          value: range,
          shown: report ? report.range : null,
          onChange: setRange,
        }),
        h(CompareSelect, { value: compare, onChange: setCompare }),
      ),
    ),
    error && h('p', { class: 'error', role: 'alert' }, error),
    filter &&
      h(
        'div',
        { class: 'filter-bar', 'data-filter': filter.dimension },
        h(
          'div',
          { class: 'row' },
          h(
            'span',
            null,
            t('report.filter'),
            ' ',
            h('strong', { class: 'filter-value' }, filterLabel(filter, intlLocale())),
          ),
          h(
            'button',
            { type: 'button', class: 'secondary', onClick: () => chooseFilter(null) },
            t('report.removeFilter'),
          ),
        ),
        h('p', { class: 'muted' }, t('report.filterNote')),
        filtered.error && h('p', { class: 'error', role: 'alert' }, filtered.error),
      ),
    goal &&
      h(
        'div',
        { class: 'filter-bar', 'data-goal-filter': goal },
        h(
          'div',
          { class: 'row' },
          h(
            'span',
            null,
            t('goalsUi.goalFilter'),
            ' ',
            h('strong', { class: 'filter-value', translate: false }, goal),
          ),
          h(
            'button',
            { type: 'button', class: 'secondary', onClick: () => chooseGoal(null) },
            t('goalsUi.clearGoal'),
          ),
        ),
        goalReport.error && h('p', { class: 'error', role: 'alert' }, goalReport.error),
        goalData && !goalData.goal.series && h('p', { class: 'muted' }, t('goalsUi.perDayOnly')),
      ),
    report && goal && h(GoalCards, { report: goalData?.goal ?? null }),
    report &&
      !goal &&
      h(
        'ul',
        { class: 'cards', 'aria-label': t('report.totals') },
        cards.map((c) =>
          h(MetricCard, {
            key: c.metric,
            metric: c.metric,
            label: t(c.label),
            ...card(c, report),
            selected: shownMetric === c.metric,
            onSelect:
              (c.metric === 'visits' || c.metric === 'pageviews') &&
              (!held || held.includes(c.metric))
                ? () => setMetric(c.metric as ChartMetric)
                : undefined,
          }),
        ),
      ),
    chartData &&
      h(
        'section',
        { class: 'panel chart-panel', 'aria-label': t('report.chart') },
        h(
          'div',
          { class: 'panel-head' },
          h(
            'h2',
            null,
            goal
              ? t('goalsUi.conversions')
              : shownMetric === 'visits'
                ? t('metric.visits')
                : t('metric.pageviews'),
          ),
          // The CSV is the whole site's series: not offered while the chart is filtered.
          !filter &&
            !goal &&
            h(ExportButton, {
              label: t('report.exportSeries'),
              name: 'timeseries',
              fetchFile: () => api.exportTimeseries(props.domain, range, props.access),
            }),
        ),
        h(LineChartView, {
          data: chartData,
          label: goal
            ? t('goalsUi.conversions')
            : shownMetric === 'visits'
              ? t('metric.visits')
              : t('metric.pageviews'),
          marks,
        }),
        h(AnnotationsSection, {
          domain: props.domain,
          annotations: notes.list,
          error: notes.error,
          shared,
          onChanged: notes.reload,
        }),
      ),
    h(GoalsPanel, {
      domain: props.domain,
      range,
      access: props.access,
      selected: goal,
      onSelect: chooseGoal,
    }),
    h(
      'div',
      { class: 'panels' },
      panelGroups.map((g) =>
        h(BreakdownGroup, {
          key: g.name,
          tabs: g.tabs,
          label: t(g.name),
          domain: props.domain,
          range,
          access: props.access,
          onFilter: chooseFilter,
        }),
      ),
      h(NotFoundCard, { domain: props.domain, range, access: props.access }),
    ),
    h(FlowsPanel, { domain: props.domain, range, access: props.access }),
    h(FunnelPanel, { domain: props.domain, range, access: props.access }),
    h('p', { class: 'muted note' }, t('report.panelsNote')),
  );
}
