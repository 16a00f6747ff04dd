// Annotation markers on the line chart: a dashed vertical line and a dot on each marked bucket.
// A plain Chart.js plugin (no chartjs-plugin-annotation): the markers come from a getter, so an
// update of the data moves them without re-registering anything.
import type { Chart, Plugin } from 'chart.js';
import type { ChartMarker } from '../data/series.js';

export function markersPlugin(markers: () => ChartMarker[], colour: string): Plugin<'line'> {
  return {
    id: 'pomeloMarkers',
    afterDatasetsDraw(chart: Chart<'line'>) {
      const list = markers();
      if (list.length === 0) return;
      const { ctx, chartArea, scales } = chart;
      const x = scales.x;
      if (!x) return;
      ctx.save();
      ctx.strokeStyle = colour;
      ctx.fillStyle = colour;
      ctx.lineWidth = 1;
      ctx.setLineDash([3, 3]);
      for (const m of list) {
        const px = x.getPixelForValue(m.index);
        if (!(px >= chartArea.left && px <= chartArea.right)) continue;
        ctx.beginPath();
        ctx.moveTo(px, chartArea.top);
        ctx.lineTo(px, chartArea.bottom);
        ctx.stroke();
        ctx.beginPath();
        ctx.arc(px, chartArea.top + 4, 4, 0, Math.PI * 2);
        ctx.fill();
      }
      ctx.restore();
    },
  };
}
