// The report's goals panel: each goal's conversions, conversion rate and revenue (per currency,
// never converted) over the report's range; choosing a goal narrows the cards and the chart to it
// (the report API's `goal=`), `GoalCards` shows the narrowed figures.
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Access, OverviewRow, RangeQuery } from '../api.js';
import { formatCompact, formatNumber } from '../data/format.js';
import { formatRate, formatRevenue } from '../data/goals.js';
import { goalsApi, type GoalReport, type GoalsReport } from '../goals-api.js';
import { intlLocale } from '../i18n/locale.js';
import { t } from '../i18n/t.js';
import { ExportButton, MetricCard } from './components.js';
import { errorText } from './use-load.js';

/** The site report narrowed to one goal, reloaded with the range; null without a goal. */
export function useGoalReport(
  domain: string,
  range: RangeQuery,
  goal: string | null,
  access: Access | undefined,
): { data: GoalReport | null; error: string | null } {
  const [data, setData] = useState<GoalReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setData(null);
    setError(null);
    if (goal === null) return;
    let live = true;
    goalsApi.goalReport(domain, range, goal, access).then(
      (r) => live && setData(r),
      (err: unknown) => live && setError(errorText(err)),
    );
    return () => {
      live = false;
    };
  }, [domain, range, goal, access]);
  return { data, error };
}

/** The cards while a goal is chosen: the range's visits and the goal's figures. */
export function GoalCards(props: { report: GoalReport['goal'] | null }) {
  const g = props.report;
  const locale = intlLocale();
  const cards = [
    { metric: 'visits', label: t('metric.visits'), value: g ? formatNumber(g.visits) : '…' },
    {
      metric: 'conversions',
      label: t('goalsUi.conversions'),
      value: g ? formatNumber(g.conversions) : '…',
    },
    {
      metric: 'conversion_rate',
      label: t('goalsUi.conversionRate'),
      value: g ? formatRate(g.conversion_rate, locale) : '…',
    },
  ];
  if (g?.revenue) {
    cards.push(
      {
        metric: 'revenue',
        label: t('goalsUi.revenue'),
        value: formatRevenue(g.revenue, locale),
      },
      {
        metric: 'average_revenue',
        label: t('goalsUi.averageRevenue'),
        value:
          g.revenue.average === null
            ? '—'
            : formatRevenue({ currency: g.revenue.currency, total: g.revenue.average }, locale),
      },
    );
  }
  return h(
    'ul',
    { class: 'cards', 'aria-label': t('report.totals'), 'data-goal-cards': g?.name ?? '' },
    cards.map((c) => h(MetricCard, { key: c.metric, ...c })),
  );
}

export function GoalsPanel(props: {
  domain: string;
  range: RangeQuery;
  access?: Access | undefined;
  selected: string | null;
  onSelect: (goal: string | null) => void;
}) {
  const [data, setData] = useState<GoalsReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setData(null);
    goalsApi.goalsReport(props.domain, props.range, props.access).then(
      (r) => {
        if (!live) return;
        setError(null);
        setData(r);
      },
      (err: unknown) => live && setError(errorText(err)),
    );
    return () => {
      live = false;
    };
  }, [props.domain, props.range, props.access]);
  const locale = intlLocale();
  const folded = data ? data.folded.pageviews + data.folded.events + data.folded.props : 0;
  let content;
  if (error) content = h('p', { class: 'error' }, error);
  else if (!data) content = h('p', { class: 'muted' }, t('common.loading'));
  else if (data.goals.length === 0) content = h('p', { class: 'muted' }, t('goalsUi.noGoals'));
  else {
    content = h(
      'table',
      { class: 'breakdown goals-table' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', { scope: 'col' }, t('goalsUi.goal')),
          h('th', { scope: 'col', class: 'num' }, t('goalsUi.conversions')),
          h('th', { scope: 'col', class: 'num' }, t('goalsUi.rate')),
          h('th', { scope: 'col', class: 'num' }, t('goalsUi.revenue')),
        ),
      ),
      h(
        'tbody',
        null,
        data.goals.map((g) =>
          h(
            'tr',
            { key: g.name, 'data-goal-row': g.name },
            h(
              'td',
              { class: 'label-cell' },
              h(
                'button',
                {
                  type: 'button',
                  class: 'row-value row-button',
                  translate: false,
                  'aria-pressed': props.selected === g.name ? 'true' : 'false',
                  'data-goal-select': g.name,
                  onClick: () => props.onSelect(props.selected === g.name ? null : g.name),
                },
                g.name,
              ),
            ),
            h('td', { class: 'num', 'data-conversions': '' }, formatNumber(g.conversions)),
            h('td', { class: 'num', 'data-rate': '' }, formatRate(g.conversion_rate, locale)),
            h(
              'td',
              {
                class: 'num',
                'data-revenue': '',
                title: g.revenue?.average
                  ? t('goalsUi.averageIs', {
                      average: formatRevenue(
                        { currency: g.revenue.currency, total: g.revenue.average },
                        locale,
                      ),
                    })
                  : undefined,
              },
              formatRevenue(g.revenue, locale),
            ),
          ),
        ),
      ),
    );
  }
  return h(
    'section',
    { class: 'panel goals-panel', 'aria-labelledby': 'goals-panel-title', 'data-goals-panel': '' },
    h(
      'div',
      { class: 'panel-head' },
      h('h2', { id: 'goals-panel-title' }, t('goalsUi.panelTitle')),
      h('span', { class: 'spacer' }),
      data &&
        data.goals.length > 0 &&
        h(ExportButton, {
          label: t('goalsUi.exportCsv'),
          name: 'goals',
          fetchFile: () => goalsApi.exportGoals(props.domain, props.range, props.access),
        }),
    ),
    content,
    data &&
      data.goals.length > 0 &&
      h('p', { class: 'muted rows-note' }, t('goalsUi.rateNote', { visits: data.visits })),
    folded > 0 &&
      h(
        'p',
        { class: 'muted rows-note', 'data-folded': String(folded) },
        t('goalsUi.folded', {
          pageviews: data!.folded.pageviews,
          events: data!.folded.events + data!.folded.props,
        }),
      ),
  );
}

/** The agency overview's cell: a site's conversions (all goals) and their rate, `—` without goals. */
export function ConversionsCell(props: { row: OverviewRow }) {
  const { conversions, conversion_rate: rate } = props.row;
  if (conversions === null || conversions === undefined) {
    return h('td', { class: 'num muted', 'data-value': 'conversions' }, '—');
  }
  return h(
    'td',
    { class: 'num' },
    h('span', { 'data-value': 'conversions' }, formatCompact(conversions)),
    ' ',
    h(
      'span',
      { class: 'muted', 'data-value': 'conversion_rate' },
      formatRate(rate ?? null, intlLocale()),
    ),
  );
}
