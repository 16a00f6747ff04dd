// The site report's range controls: named periods, a custom range (two date fields checked before
// asking the server) and the comparison (previous period or the same dates a year earlier).
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { CompareKind, Period, RangeQuery } from '../api.js';
import { customRangeError } from '../data/custom-range.js';
import { PeriodPicker } from './components.js';
import { t, type MessageKey } from '../i18n/t.js';

export const reportPeriods: { value: Period; label: MessageKey }[] = [
  { value: 'day', label: 'period.day' },
  { value: 'yesterday', label: 'period.yesterday' },
  { value: '7d', label: 'period.7d' },
  { value: '30d', label: 'period.30d' },
  { value: 'month', label: 'period.month' },
  { value: 'last_month', label: 'period.lastMonth' },
  { value: '12mo', label: 'period.12mo' },
  { value: 'custom', label: 'period.custom' },
];

/** A range from the URL's state, or null when it is not one the report offers. */
export function rangeFromState(s: {
  period: string | null;
  from?: string | null;
  to?: string | null;
}): RangeQuery | null {
  if (!reportPeriods.some((p) => p.value === s.period)) return null;
  if (s.period !== 'custom') return { period: s.period as Period };
  if (!s.from || !s.to || customRangeError(s.from, s.to)) return null;
  return { period: 'custom', from: s.from, to: s.to };
}

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
  useEffect(() => {
    if (!editing) return;
    setFrom(props.value.from ?? props.shown?.from ?? '');
    setTo(props.value.to ?? props.shown?.to ?? '');
  }, [editing]);

  const pick = (p: Period) => {
    if (p === 'custom') {
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
