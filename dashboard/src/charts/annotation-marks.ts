// A Chart.js plugin drawn by Pomelo: annotations as dashed vertical lines with a small flag at the
// top, one per chart bucket that holds a note (data/goals.ts `annotationBuckets`). The notes' text
// is never drawn on the canvas: the list under the chart holds it, as text.
import type { Chart, Plugin } from 'chart.js';

export interface ChartMark {
  /** The bucket (label index) the note falls in. */
  index: number;
  /** How many notes fall in it. */
  count: number;
}

/** A plugin reading the marks through `marks()`, so that updates need no new chart. */
export function annotationMarks(marks: () => readonly ChartMark[], colour: string): Plugin<'line'> {
  return {
    id: 'pomeloAnnotationMarks',
    afterDatasetsDraw(chart: Chart<'line'>) {
      const list = marks();
      if (list.length === 0) return;
      const { ctx, chartArea } = chart;
      const x = chart.scales.x;
      if (!x) return;
      ctx.save();
      ctx.strokeStyle = colour;
      ctx.fillStyle = colour;
      ctx.lineWidth = 1.5;
      ctx.setLineDash([4, 3]);
      for (const m of list) {
        const px = x.getPixelForValue(m.index);
        if (!Number.isFinite(px) || px < chartArea.left - 1 || px > chartArea.right + 1) continue;
        ctx.beginPath();
        ctx.moveTo(px, chartArea.top);
        ctx.lineTo(px, chartArea.bottom);
        ctx.stroke();
        // The flag: a small triangle at the top of the line.
        ctx.beginPath();
        ctx.moveTo(px, chartArea.top);
        ctx.lineTo(px + 7, chartArea.top + 4);
        ctx.lineTo(px, chartArea.top + 8);
        ctx.closePath();
        ctx.fill();
      }
      ctx.restore();
    },
  };
}
