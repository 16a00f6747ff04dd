// The countries map: a chartjs-chart-geo choropleth over world-atlas countries-110m. Loaded only
// when a report shows its Locations panel (a chunk of its own: the main bundle stays small).
// Created once, updated in place, destroyed with the view, like the line chart.
import { Chart } from 'chart.js';
import {
  ChoroplethController,
  ColorScale,
  GeoFeature,
  ProjectionScale,
  topojson,
  type Feature,
} from 'chartjs-chart-geo';
import { Tooltip } from 'chart.js';
import atlas from 'world-atlas/countries-110m.json';
import { mapValues } from '../data/country-map.js';

let registered = false;

/** `#4f46e5` → `rgba(79, 70, 229, a)`; other colour syntaxes are used as they are. */
function withAlpha(colour: string, a: number): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  if (!m) return colour;
  const [r, g, b] = [m[1]!, m[2]!, m[3]!].map((x) => parseInt(x, 16));
  return `rgba(${r}, ${g}, ${b}, ${a.toFixed(2)})`;
}

interface Topology {
  objects: { countries: unknown };
}

/** The countries (not Antarctica: no visitor timezone points there, and it eats the height). */
const countries: Feature[] = (
  topojson.feature(
    atlas as unknown as Parameters<typeof topojson.feature>[0],
    (atlas as unknown as Topology).objects.countries as Parameters<typeof topojson.feature>[1],
  ) as unknown as { features: Feature[] }
).features.filter((f) => (f as { id?: string }).id !== '010');

export const featureIds = countries.map((f) => (f as { id?: string }).id);

export interface WorldMap {
  update(rows: { value: string; count: number }[]): void;
  destroy(): void;
}

export function createWorldMap(
  canvas: HTMLCanvasElement,
  rows: { value: string; count: number }[],
  colours: { low: string; high: string; border: string },
  label: (feature: Feature, value: number | null) => string,
): WorldMap {
  if (!registered) {
    Chart.register(ChoroplethController, GeoFeature, ColorScale, ProjectionScale, Tooltip);
    registered = true;
  }
  const data = (r: { value: string; count: number }[]) =>
    mapValues(featureIds, r).map((value, i) => ({ feature: countries[i]!, value: value ?? 0 }));
  const chart = new Chart(canvas, {
    type: 'choropleth',
    data: {
      labels: countries.map((f) =>
        String((f as { properties?: { name?: string } }).properties?.name),
      ),
      datasets: [
        {
          label: 'countries',
          data: data(rows),
          outline: countries,
          borderColor: colours.border,
          borderWidth: 0.5,
        },
      ],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      showOutline: false,
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            label: (item) => {
              const point = item.raw as { feature: Feature; value: number };
              return label(point.feature, point.value);
            },
          },
        },
      },
      scales: {
        projection: { axis: 'x', projection: 'equalEarth' },
        color: {
          axis: 'x',
          display: false,
          // No visits: the plain land colour; otherwise the accent, stronger with more visits.
          interpolate: (v: number) =>
            v <= 0 ? colours.low : withAlpha(colours.high, 0.25 + 0.75 * v),
          missing: colours.low,
        },
      },
    },
  });
  return {
    update(next) {
      chart.data.datasets[0]!.data = data(next);
      chart.update();
    },
    destroy() {
      chart.destroy();
    },
  };
}
