// Registers only the Chart.js parts the dashboard draws with (not chart.js/auto): a line chart on
// a category x-axis (the server fills the buckets, so no date adapter) with tooltips and fills.
import {
  CategoryScale,
  Chart,
  Filler,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

let registered = false;

export function registerChartParts(): typeof Chart {
  if (!registered) {
    Chart.register(
      LineController,
      LineElement,
      PointElement,
      CategoryScale,
      LinearScale,
      Tooltip,
      Filler,
    );
    registered = true;
  }
  return Chart;
}
