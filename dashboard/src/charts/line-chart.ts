// The visits/pageviews chart: created once per view, updated in place when the data changes,
// destroyed when the view leaves. Colours come from the theme's CSS custom properties.
import type { Chart as ChartType } from 'chart.js';
import type { ChartData } from '../data/series.js';
import { annotationMarks, type ChartMark } from './annotation-marks.js';
import { registerChartParts } from './register.js';
import { intlLocale } from '../i18n/locale.js';
import { t } from '../i18n/t.js';

export interface LineChart {
  update(data: ChartData, label: string, marks?: readonly ChartMark[]): void;
  destroy(): void;
}

function themeColour(el: Element, name: string, fallback: string): string {
  return getComputedStyle(el).getPropertyValue(name).trim() || fallback;
}

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
    tension: 0.25,
    pointRadius: data.current.length > 14 ? 0 : 3,
    borderWidth: 2,
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
      tension: 0.25,
      pointRadius: 0,
      borderWidth: 1.5,
    },
  ];
}

export function createLineChart(
  canvas: HTMLCanvasElement,
  data: ChartData,
  label: string,
  initialMarks: readonly ChartMark[] = [],
) {
  const Chart = registerChartParts();
  let marks = initialMarks;
  const grid = themeColour(canvas, '--chart-grid', 'rgba(0,0,0,0.08)');
  const text = themeColour(canvas, '--muted', '#6b7280');
  const chart: ChartType<'line', (number | null)[], string> = new Chart(canvas, {
    type: 'line',
    data: { labels: data.labels, datasets: datasets(canvas, data, label) },
    plugins: [annotationMarks(() => marks, themeColour(canvas, '--chart-mark', '#d97706'))],
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
      plugins: { tooltip: { enabled: true } },
    },
  });
  const handle: LineChart = {
    update(next, nextLabel, nextMarks = []) {
      marks = nextMarks;
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
