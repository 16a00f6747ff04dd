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
  type Interval,
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
import {
  cardValue,
  emptyMessage,
  filteredValue,
  hasActivity,
  shownChange,
} from '../data/empty-state.js';
import { formatDuration, formatNumber, formatPercent } from '../data/format.js';
import { shapeSeries, type ChartMetric } from '../data/series.js';
import { fitInterval } from '../data/report-view.js';
import { incompleteBucket, markersFor } from '../data/chart-buckets.js';
import { BreakdownGroup, panelGroups } from './breakdown-group.js';
import { ExportButton, LineChartView, MetricCard } from './components.js';
import { useFilteredReport } from './filtered-report.js';
import { CompareSelect, IntervalSelect, RangePicker } from './range-controls.js';
import { useReportView } from './report-url.js';
import { SiteNav } from './site-nav.js';
import { intlLocale } from '../i18n/locale.js';
import { t, type MessageKey } from '../i18n/t.js';
import { errorText } from './use-load.js';
import { AnnotationsSection, useAnnotations } from './annotations-section.js';
import { FlowsPanel, FunnelPanel } from './flows-view.js';
import { GoalCards, GoalsPanel, useGoalReport } from './goals-panel.js';
import { NotFoundCard } from './not-found-card.js';

const cards: {
  metric: CardMetric;
  label: MessageKey;
  format: (v: number | null) => string;
}[] = [
  { metric: 'visits', label: 'metric.visits', format: (v) => formatNumber(v) },
  { metric: 'pageviews', label: 'metric.pageviews', format: (v) => formatNumber(v) },
  { metric: 'views_per_visit', label: 'metric.viewsPerVisit', format: (v) => formatNumber(v) },
  { metric: 'bounce_rate', label: 'metric.bounceRate', format: (v) => formatPercent(v) },
  { metric: 'time_on_page', label: 'metric.timeOnPage', format: (v) => formatDuration(v) },
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
  /** A shared link's view: its logo and accent colour (validated by the server). */
  branding?: { logoUrl: string | null; accent: string | null };
}) {
  // The whole view (range, comparison, interval, chart metric, tabs, filter) is the address
  // (report-url.ts).
  const [view, setView] = useReportView();
  const { range, compare, filter, interval, metric } = view;
  const setRange = (r: RangeQuery) =>
    setView({ ...view, range: r, interval: fitInterval(view.interval, r) });
  const setCompare = (c: CompareKind | null) => setView({ ...view, compare: c });
  const setInterval = (i: Interval | null) => setView({ ...view, interval: i });
  const setFilter = (f: ReportFilter | null) => setView({ ...view, filter: f });
  const setMetric = (m: ChartMetric) => setView({ ...view, metric: m });
  const [report, setReport] = useState<SiteReport | null>(null);
  const [realtime, setRealtime] = useState<number | null>(null);
  /** The day of the site's first event (undefined until known): which empty-report words. */
  const [firstDay, setFirstDay] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    api.siteInfo(props.domain, props.access).then(
      (i) => live && setFirstDay(i.firstDay ?? null),
      () => live && setFirstDay(null),
    );
    return () => {
      live = false;
    };
  }, [props.domain, props.access]);
  const [error, setError] = useState<string | null>(null);
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
      .report(props.domain, range, compare, props.access, interval)
      .then((r) => live && setReport(r), failed);
    api.realtime(props.domain, props.access).then(
      (r) => live && setRealtime(r.visits),
      () => live && setRealtime(null),
    );
    return () => {
      live = false;
    };
  }, [props.domain, range, compare, interval, props.access]);

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
    // A filter by the hour has totals but no series to chart (see the note shown instead).
    if (f && f.current.series === null) return null;
    const data = f
      ? shapeSeries(f.current.series ?? [], shownMetric, report.interval, f.comparison?.series)
      : shapeSeries(
          report.series,
          shownMetric,
          report.interval,
          compare ? report.comparison?.series : null,
        );
    const dates = ((f ? f.current.series : report.series) ?? []).map((p) => p.date);
    const drawn = {
      ...data,
      incomplete: incompleteBucket(dates, report.interval, Date.now(), report.range.timezone),
      markers: markersFor(notes.list, dates, report.interval),
    };
    return compare ? { ...drawn, previousLabel: t(compareNames[compare]) } : drawn;
  }, [report, shownMetric, compare, filter, filtered.data, goal, goalData, notes.list]);

  /** A card as shown: the whole site's figure, or the filtered one where its counters hold it. */
  const card = (c: (typeof cards)[number], r: SiteReport) => {
    const f = filtered.data;
    if (!filter) {
      return {
        value: c.format(cardValue(c.metric, r.totals)),
        change: compare
          ? (shownChange(
              c.metric,
              r.totals,
              r.comparison?.totals,
              r.comparison?.change[c.metric] ?? null,
            ) ?? undefined)
          : undefined,
      };
    }
    if (!held!.includes(c.metric)) {
      const dimension = t(filterDimensions[filter.dimension]!.label).toLowerCase();
      return { value: '—', change: undefined, note: t('report.notKeptPer', { dimension }) };
    }
    if (!f) return { value: '…', change: undefined };
    // Filtered: a value of 0 where the filter's counters hold nothing that period is no data.
    const now = filteredValue(f.current.totals, c.metric);
    const before = f.comparison ? filteredValue(f.comparison.totals, c.metric) : null;
    return {
      value: c.format(now),
      change:
        compare && now !== null && before !== null
          ? metricChange(c.metric, now, before)
          : undefined,
    };
  };

  // Before the site's first event "No data yet"; after it, an empty period says so.
  const emptyKey =
    report && firstDay !== undefined && !filter
      ? emptyMessage(hasActivity(report.totals), firstDay)
      : null;
  const panelEmpty = firstDay ? t('empty.nothingInPeriod') : t('empty.noDataYet');
  const shared = props.access?.share !== undefined;
  const loaded =
    report !== null &&
    report.site === props.domain &&
    (!filter || filtered.data !== null) &&
    (!goal || goalData !== null);
  const accent = props.branding?.accent;
  return h(
    'div',
    {
      class: 'report',
      'data-loaded': loaded ? 'true' : 'false',
      // Set through the CSSOM (not a style attribute): the CSP keeps style-src 'self'.
      style: accent ? { '--accent': accent, '--chart-line': accent } : undefined,
    },
    !shared && h(SiteNav, { domain: props.domain, current: 'site' }),
    h(
      'header',
      { class: 'view-header' },
      h(
        'div',
        null,
        shared &&
          h(
            'div',
            { class: 'share-brand' },
            props.branding?.logoUrl &&
              h('img', { class: 'share-logo', src: props.branding.logoUrl, alt: '' }),
            h('span', { class: 'share-mark', 'data-share-mark': 'true' }, t('share.readOnly')),
          ),
        h('h1', { translate: false }, props.title ?? props.domain),
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
        h(IntervalSelect, { range, value: interval, onChange: setInterval }),
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
    emptyKey && h('p', { class: 'empty-state muted', 'data-empty': emptyKey }, t(emptyKey)),
    filtered.data?.current.series === null &&
      h('p', { class: 'muted', 'data-note': 'filter-hours' }, t('report.filterNoHours')),
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
          tabsOpen: view.tabs,
          emptyText: panelEmpty,
          onTabs: (tabs: string[]) => setView({ ...view, tabs }),
        }),
      ),
      h(NotFoundCard, { domain: props.domain, range, access: props.access }),
    ),
    h(FlowsPanel, { domain: props.domain, range, access: props.access }),
    h(FunnelPanel, { domain: props.domain, range, access: props.access }),
    h('p', { class: 'muted note' }, t('report.panelsNote')),
  );
}
