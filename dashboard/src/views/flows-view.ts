// Page flows and the approximate funnel (docs/METRICS.md "Page flows", "Approximate funnel"):
// for one page, where its pageviews came from (entries being the outside world) and where they
// went (exits being the outside world); for 2–5 pages, the chain of one-step ratios — always
// labelled approximate, with what it can and cannot say.
import { h, type ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, type Access, type RangeQuery } from '../api.js';
import { formatNumber } from '../data/format.js';
import { formatRate, funnelSteps, hiddenRowK, maxFunnelSteps } from '../data/goals.js';
import { decodePath } from '../data/labels.js';
import { goalsApi, type FlowRow, type Flows, type Funnel } from '../goals-api.js';
import { intlLocale } from '../i18n/locale.js';
import { t, type MessageKey } from '../i18n/t.js';
import { errorText } from './use-load.js';

const pageLabel = (r: FlowRow) => {
  const k = r.hidden ? hiddenRowK(r.page) : null;
  return k === null ? decodePath(r.page) : t('goalsUi.hiddenRow', { k });
};

/** One side of a page's flows: the pages, then the outside world and the unattributed rest. */
function FlowSide(props: {
  side: 'from' | 'to';
  title: MessageKey;
  rows: FlowRow[];
  outside: { label: MessageKey; value: number | null };
  other: number | null;
  unattributed: number | null;
}) {
  const locale = intlLocale();
  const line = (
    key: string,
    label: ComponentChildren,
    r: { pageviews: number | null; percentage?: number | null },
    cls = '',
  ) =>
    h(
      'tr',
      { key, class: cls },
      h('td', null, label),
      h('td', { class: 'num', 'data-count': '' }, formatNumber(r.pageviews)),
      h(
        'td',
        { class: 'num muted' },
        r.percentage === undefined || r.percentage === null ? '' : formatRate(r.percentage, locale),
      ),
    );
  return h(
    'div',
    { class: 'flow-side', 'data-flow': props.side },
    h('h3', null, t(props.title)),
    h(
      'table',
      { class: 'breakdown' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', { scope: 'col' }, t('goalsUi.page')),
          h('th', { scope: 'col', class: 'num' }, t('metric.pageviews')),
          h('th', { scope: 'col', class: 'num' }, '%'),
        ),
      ),
      h(
        'tbody',
        null,
        props.rows.map((r) =>
          line(r.page, h('span', { class: 'row-value', translate: false }, pageLabel(r)), r),
        ),
        line(
          'outside',
          h('em', null, t(props.outside.label)),
          { pageviews: props.outside.value },
          'outside',
        ),
        (props.other ?? 0) > 0 &&
          line('other', h('em', null, t('goalsUi.otherPages')), { pageviews: props.other }),
        (props.unattributed ?? 0) > 0 &&
          line('unattributed', h('em', null, t('goalsUi.unattributed')), {
            pageviews: props.unattributed,
          }),
      ),
    ),
  );
}

export function FlowsPanel(props: {
  domain: string;
  range: RangeQuery;
  access?: Access | undefined;
}) {
  const [draft, setDraft] = useState('');
  // null until chosen: the range's top page to begin with.
  const [page, setPage] = useState<string | null>(null);
  const [data, setData] = useState<Flows | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (page !== null) return;
    let live = true;
    api.breakdown(props.domain, 'page', props.range, props.access, { limit: 1 }).then(
      (b) => {
        if (!live) return;
        const top = b.results.find((r) => !(r as { hidden?: unknown }).hidden)?.value ?? '/';
        // What the reader already typed stays.
        setDraft((typed) => typed || top);
        setPage(top);
      },
      (err: unknown) => live && setError(errorText(err)),
    );
    return () => {
      live = false;
    };
  }, [props.domain, props.range, props.access, page]);
  useEffect(() => {
    if (page === null) return;
    let live = true;
    setData(null);
    goalsApi.flows(props.domain, props.range, page, props.access).then(
      (f) => {
        if (!live) return;
        setError(null);
        setData(f);
      },
      (err: unknown) => live && setError(errorText(err)),
    );
    return () => {
      live = false;
    };
  }, [props.domain, props.range, page, props.access]);
  return h(
    'section',
    { class: 'panel flows-panel', 'aria-labelledby': 'flows-title', 'data-flows': page ?? '' },
    h('div', { class: 'panel-head' }, h('h2', { id: 'flows-title' }, t('goalsUi.flowsTitle'))),
    h(
      'form',
      {
        class: 'inline-form',
        onSubmit: (e: Event) => {
          e.preventDefault();
          setPage(draft.trim() || '/');
        },
      },
      h(
        'label',
        { class: 'field' },
        h('span', null, t('goalsUi.flowsPage')),
        h('input', {
          name: 'flows-page',
          value: draft,
          translate: false,
          onInput: (e: Event) => setDraft((e.currentTarget as HTMLInputElement).value),
        }),
      ),
      h('button', { type: 'submit', class: 'secondary' }, t('goalsUi.show')),
    ),
    error && h('p', { class: 'error', role: 'alert' }, error),
    !data && !error && h('p', { class: 'muted' }, t('common.loading')),
    data &&
      h(
        'p',
        { class: 'muted' },
        t('goalsUi.flowsSummary', {
          page: decodePath(data.page),
          pageviews: formatNumber(data.pageviews),
        }),
      ),
    data &&
      h(
        'div',
        { class: 'flow-sides' },
        h(FlowSide, {
          side: 'from',
          title: 'goalsUi.cameFrom',
          rows: data.came_from.results,
          outside: { label: 'goalsUi.entrances', value: data.came_from.entrances },
          other: data.came_from.other_pages,
          unattributed: data.came_from.unattributed,
        }),
        h(FlowSide, {
          side: 'to',
          title: 'goalsUi.wentTo',
          rows: data.went_to.results,
          outside: { label: 'goalsUi.exits', value: data.went_to.exits },
          other: data.went_to.other_pages,
          unattributed: data.went_to.unattributed,
        }),
      ),
    data &&
      data.folded_by_cap > 0 &&
      h('p', { class: 'muted rows-note' }, t('goalsUi.pairsFolded', { count: data.folded_by_cap })),
  );
}

const funnelReasons: Record<'tooFew' | 'tooMany' | 'notPath', MessageKey> = {
  tooFew: 'goalsUi.funnelTooFew',
  tooMany: 'goalsUi.funnelTooMany',
  notPath: 'goalsUi.funnelNotPath',
};

export function FunnelPanel(props: {
  domain: string;
  range: RangeQuery;
  access?: Access | undefined;
}) {
  const [inputs, setInputs] = useState<string[]>(['/', '', '', '', '']);
  const [steps, setSteps] = useState<string[] | null>(null);
  const [data, setData] = useState<Funnel | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!steps) return;
    let live = true;
    setData(null);
    goalsApi.funnel(props.domain, props.range, steps, props.access).then(
      (f) => {
        if (!live) return;
        setError(null);
        setData(f);
      },
      (err: unknown) => live && setError(errorText(err)),
    );
    return () => {
      live = false;
    };
  }, [props.domain, props.range, steps, props.access]);
  const submit = (e: Event) => {
    e.preventDefault();
    const parsed = funnelSteps(inputs);
    if (!parsed.ok) {
      setError(t(funnelReasons[parsed.reason]));
      return;
    }
    setError(null);
    setSteps(parsed.steps);
  };
  const locale = intlLocale();
  const ratio = (r: number | null) => (r === null ? '—' : formatRate(r * 100, locale));
  return h(
    'section',
    { class: 'panel funnel-panel', 'aria-labelledby': 'funnel-title', 'data-funnel': '' },
    h(
      'div',
      { class: 'panel-head' },
      h('h2', { id: 'funnel-title' }, t('goalsUi.funnelTitle')),
      h(
        'span',
        { class: 'badge approximate', 'data-approximate': 'true' },
        t('goalsUi.approximate'),
      ),
    ),
    h('p', { class: 'muted' }, t('goalsUi.funnelIntro')),
    h(
      'form',
      { class: 'funnel-form', onSubmit: submit },
      Array.from({ length: maxFunnelSteps }, (_, i) =>
        h(
          'label',
          { key: i, class: 'field' },
          h('span', null, t('goalsUi.step', { n: i + 1 })),
          h('input', {
            name: `funnel-step-${i + 1}`,
            value: inputs[i],
            translate: false,
            placeholder: i === 0 ? '/' : '',
            onInput: (e: Event) => {
              const next = [...inputs];
              next[i] = (e.currentTarget as HTMLInputElement).value;
              setInputs(next);
            },
          }),
        ),
      ),
      h('button', { type: 'submit', class: 'secondary' }, t('goalsUi.compute')),
    ),
    error && h('p', { class: 'error', role: 'alert' }, error),
    data &&
      h(
        'table',
        { class: 'breakdown funnel-table' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            h('th', { scope: 'col' }, t('goalsUi.page')),
            h('th', { scope: 'col', class: 'num' }, t('metric.pageviews')),
            h('th', { scope: 'col', class: 'num' }, t('goalsUi.toNext')),
            h('th', { scope: 'col', class: 'num' }, t('goalsUi.stepRatio')),
            h('th', { scope: 'col', class: 'num' }, t('goalsUi.estimated')),
          ),
        ),
        h(
          'tbody',
          null,
          data.steps.map((s, i) =>
            h(
              'tr',
              { key: i, 'data-step': i + 1 },
              h(
                'td',
                null,
                h('span', { class: 'row-value', translate: false }, decodePath(s.page)),
              ),
              h('td', { class: 'num', 'data-pageviews': '' }, formatNumber(s.pageviews)),
              h('td', { class: 'num', 'data-to-next': '' }, formatNumber(s.to_next)),
              h('td', { class: 'num', 'data-ratio': '' }, ratio(s.ratio)),
              h('td', { class: 'num', 'data-estimated': '' }, formatNumber(s.estimated)),
            ),
          ),
        ),
      ),
    data &&
      h(
        'p',
        { 'data-completion': '' },
        t('goalsUi.completion', { ratio: ratio(data.estimated_completion) }),
      ),
    h(
      'details',
      { class: 'funnel-explain' },
      h('summary', null, t('goalsUi.funnelWhat')),
      h('p', null, t('goalsUi.funnelCan')),
      h('p', null, t('goalsUi.funnelCannot')),
      h('p', { class: 'muted' }, t('goalsUi.funnelMore')),
    ),
  );
}
