// The visits/pageviews chart: created once per view, updated in place when the data changes,
// destroyed when the view leaves. Colours come from the theme's CSS custom properties.
// It draws nothing that was not counted: straight segments (no spline overshooting into empty
// buckets), the bucket still filling up dashed, the comparison aligned by position with its own
// dates in the tooltip, and annotations as markers (`ChartData.markers`, see markers.ts).
import type { Chart as ChartType, ScriptableLineSegmentContext, TooltipItem } from 'chart.js';
import type { ChartData } from '../data/series.js';
import { markersPlugin } from './markers.js';
import { registerChartParts } from './register.js';
import { intlLocale } from '../i18n/locale.js';
import { t } from '../i18n/t.js';

export interface LineChart {
  update(data: ChartData, label: string): void;
  destroy(): void;
}

function themeColour(el: Element, name: string, fallback: string): string {
  return getComputedStyle(el).getPropertyValue(name).trim() || fallback;
}

/** Dashes the segment that ends on the incomplete bucket (Chart.js segment styling). */
const dashIncomplete = (data: ChartData, dash: number[]) => (ctx: ScriptableLineSegmentContext) =>
  data.incomplete !== null && data.incomplete !== undefined && ctx.p1DataIndex === data.incomplete
    ? [6, 4]
    : dash.length > 0
      ? dash
      : undefined;

function datasets(el: Element, data: ChartData, label: string) {
  const accent = themeColour(el, '--chart-line', '#4f46e5');
  const fill = themeColour(el, '--chart-fill', 'rgba(79, 70, 229, 0.12)');
  const muted = themeColour(el, '--chart-compare', '#9ca3af');
  const current = {
    label,
    data: data.current,
    borderColor: accent,
    backgroundColor: fill,
    fill: true,
    // Straight lines: a spline would draw activity between buckets that had none.
    tension: 0,
    pointRadius: data.current.length > 14 ? 0 : 3,
    borderWidth: 2,
    segment: { borderDash: dashIncomplete(data, []) },
  };
  if (!data.previous) return [current];
  return [
    current,
    {
      label: t('chart.withPrevious', {
        metric: label,
        previous: data.previousLabel ?? t('report.comparePrevious'),
      }),
      data: data.previous,
      borderColor: muted,
      backgroundColor: 'transparent',
      borderDash: [5, 4],
      fill: false,
      tension: 0,
      pointRadius: 0,
      borderWidth: 1.5,
    },
  ];
}

export function createLineChart(canvas: HTMLCanvasElement, data: ChartData, label: string) {
  const Chart = registerChartParts();
  const grid = themeColour(canvas, '--chart-grid', 'rgba(0,0,0,0.08)');
  const text = themeColour(canvas, '--muted', '#6b7280');
  const marker = themeColour(canvas, '--chart-marker', '#d97706');
  /** The data drawn now: the tooltip and marker callbacks read it after updates too. */
  let shown = data;
  const chart: ChartType<'line', (number | null)[], string> = new Chart(canvas, {
    type: 'line',
    data: { labels: data.labels, datasets: datasets(canvas, data, label) },
    plugins: [markersPlugin(() => shown.markers ?? [], marker)],
    options: {
      // Axis numbers and tooltips in the reader's locale.
      locale: intlLocale(),
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: {
          type: 'category',
          grid: { display: false },
          ticks: { color: text, maxRotation: 0, autoSkip: true, maxTicksLimit: 8 },
        },
        y: {
          type: 'linear',
          beginAtZero: true,
          grid: { color: grid },
          ticks: { color: text, precision: 0 },
        },
      },
      plugins: {
        tooltip: {
          enabled: true,
          callbacks: {
            // The comparison's value under its own date, not the current bucket's.
            label(item: TooltipItem<'line'>) {
              const name = item.dataset.label ?? '';
              const date = item.datasetIndex === 1 ? shown.previousLabels?.[item.dataIndex] : null;
              return date
                ? t('chart.valueOn', { series: name, date, value: item.formattedValue })
                : `${name}: ${item.formattedValue}`;
            },
            footer(items: TooltipItem<'line'>[]) {
              const i = items[0]?.dataIndex;
              if (i === undefined) return [];
              const lines = (shown.markers ?? []).filter((m) => m.index === i).map((m) => m.text);
              if (shown.incomplete === i) lines.push(t('chart.incomplete'));
              return lines;
            },
          },
        },
      },
    },
  });
  const handle: LineChart = {
    update(next, nextLabel) {
      shown = next;
      chart.data.labels = next.labels;
      chart.data.datasets = datasets(canvas, next, nextLabel);
      chart.update();
    },
    destroy() {
      chart.destroy();
    },
  };
  return handle;
}
