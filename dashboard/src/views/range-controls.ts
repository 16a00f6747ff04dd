// The site report's range controls: named periods, a custom range (two date fields checked before
// asking the server) and the comparison (previous period or the same dates a year earlier).
import { h } from 'preact';
import { useState } from 'preact/hooks';
import type { CompareKind, Interval, Period, RangeQuery } from '../api.js';
import { customRangeError } from '../data/custom-range.js';
import { intervalsFor, reportPeriods } from '../data/report-view.js';
import { PeriodPicker } from './components.js';
import { t } from '../i18n/t.js';

export { rangeFromState, reportPeriods } from '../data/report-view.js';

export function RangePicker(props: {
  value: RangeQuery;
  /** The days the report shows now: where a new custom range starts from. */
  shown: { from: string; to: string } | null;
  onChange: (r: RangeQuery) => void;
}) {
  const [editing, setEditing] = useState(false);
  const [from, setFrom] = useState(props.value.from ?? props.shown?.from ?? '');
  const [to, setTo] = useState(props.value.to ?? props.shown?.to ?? '');
  const [error, setError] = useState<string | null>(null);
  const pick = (p: Period) => {
    if (p === 'custom') {
      // The fields are filled as the form opens, in the same render: an effect would run after
      // it and could overwrite what was typed at once.
      if (!editing) {
        setFrom(props.value.from ?? props.shown?.from ?? '');
        setTo(props.value.to ?? props.shown?.to ?? '');
      }
      setEditing(!editing);
      setError(null);
      return;
    }
    setEditing(false);
    props.onChange({ period: p });
  };
  const apply = (e: Event) => {
    e.preventDefault();
    const problem = customRangeError(from, to);
    setError(problem);
    if (problem) return;
    setEditing(false);
    props.onChange({ period: 'custom', from, to });
  };
  const dateField = (label: string, name: string, value: string, set: (v: string) => void) =>
    h(
      'label',
      { class: 'field inline' },
      h('span', null, label),
      h('input', {
        type: 'date',
        name,
        value,
        required: true,
        onInput: (e: Event) => set((e.currentTarget as HTMLInputElement).value),
      }),
    );

  return h(
    'div',
    { class: 'range-picker' },
    h(PeriodPicker, {
      value: editing ? 'custom' : props.value.period,
      onChange: pick,
      options: reportPeriods,
    }),
    editing &&
      h(
        'form',
        { class: 'custom-range', onSubmit: apply, 'aria-label': t('range.custom') },
        dateField(t('range.from'), 'from', from, setFrom),
        dateField(t('range.to'), 'to', to, setTo),
        h('button', { type: 'submit', class: 'primary small' }, t('range.apply')),
        error && h('p', { class: 'error', role: 'alert' }, error),
      ),
  );
}

export function CompareSelect(props: {
  value: CompareKind | null;
  onChange: (c: CompareKind | null) => void;
}) {
  return h(
    'label',
    { class: 'toggle' },
    h('span', null, t('compare.label')),
    h(
      'select',
      {
        name: 'compare',
        // The label's text alone: a wrapping label would also read out the chosen option.
        'aria-label': t('compare.label'),
        value: props.value ?? '',
        onChange: (e: Event) => {
          const v = (e.currentTarget as HTMLSelectElement).value;
          props.onChange(v === 'previous' || v === 'year' ? v : null);
        },
      },
      h('option', { value: '' }, t('compare.none')),
      h('option', { value: 'previous' }, t('compare.previous')),
      h('option', { value: 'year' }, t('compare.year')),
    ),
  );
}

const intervalNames: Record<
  Interval,
  'interval.hour' | 'interval.day' | 'interval.week' | 'interval.month'
> = {
  hour: 'interval.hour',
  day: 'interval.day',
  week: 'interval.week',
  month: 'interval.month',
};

/** The chart's buckets: the server's default for the range, or one that fits it. */
export function IntervalSelect(props: {
  range: RangeQuery;
  value: Interval | null;
  onChange: (i: Interval | null) => void;
}) {
  return h(
    'label',
    { class: 'toggle' },
    h('span', null, t('interval.label')),
    h(
      'select',
      {
        name: 'interval',
        'aria-label': t('interval.label'),
        value: props.value ?? '',
        onChange: (e: Event) => {
          const v = (e.currentTarget as HTMLSelectElement).value;
          props.onChange(v === '' ? null : (v as Interval));
        },
      },
      h('option', { value: '' }, t('interval.auto')),
      intervalsFor(props.range).map((i) => h('option', { key: i, value: i }, t(intervalNames[i]))),
    ),
  );
}
