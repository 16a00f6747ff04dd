// The agency rollup (issue 19 §9): several sites, or an organisation's, as one report — the sums of
// their counters (ratios from the summed counters, server/reports/rollup.ts), compared with the
// previous period, every breakdown panel, CSV exports. Reached from the overview.
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import {
  api,
  ApiFailure,
  download,
  query,
  rollupQuery,
  type Breakdown,
  type Period,
  type RollupSelection,
  type SiteReport,
} from '../api.js';
import { formatDuration, formatNumber, formatPercent } from '../data/format.js';
import { t, type MessageKey } from '../i18n/t.js';
import { hrefOf } from '../router.js';
import { BreakdownPanel, ExportButton, MetricCard, PeriodPicker } from './components.js';
import { errorText } from './use-load.js';

const panels: { dimension: string; title: MessageKey; column: MessageKey }[] = [
  { dimension: 'page', title: 'panels.topPages', column: 'dimension.page' },
  { dimension: 'entry', title: 'panels.entryPages', column: 'dimension.entry' },
  { dimension: 'exit', title: 'panels.exitPages', column: 'dimension.exit' },
  { dimension: 'source', title: 'panels.topSources', column: 'dimension.source' },
  { dimension: 'referrer', title: 'panels.referrers', column: 'dimension.referrer' },
  { dimension: 'utm_source', title: 'dimension.utmSource', column: 'column.utmSource' },
  { dimension: 'utm_medium', title: 'dimension.utmMedium', column: 'column.utmMedium' },
  { dimension: 'country', title: 'panels.countries', column: 'dimension.country' },
  { dimension: 'device', title: 'panels.devices', column: 'dimension.device' },
  { dimension: 'browser', title: 'panels.browsers', column: 'dimension.browser' },
  { dimension: 'os', title: 'panels.os', column: 'dimension.os' },
  { dimension: 'event', title: 'panels.customEvents', column: 'dimension.event' },
];

const csvOf = (selection: RollupSelection, period: Period, what: string) =>
  download(`/api/rollup/export/${what}.csv?${query({ ...rollupQuery(selection), period })}`);

function RollupPanel(props: {
  selection: RollupSelection;
  period: Period;
  dimension: string;
  title: MessageKey;
  column: MessageKey;
}) {
  const [data, setData] = useState<Breakdown | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setData(null);
    api.rollupBreakdown(props.selection, props.period, props.dimension).then(
      (b) => live && setData(b),
      (err: unknown) => live && setError(errorText(err)),
    );
    return () => {
      live = false;
    };
  }, [JSON.stringify(props.selection), props.period, props.dimension]);
  return h(BreakdownPanel, {
    title: t(props.title),
    dimension: props.dimension,
    columnLabel: t(props.column),
    data,
    error,
    exportFile: () => csvOf(props.selection, props.period, `breakdown/${props.dimension}`),
  });
}

export function RollupView(props: { selection: RollupSelection; onUnauthorized: () => void }) {
  const [period, setPeriod] = useState<Period>('30d');
  const [report, setReport] = useState<(SiteReport & { sites: string[] }) | null>(null);
  const [error, setError] = useState<string | null>(null);
  const key = JSON.stringify(props.selection);
  useEffect(() => {
    let live = true;
    setReport(null);
    api.rollupReport(props.selection, period).then(
      (r) => live && setReport(r),
      (err: unknown) => {
        if (!live) return;
        if (err instanceof ApiFailure && err.status === 401) props.onUnauthorized();
        else setError(errorText(err));
      },
    );
    return () => {
      live = false;
    };
  }, [key, period]);

  const title =
    'org' in props.selection
      ? t('rollup.titleOrg', { org: props.selection.org })
      : t('rollup.titleSites', { count: props.selection.sites.length });
  const totals = report?.totals;
  const change = report?.comparison?.change;
  return h(
    'div',
    { class: 'rollup', 'data-loaded': report ? 'true' : 'false' },
    h(
      'header',
      { class: 'view-header' },
      h('p', null, h('a', { href: hrefOf({ name: 'overview' }) }, t('rollup.back'))),
      h('h1', null, title),
      report &&
        h(
          'p',
          { class: 'muted', 'data-rollup-sites': report.sites.join(',') },
          t('rollup.sites', { sites: report.sites.join(', ') }),
        ),
      h(
        'div',
        { class: 'controls' },
        h(PeriodPicker, { value: period, onChange: setPeriod }),
        h(ExportButton, {
          label: t('rollup.exportSeries'),
          name: 'rollup-timeseries',
          fetchFile: () => csvOf(props.selection, period, 'timeseries'),
        }),
      ),
    ),
    error && h('p', { class: 'error', role: 'alert' }, error),
    totals &&
      h(
        'ul',
        { class: 'cards' },
        h(MetricCard, {
          metric: 'visits',
          label: t('metric.visits'),
          value: formatNumber(totals.visits),
          change: change?.visits,
        }),
        h(MetricCard, {
          metric: 'pageviews',
          label: t('metric.pageviews'),
          value: formatNumber(totals.pageviews),
          change: change?.pageviews,
        }),
        h(MetricCard, {
          metric: 'bounce_rate',
          label: t('metric.bounceRate'),
          value: totals.visits ? formatPercent(totals.bounce_rate) : '—',
          change: change?.bounce_rate,
        }),
        h(MetricCard, {
          metric: 'time_on_page',
          label: t('metric.timeOnPage'),
          value: totals.time_on_page === null ? '—' : formatDuration(totals.time_on_page),
          change: change?.time_on_page,
        }),
      ),
    report &&
      h(
        'div',
        { class: 'panels' },
        panels.map((p) =>
          h(RollupPanel, { key: p.dimension, selection: props.selection, period, ...p }),
        ),
      ),
  );
}
