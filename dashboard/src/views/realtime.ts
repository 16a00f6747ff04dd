// Realtime: visits, pageviews and top pages of the last 30 minutes, refreshed every 10 seconds
// while the tab is visible. The figures are the receiving node's (docs/API.md, "Realtime").
import { h } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, ApiFailure, type RealtimeReport } from '../api.js';
import { formatNumber } from '../data/format.js';
import { decodePath } from '../data/labels.js';
import { realtimeChart } from '../data/realtime.js';
import { LineChartView } from './components.js';
import { SiteNav } from './site-nav.js';
import { errorText } from './use-load.js';
import { t, type MessageKey } from '../i18n/t.js';
import { formatTime } from '../data/format.js';

const refreshMs = 10_000;

export function RealtimeView(props: { domain: string; onUnauthorized: () => void }) {
  const [data, setData] = useState<RealtimeReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [updated, setUpdated] = useState<number | null>(null);

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = () => {
      clearTimeout(timer);
      api.realtime(props.domain).then(
        (r) => {
          if (!live) return;
          setError(null);
          setData(r);
          setUpdated(Date.now());
          schedule();
        },
        (err: unknown) => {
          if (!live) return;
          if (err instanceof ApiFailure && err.status === 401) props.onUnauthorized();
          else {
            setError(errorText(err));
            schedule();
          }
        },
      );
    };
    const schedule = () => {
      if (document.visibilityState === 'visible') timer = setTimeout(load, refreshMs);
    };
    const onVisibility = () => {
      if (document.visibilityState === 'visible') load();
      else clearTimeout(timer);
    };
    load();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      live = false;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [props.domain]);

  const chart = useMemo(() => (data ? realtimeChart(data.series) : null), [data]);
  return h(
    'div',
    { class: 'realtime-view', 'data-loaded': data ? 'true' : 'false' },
    h(SiteNav, { domain: props.domain, current: 'realtime' }),
    h(
      'header',
      { class: 'view-header' },
      h(
        'div',
        null,
        h('h1', null, t('realtime.title', { domain: props.domain })),
        h(
          'p',
          { class: 'muted range' },
          t('realtime.intro'),
          updated ? ` ${t('realtime.updated', { time: formatTime(updated) })}` : '',
        ),
      ),
    ),
    error && h('p', { class: 'error', role: 'alert' }, error),
    data &&
      h(
        'ul',
        { class: 'cards two', 'aria-label': t('realtime.last30') },
        h(
          'li',
          { class: 'card' },
          h(
            'div',
            { class: 'card-button' },
            h('span', { class: 'card-label' }, t('metric.visits')),
            h(
              'span',
              { class: 'card-value', 'data-realtime-value': 'visits' },
              formatNumber(data.visits),
            ),
          ),
        ),
        h(
          'li',
          { class: 'card' },
          h(
            'div',
            { class: 'card-button' },
            h('span', { class: 'card-label' }, t('metric.pageviews')),
            h(
              'span',
              { class: 'card-value', 'data-realtime-value': 'pageviews' },
              formatNumber(data.pageviews),
            ),
          ),
        ),
      ),
    chart &&
      h(
        'section',
        { class: 'panel chart-panel', 'aria-label': t('realtime.perMinute') },
        h('h2', null, t('realtime.perMinute')),
        h(LineChartView, { data: chart, label: t('metric.pageviews') }),
      ),
    data &&
      h(
        'section',
        { class: 'panel', 'aria-label': t('realtime.topPages'), 'data-realtime-pages': 'true' },
        h('h2', null, t('realtime.topPages')),
        data.top_pages.length === 0
          ? h('p', { class: 'muted' }, t('realtime.none'))
          : h(
              'table',
              { class: 'breakdown' },
              h(
                'thead',
                null,
                h(
                  'tr',
                  null,
                  h('th', { scope: 'col' }, t('dimension.page')),
                  h('th', { scope: 'col', class: 'num' }, t('metric.pageviews')),
                ),
              ),
              h(
                'tbody',
                null,
                data.top_pages.map((p) =>
                  h(
                    'tr',
                    { key: p.page },
                    h(
                      'td',
                      { class: 'label-cell' },
                      h(
                        'span',
                        { class: 'row-value', title: p.page, translate: false },
                        decodePath(p.page),
                      ),
                    ),
                    h('td', { class: 'num', 'data-count': 'true' }, formatNumber(p.pageviews)),
                  ),
                ),
              ),
            ),
      ),
  );
}
