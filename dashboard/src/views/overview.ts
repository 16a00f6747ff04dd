// Agency overview: every site of every organisation the user belongs to, with visits, pageviews,
// the change versus the previous period and a sparkline; sortable, with a search box.
import { h } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, ApiFailure, type Me, type OverviewRow, type Period } from '../api.js';
import { formatCompact } from '../data/format.js';

/** A site with nothing counted in the period shows "—", not 0 (issue 19). */
const quiet = (r: { visits: number; pageviews: number }) => r.visits === 0 && r.pageviews === 0;
import { filterAndSortSites, type SortKey } from '../data/sites.js';
import { hrefOf } from '../router.js';
import { AddSite } from './add-site.js';
import { ChangeBadge, PeriodPicker, Sparkline } from './components.js';
import { t } from '../i18n/t.js';
import { errorText } from './use-load.js';

export function OverviewView(props: { me?: Me; onUnauthorized: () => void }) {
  const [period, setPeriod] = useState<Period>('30d');
  const [rows, setRows] = useState<OverviewRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<SortKey>('visits');

  useEffect(() => {
    let live = true;
    api.overview(period).then(
      (r) => live && setRows(r.results),
      (err: unknown) => {
        if (!live) return;
        if (err instanceof ApiFailure && err.status === 401) props.onUnauthorized();
        else setError(errorText(err));
      },
    );
    return () => {
      live = false;
    };
  }, [period]);

  const shown = useMemo(
    () => (rows ? filterAndSortSites(rows, sort, search) : []),
    [rows, sort, search],
  );
  const sortButton = (key: SortKey, label: string) =>
    h(
      'button',
      {
        type: 'button',
        class: 'sort',
        'aria-pressed': sort === key ? 'true' : 'false',
        onClick: () => setSort(key),
      },
      label,
    );

  return h(
    'div',
    { class: 'overview', 'data-loaded': rows ? 'true' : 'false' },
    h(
      'header',
      { class: 'view-header' },
      h('h1', null, t('overview.title')),
      h(
        'div',
        { class: 'controls' },
        h(PeriodPicker, { value: period, onChange: setPeriod }),
        h(
          'label',
          { class: 'search' },
          h('span', { class: 'visually-hidden' }, t('overview.search')),
          h('input', {
            type: 'search',
            name: 'search',
            placeholder: t('overview.search'),
            value: search,
            onInput: (e: Event) => setSearch((e.currentTarget as HTMLInputElement).value),
          }),
        ),
      ),
    ),
    props.me && h(AddSite, { me: props.me }),
    error && h('p', { class: 'error', role: 'alert' }, error),
    rows &&
      rows.length === 0 &&
      h(
        'p',
        { class: 'muted' },
        t('overview.empty', {
          command: 'npm run pomelo -- site add example.com --timezone Europe/Paris',
        }),
      ),
    rows &&
      rows.length > 0 &&
      h(
        'table',
        { class: 'sites' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            h('th', { scope: 'col' }, sortButton('name', t('overview.site'))),
            h('th', { scope: 'col', class: 'trend' }, t('overview.trend')),
            h('th', { scope: 'col', class: 'num' }, sortButton('visits', t('metric.visits'))),
            h('th', { scope: 'col', class: 'num' }, sortButton('pageviews', t('metric.pageviews'))),
          ),
        ),
        h(
          'tbody',
          null,
          shown.map((r) =>
            h(
              'tr',
              { key: r.domain, 'data-site': r.domain },
              h(
                'td',
                null,
                h(
                  'a',
                  {
                    href: hrefOf({ name: 'site', domain: r.domain }),
                    class: 'site-link',
                    translate: false,
                  },
                  r.name || r.domain,
                ),
                r.name &&
                  r.name !== r.domain &&
                  h('span', { class: 'muted domain', translate: false }, r.domain),
              ),
              h('td', { class: 'trend' }, h(Sparkline, { values: r.sparkline })),
              h(
                'td',
                { class: 'num' },
                h('span', { 'data-value': 'visits' }, quiet(r) ? '—' : formatCompact(r.visits)),
                h(ChangeBadge, { metric: 'visits', change: r.change.visits }),
              ),
              h(
                'td',
                { class: 'num' },
                h(
                  'span',
                  { 'data-value': 'pageviews' },
                  quiet(r) ? '—' : formatCompact(r.pageviews),
                ),
                h(ChangeBadge, { metric: 'pageviews', change: r.change.pageviews }),
              ),
            ),
          ),
        ),
      ),
    rows &&
      rows.length > 0 &&
      shown.length === 0 &&
      h('p', { class: 'muted' }, t('overview.noMatch')),
  );
}
