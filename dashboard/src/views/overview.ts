// Agency overview: every site of every organisation the user belongs to, with visits, pageviews,
// the change versus the previous period and a sparkline; sortable, with a search box.
import { h } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, ApiFailure, type Me, type OverviewRow, type Period } from '../api.js';
import { filterAndSortSites, groupByOrg, type SortKey } from '../data/sites.js';
import { SitesTable } from './sites-table.js';
import { hrefOf } from '../router.js';
import { AddSite } from './add-site.js';
import { PeriodPicker } from './components.js';
import { t } from '../i18n/t.js';
import { errorText } from './use-load.js';

export function OverviewView(props: { me?: Me; onUnauthorized: () => void }) {
  const [period, setPeriod] = useState<Period>('30d');
  const [rows, setRows] = useState<OverviewRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<SortKey>('visits');
  // Sites chosen for a combined report (the agency rollup, views/rollup.ts).
  const [chosen, setChosen] = useState<string[]>([]);

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
      h(SitesTable, {
        groups: groupByOrg(shown),
        goals: rows.some((r) => r.conversions !== null && r.conversions !== undefined),
        sortButton,
        chosen,
        onChoose: (domain: string, on: boolean) =>
          setChosen((c) => (on ? [...c, domain] : c.filter((d) => d !== domain))),
      }),
    chosen.length > 0 &&
      h(
        'p',
        { class: 'rollup-choice' },
        h(
          'a',
          {
            class: 'button',
            'data-rollup-link': 'chosen',
            href: hrefOf({ name: 'rollup', selection: { sites: [...chosen].sort() } }),
          },
          t('overview.combineChosen', { count: chosen.length }),
        ),
      ),
    rows &&
      rows.length > 0 &&
      shown.length === 0 &&
      h('p', { class: 'muted' }, t('overview.noMatch')),
  );
}
