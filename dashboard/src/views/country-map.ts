// The Locations panel's world map, beside the country table (issue 19). The table stays the
// accessible source: the map is an image with a label and a focusable description saying so.
// Its code and the world topology are a chunk loaded when the map first shows.
import { h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Breakdown } from '../api.js';
import { drawnCountries } from '../data/country-map.js';
import { formatNumber } from '../data/format.js';
import { displayValue } from '../data/labels.js';
import { intlLocale } from '../i18n/locale.js';
import { t } from '../i18n/t.js';
import type { WorldMap } from '../charts/world-map.js';

function themeColour(el: Element, name: string, fallback: string): string {
  return getComputedStyle(el).getPropertyValue(name).trim() || fallback;
}

export function CountryMap(props: { data: Breakdown }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const map = useRef<WorldMap | null>(null);
  const [drawn, setDrawn] = useState<Record<string, number> | null>(null);
  const metric = props.data.metrics[0] ?? 'visits';
  const rows = props.data.results.map((r) => ({ value: r.value, count: Number(r[metric] ?? 0) }));

  useEffect(() => {
    let live = true;
    void import('../charts/world-map.js').then((m) => {
      const el = canvas.current;
      if (!live || !el) return;
      if (map.current) map.current.update(rows);
      else {
        map.current = m.createWorldMap(
          el,
          rows,
          {
            low: themeColour(el, '--map-land', '#e5e7eb'),
            high: themeColour(el, '--chart-line', '#4f46e5'),
            border: themeColour(el, '--surface', '#ffffff'),
          },
          (feature, value) => {
            const name = String((feature as { properties?: { name?: string } }).properties?.name);
            return `${name}: ${formatNumber(value)}`;
          },
        );
      }
      setDrawn(drawnCountries(m.featureIds, rows));
    });
    return () => {
      live = false;
    };
  }, [props.data]);
  useEffect(
    () => () => {
      map.current?.destroy();
      map.current = null;
    },
    [],
  );

  const top = props.data.results[0];
  return h(
    'figure',
    {
      class: 'country-map',
      // Focusable, so that a keyboard or screen-reader user meets its description.
      tabIndex: 0,
      'aria-describedby': 'country-map-note',
      'data-map-values': drawn ? JSON.stringify(drawn) : undefined,
    },
    h(
      'div',
      { class: 'map-canvas' },
      h('canvas', { ref: canvas, role: 'img', 'aria-label': t('map.label') }),
    ),
    h(
      'figcaption',
      { id: 'country-map-note', class: 'muted' },
      top
        ? t('map.note', {
            country: displayValue('country', top.value, intlLocale()),
            count: Number(top[metric] ?? 0),
          })
        : t('map.noteEmpty'),
    ),
  );
}
