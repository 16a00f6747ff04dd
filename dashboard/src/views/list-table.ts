// The management pages' list table (goals, shared links, API keys, members, imports): a header
// row, one row per item with its cells, an actions column last (named for screen readers only),
// and the words shown instead when there is nothing to list.
import { h, type ComponentChildren } from 'preact';
import { t } from '../i18n/t.js';

type Attrs = Record<string, unknown>;

export interface ListColumn<T> {
  label: string;
  cell: (row: T) => ComponentChildren;
  /** The cell's attributes (class, translate, data-*), fixed or per row. */
  td?: Attrs | ((row: T) => Attrs);
}

export function ListTable<T>(props: {
  rows: readonly T[];
  columns: ListColumn<T>[];
  rowKey: (row: T) => string | number;
  /** The row's attributes (data-* that tests and styles find it by). */
  row?: (row: T) => Attrs;
  /** The last column's content: buttons acting on the row. */
  actions?: (row: T) => ComponentChildren;
  /** Shown instead of an empty table; without it, the table shows its header alone. */
  empty?: string;
  /** The empty words' extra class. */
  emptyClass?: string;
  class?: string;
}) {
  if (props.rows.length === 0 && props.empty !== undefined) {
    return h('p', { class: props.emptyClass ? `muted ${props.emptyClass}` : 'muted' }, props.empty);
  }
  const { actions } = props;
  return h(
    'table',
    { class: props.class ?? 'list' },
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        props.columns.map((c, i) => h('th', { key: i, scope: 'col' }, c.label)),
        actions &&
          h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('common.actions'))),
      ),
    ),
    h(
      'tbody',
      null,
      props.rows.map((r) =>
        h(
          'tr',
          { key: props.rowKey(r), ...props.row?.(r) },
          props.columns.map((c, i) =>
            h('td', { key: i, ...(typeof c.td === 'function' ? c.td(r) : c.td) }, c.cell(r)),
          ),
          actions && h('td', { class: 'num' }, actions(r)),
        ),
      ),
    ),
  );
}
