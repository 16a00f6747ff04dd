// Small shared pieces: period picker, compare toggle, metric cards, breakdown panels, the chart
// and sparklines. Visitor text only ever goes in as a text child (Preact sets textContent).
import { h, type ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Breakdown, Period } from '../api.js';
import { createLineChart, type LineChart } from '../charts/line-chart.js';
import { changeKind, changeTone } from '../data/change.js';
import { formatChange, formatNumber, formatPercent } from '../data/format.js';
import { rowLabel } from '../data/labels.js';
import { hiddenRowLabel, isHiddenRow } from './small-count-fields.js';
import { shareOfMax, type ChartData } from '../data/series.js';
import { saveFile } from '../save-file.js';
import { intlLocale } from '../i18n/locale.js';
import { t, type MessageKey } from '../i18n/t.js';

export const periods: { value: Period; label: MessageKey }[] = [
  { value: 'day', label: 'period.day' },
  { value: '7d', label: 'period.7d' },
  { value: '30d', label: 'period.30d' },
  { value: 'month', label: 'period.month' },
  { value: '12mo', label: 'period.12mo' },
];

/**
 * Where a sideways-scrolling bar has more to show: `end`, `start`, `both`, or null when all of
 * it is in view (the bar fades that edge, a visible affordance on a phone).
 */
function overflowSide(el: HTMLElement): string | null {
  const hidden = el.scrollWidth - el.clientWidth;
  if (hidden <= 1) return null;
  const atStart = el.scrollLeft <= 1;
  const atEnd = el.scrollLeft >= hidden - 1;
  return atStart ? 'end' : atEnd ? 'start' : 'both';
}

export function PeriodPicker(props: {
  value: Period;
  onChange: (p: Period) => void;
  options?: { value: Period; label: MessageKey }[];
}) {
  const bar = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = bar.current;
    if (!el) return;
    const mark = () => {
      const side = overflowSide(el);
      if (side) el.setAttribute('data-more', side);
      else el.removeAttribute('data-more');
    };
    // The chosen period is scrolled into view (a phone shows only part of the bar).
    const pressed = el.querySelector<HTMLElement>('[aria-pressed="true"]');
    if (pressed && el.scrollWidth > el.clientWidth) {
      el.scrollLeft = Math.max(
        0,
        Math.min(pressed.offsetLeft - (el.clientWidth - pressed.offsetWidth) / 2, el.scrollWidth),
      );
    }
    mark();
    el.addEventListener('scroll', mark, { passive: true });
    addEventListener('resize', mark);
    return () => {
      el.removeEventListener('scroll', mark);
      removeEventListener('resize', mark);
    };
  }, [props.value]);
  return h(
    'div',
    { class: 'segmented', role: 'group', 'aria-label': t('period.group'), ref: bar },
    (props.options ?? periods).map((p) =>
      h(
        'button',
        {
          type: 'button',
          key: p.value,
          'data-period': p.value,
          'aria-pressed': p.value === props.value ? 'true' : 'false',
          onClick: () => props.onChange(p.value),
        },
        t(p.label),
      ),
    ),
  );
}

export function ChangeBadge(props: { metric: string; change: number | null | undefined }) {
  // No badge without a comparison, nor against an earlier period with nothing to compare with.
  if (props.change === undefined || props.change === null) return null;
  const tone = changeTone(props.metric, props.change);
  return h(
    'span',
    { class: `change ${tone ?? 'neutral'}`, 'data-change': props.metric },
    formatChange(props.change, changeKind(props.metric)),
  );
}

export function MetricCard(props: {
  metric: string;
  label: string;
  value: string;
  change?: number | null | undefined;
  selected?: boolean;
  onSelect?: (() => void) | undefined;
  /** Why the value is missing, e.g. a filter whose counters do not hold this metric. */
  note?: string | undefined;
}) {
  const body = [
    h('span', { class: 'card-label' }, props.label),
    h('span', { class: 'card-value', 'data-value': props.metric }, props.value),
    h(ChangeBadge, { metric: props.metric, change: props.change }),
    props.note && h('span', { class: 'card-note muted' }, props.note),
  ];
  return h(
    'li',
    { class: 'card', 'data-metric': props.metric },
    props.onSelect
      ? h(
          'button',
          {
            type: 'button',
            class: 'card-button',
            'aria-pressed': props.selected ? 'true' : 'false',
            onClick: props.onSelect,
          },
          body,
        )
      : h('div', { class: 'card-button' }, body),
  );
}

/** The chart: created on mount, updated in place on new data, destroyed on unmount. */
export function LineChartView(props: { data: ChartData; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<LineChart | null>(null);
  useEffect(() => {
    if (!canvas.current) return;
    if (chart.current) chart.current.update(props.data, props.label);
    else chart.current = createLineChart(canvas.current, props.data, props.label);
  }, [props.data, props.label]);
  useEffect(
    () => () => {
      chart.current?.destroy();
      chart.current = null;
    },
    [],
  );
  return h(
    'div',
    {
      class: 'chart',
      // What is drawn apart, readable by tests and tools: the dashed bucket, the marker count.
      'data-incomplete': props.data.incomplete ?? undefined,
      'data-markers': props.data.markers?.length ?? 0,
    },
    h('canvas', {
      ref: canvas,
      role: 'img',
      'aria-label': t('chart.overTime', { metric: props.label }),
    }),
  );
}

export function Sparkline(props: { values: number[] }) {
  const w = 100;
  const hgt = 24;
  const max = Math.max(1, ...props.values);
  const n = props.values.length;
  const points = props.values
    .map((v, i) => `${n <= 1 ? 0 : (i / (n - 1)) * w},${hgt - (v / max) * (hgt - 2) - 1}`)
    .join(' ');
  return h(
    'svg',
    {
      class: 'sparkline',
      viewBox: `0 0 ${w} ${hgt}`,
      preserveAspectRatio: 'none',
      'aria-hidden': 'true',
    },
    h('polyline', { points, fill: 'none', 'vector-effect': 'non-scaling-stroke' }),
  );
}

const metricLabels: Record<string, MessageKey> = {
  visits: 'metric.visits',
  pageviews: 'metric.pageviews',
  events: 'metric.events',
};

/** A button that fetches a CSV and hands it to the browser as a download. */
export function ExportButton(props: {
  label: string;
  name: string;
  fetchFile: () => Promise<{ blob: Blob; name: string }>;
}) {
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const onClick = () => {
    setBusy(true);
    setFailed(false);
    props.fetchFile().then(
      (file) => {
        saveFile(file);
        setBusy(false);
      },
      () => {
        setBusy(false);
        setFailed(true);
      },
    );
  };
  return h(
    'button',
    {
      type: 'button',
      class: 'export',
      'data-export': props.name,
      disabled: busy,
      'aria-label': props.label,
      onClick,
    },
    failed ? t('export.failed') : t('export.csv'),
  );
}

export function BreakdownPanel(props: {
  title: string;
  exportFile?: () => Promise<{ blob: Blob; name: string }>;
  dimension: string;
  columnLabel: string;
  data: Breakdown | null;
  error: string | null;
  /** The "details" toggle: more rows and a search box. */
  expanded?: boolean;
  onToggleDetails?: () => void;
  search?: string;
  onSearch?: (text: string) => void;
  /** Tabs that switch the panel between related dimensions, shown above its head. */
  tabBar?: ComponentChildren;
  /** Rows become buttons (a drill-down the counters can answer, e.g. an event's props). */
  onSelectRow?: ((value: string) => void) | undefined;
  /** Shown before the title, e.g. a way back from a drill-down. */
  back?: ComponentChildren;
  /** What the panel says without rows (before the site's first event, or for an empty period). */
  emptyText?: string | undefined;
  /** Drawn beside the table from the same rows (the countries' world map). */
  aside?: ((data: Breakdown) => ComponentChildren) | undefined;
}) {
  const { data } = props;
  const metric = data?.metrics[0] ?? 'visits';
  let content: ComponentChildren;
  if (props.error) content = h('p', { class: 'error' }, props.error);
  else if (!data) content = h('p', { class: 'muted' }, t('common.loading'));
  else if (data.results.length === 0) {
    content = h(
      'p',
      { class: 'muted', 'data-empty': 'panel' },
      props.emptyText ?? t('breakdown.noData'),
    );
  } else {
    const shares = shareOfMax(data.results.map((r) => Number(r[metric] ?? 0)));
    content = h(
      'table',
      { class: 'breakdown' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', { scope: 'col' }, props.columnLabel),
          h(
            'th',
            { scope: 'col', class: 'num' },
            metricLabels[metric] ? t(metricLabels[metric]) : metric,
          ),
          h('th', { scope: 'col', class: 'num' }, '%'),
        ),
      ),
      h(
        'tbody',
        null,
        data.results.map((r, i) =>
          h(
            'tr',
            { key: `${String(r.key ?? '')}\u0000${r.value}` },
            h(
              'td',
              { class: 'label-cell' },
              h('progress', {
                class: 'bar',
                max: 100,
                value: shares[i] ?? 0,
                'aria-hidden': 'true',
              }),
              props.onSelectRow && r.value !== '(other)' && !isHiddenRow(r)
                ? h(
                    'button',
                    {
                      type: 'button',
                      class: 'row-value row-button',
                      // Visitor data (paths, sources, event names): never translated.
                      translate: false,
                      title: r.value,
                      'data-row': r.value,
                      onClick: () => props.onSelectRow?.(r.value),
                    },
                    rowLabel(props.dimension, r, intlLocale()),
                  )
                : h(
                    'span',
                    { class: 'row-value', title: r.value, translate: false },
                    isHiddenRow(r)
                      ? hiddenRowLabel(r.value)
                      : rowLabel(props.dimension, r, intlLocale()),
                  ),
            ),
            h('td', { class: 'num', 'data-count': 'true' }, formatNumber(Number(r[metric] ?? 0))),
            h('td', { class: 'num muted' }, formatPercent(r.percentage)),
          ),
        ),
      ),
    );
  }
  return h(
    'section',
    { class: 'panel', 'data-breakdown': props.dimension, 'aria-label': props.title },
    props.tabBar,
    h(
      'div',
      { class: 'panel-head' },
      props.back,
      // With tabs, the selected tab already shows the title.
      h('h2', { class: props.tabBar ? 'visually-hidden' : undefined }, props.title),
      h('span', { class: 'spacer' }),
      props.onToggleDetails &&
        h(
          'button',
          {
            type: 'button',
            class: 'export',
            'data-details': props.dimension,
            'aria-expanded': props.expanded ? 'true' : 'false',
            onClick: props.onToggleDetails,
          },
          props.expanded ? t('breakdown.top10') : t('breakdown.details'),
        ),
      props.exportFile &&
        h(ExportButton, {
          label: t('breakdown.exportCsv', { title: props.title }),
          name: props.dimension,
          fetchFile: props.exportFile,
        }),
    ),
    props.expanded &&
      props.onSearch &&
      h(
        'label',
        { class: 'search panel-search' },
        h('span', { class: 'visually-hidden' }, t('breakdown.searchLabel', { title: props.title })),
        h('input', {
          type: 'search',
          placeholder: t('breakdown.searchPlaceholder'),
          value: props.search ?? '',
          onInput: (e: Event) => props.onSearch?.((e.currentTarget as HTMLInputElement).value),
        }),
      ),
    props.aside && data && data.results.length > 0
      ? h('div', { class: 'with-aside' }, props.aside(data), h('div', null, content))
      : content,
    props.expanded &&
      data &&
      h(
        'p',
        { class: 'muted rows-note' },
        t('breakdown.rowsNote', { shown: data.results.length, total: data.total_rows }),
      ),
  );
}
