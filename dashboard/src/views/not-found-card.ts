// The "Not found" panel: the paths reported by sites' 404 templates (an event named `404` with a
// `path` prop, docs/API.md "Not-found pages"), as a breakdown panel. Paths are visitor text.
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Access, Breakdown, RangeQuery } from '../api.js';
import { goalsApi } from '../goals-api.js';
import { t } from '../i18n/t.js';
import { BreakdownPanel } from './components.js';
import { errorText } from './use-load.js';

export function NotFoundCard(props: {
  domain: string;
  range: RangeQuery;
  access?: Access | undefined;
}) {
  const [data, setData] = useState<Breakdown | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setData(null);
    goalsApi.notFound(props.domain, props.range, props.access).then(
      (r) => {
        if (!live) return;
        setError(null);
        setData({
          dimension: 'not_found',
          metrics: ['events'],
          total_rows: r.total_rows,
          total: r.total,
          results: r.results,
        });
      },
      (err: unknown) => live && setError(errorText(err)),
    );
    return () => {
      live = false;
    };
  }, [props.domain, props.range, props.access]);
  return h(
    'div',
    { class: 'not-found-card', 'data-not-found': '' },
    h(BreakdownPanel, {
      title: t('goalsUi.notFoundTitle'),
      dimension: 'not_found',
      columnLabel: t('goalsUi.path'),
      data,
      error,
    }),
    data && data.results.length === 0 && h('p', { class: 'muted note' }, t('goalsUi.notFoundHow')),
  );
}
