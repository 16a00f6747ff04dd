// The overview's table (issue 19 §9): sites grouped by organisation, sortable columns (visits,
// pageviews, bounce rate, change, and conversions when a site has goals), a checkbox per site to
// combine chosen sites, and a link per organisation to its combined report (views/rollup.ts).
import { ConversionsCell } from './goals-panel.js';
import { h, type ComponentChild } from 'preact';
import type { OverviewRow } from '../api.js';
import { formatCompact, formatPercent } from '../data/format.js';
import type { SortKey } from '../data/sites.js';
import { t } from '../i18n/t.js';
import { hrefOf } from '../router.js';
import { ChangeBadge, Sparkline } from './components.js';

/** A site with nothing counted in the period shows "—", not 0 (issue 19). */
const quiet = (r: { visits: number; pageviews: number }) => r.visits === 0 && r.pageviews === 0;

export function SitesTable(props: {
  groups: { org: string | null; rows: OverviewRow[] }[];
  goals: boolean;
  sortButton: (key: SortKey, label: string) => ComponentChild;
  chosen: string[];
  onChoose: (domain: string, on: boolean) => void;
}) {
  const columns = 6 + (props.goals ? 1 : 0);
  const head = h(
    'thead',
    null,
    h(
      'tr',
      null,
      h(
        'th',
        { scope: 'col', class: 'choose' },
        h('span', { class: 'visually-hidden' }, t('overview.choose')),
      ),
      h('th', { scope: 'col' }, props.sortButton('name', t('overview.site'))),
      h('th', { scope: 'col', class: 'trend' }, t('overview.trend')),
      h('th', { scope: 'col', class: 'num' }, props.sortButton('visits', t('metric.visits'))),
      h('th', { scope: 'col', class: 'num' }, props.sortButton('pageviews', t('metric.pageviews'))),
      h(
        'th',
        { scope: 'col', class: 'num wide' },
        props.sortButton('bounce_rate', t('metric.bounceRate')),
      ),
      h(
        'th',
        { scope: 'col', class: 'num wide' },
        props.sortButton('change', t('overview.change')),
      ),
      props.goals &&
        h(
          'th',
          { scope: 'col', class: 'num wide' },
          props.sortButton('conversions', t('overview.conversions')),
        ),
    ),
  );
  const row = (r: OverviewRow) =>
    h(
      'tr',
      { key: r.domain, 'data-site': r.domain },
      h(
        'td',
        { class: 'choose' },
        h('input', {
          type: 'checkbox',
          'data-choose': r.domain,
          'aria-label': t('overview.chooseSite', { site: r.domain }),
          checked: props.chosen.includes(r.domain),
          onChange: (e: Event) =>
            props.onChoose(r.domain, (e.currentTarget as HTMLInputElement).checked),
        }),
      ),
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
      ),
      h(
        'td',
        { class: 'num' },
        h('span', { 'data-value': 'pageviews' }, quiet(r) ? '—' : formatCompact(r.pageviews)),
        h(ChangeBadge, { metric: 'pageviews', change: r.change.pageviews }),
      ),
      h(
        'td',
        { class: 'num wide' },
        h(
          'span',
          { 'data-value': 'bounce_rate' },
          r.visits > 0 && r.bounce_rate !== undefined ? formatPercent(r.bounce_rate) : '—',
        ),
      ),
      h('td', { class: 'num wide' }, h(ChangeBadge, { metric: 'visits', change: r.change.visits })),
      props.goals && h(ConversionsCell, { row: r }),
    );
  return h(
    'table',
    { class: 'sites' },
    head,
    props.groups.map((g) =>
      h(
        'tbody',
        { key: g.org ?? '', 'data-org': g.org ?? '' },
        h(
          'tr',
          { class: 'org-row' },
          h(
            'th',
            { scope: 'rowgroup', colSpan: columns },
            // An organisation's name is data, shown as written (never translated).
            g.org === null ? t('overview.noOrg') : h('span', { translate: false }, g.org),
            g.org !== null &&
              h(
                'a',
                {
                  class: 'org-rollup',
                  'data-rollup-link': g.org,
                  href: hrefOf({ name: 'rollup', selection: { org: g.org } }),
                },
                t('overview.combineOrg'),
              ),
          ),
        ),
        g.rows.map(row),
      ),
    ),
  );
}
