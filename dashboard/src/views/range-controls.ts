// The site report's range controls: named periods, a custom range (two date fields checked before
// asking the server) and the comparison (previous period or the same dates a year earlier).
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { CompareKind, Period, RangeQuery } from '../api.js';
import { customRangeError } from '../data/custom-range.js';
import { PeriodPicker } from './components.js';

export const reportPeriods: { value: Period; label: string }[] = [
  { value: 'day', label: 'Today' },
  { value: 'yesterday', label: 'Yesterday' },
  { value: '7d', label: 'Last 7 days' },
  { value: '30d', label: 'Last 30 days' },
  { value: 'month', label: 'This month' },
  { value: 'last_month', label: 'Last month' },
  { value: '12mo', label: 'Last 12 months' },
  { value: 'custom', label: 'Custom' },
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
        { class: 'custom-range', onSubmit: apply, 'aria-label': 'Custom range' },
        dateField('From', 'from', from, setFrom),
        dateField('To', 'to', to, setTo),
        h('button', { type: 'submit', class: 'primary small' }, 'Apply'),
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
    h('span', null, 'Compare'),
    h(
      'select',
      {
        name: 'compare',
        // The label's text alone: a wrapping label would also read out the chosen option.
        'aria-label': 'Compare',
        value: props.value ?? '',
        onChange: (e: Event) => {
          const v = (e.currentTarget as HTMLSelectElement).value;
          props.onChange(v === 'previous' || v === 'year' ? v : null);
        },
      },
      h('option', { value: '' }, 'No comparison'),
      h('option', { value: 'previous' }, 'Previous period'),
      h('option', { value: 'year' }, 'Same period last year'),
    ),
  );
}
