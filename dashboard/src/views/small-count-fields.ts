// The small-count protection field of shared links and API keys (`k`: rows counted fewer than k
// times are hidden, docs/API.md "Small-count protection"), the API keys' Plausible-compatibility
// checkbox, and how both read in the lists.
import { h } from 'preact';
import { hiddenRowK, parseSmallCountK } from '../data/goals.js';
import { t } from '../i18n/t.js';
import type { ListColumn } from './list-table.js';

/** The form's k: null when off; undefined when the text is not a whole 2–1000 (error shown). */
export function smallCountK(text: string): number | null | undefined {
  const parsed = parseSmallCountK(text);
  return parsed.ok ? parsed.k : undefined;
}

export function SmallCountField(props: {
  name: string;
  value: string;
  onInput: (v: string) => void;
}) {
  const invalid = smallCountK(props.value) === undefined;
  return h(
    'label',
    { class: 'field' },
    h('span', null, t('smallCountUi.label')),
    h('input', {
      name: props.name,
      inputMode: 'numeric',
      placeholder: t('smallCountUi.off'),
      value: props.value,
      'aria-invalid': invalid ? 'true' : undefined,
      onInput: (e: Event) => props.onInput((e.currentTarget as HTMLInputElement).value),
    }),
    h('span', { class: 'muted hint' }, t('smallCountUi.hint')),
    invalid && h('span', { class: 'error field-error', role: 'alert' }, t('smallCountUi.invalid')),
  );
}

export function PlausibleCompatField(props: { checked: boolean; onChange: (on: boolean) => void }) {
  return h(
    'label',
    { class: 'toggle' },
    h('input', {
      type: 'checkbox',
      name: 'key-plausible-compat',
      checked: props.checked,
      onChange: (e: Event) => props.onChange((e.currentTarget as HTMLInputElement).checked),
    }),
    h('span', null, t('smallCountUi.plausibleCompat')),
  );
}

/**
 * A list cell: `k = 5` or `off`; for keys (`compat` given) a toggle button for Plausible
 * compatibility, pressed when on.
 */
type Compat = { name: string; on: boolean; busy: boolean; onToggle: () => void };

/** A list's column of small-count protection (`k`), with an API key's compatibility toggle. */
export function protectionColumn<T>(
  kOf: (row: T) => number | null | undefined,
  compatOf?: (row: T) => Compat,
): ListColumn<T> {
  return {
    label: t('smallCountUi.column'),
    td: (row) => ({ 'data-k': kOf(row) ?? '' }),
    cell: (row) => {
      const k = kOf(row);
      const c = compatOf?.(row);
      return [
        k ? t('smallCountUi.kIs', { k }) : t('smallCountUi.off'),
        c &&
          h(
            'button',
            {
              type: 'button',
              class: 'badge compat-toggle',
              'aria-pressed': c.on ? 'true' : 'false',
              'data-plausible-compat': c.on ? 'true' : 'false',
              disabled: c.busy,
              onClick: c.onToggle,
            },
            t('smallCountUi.compatBadge'),
            // The key's name completes the accessible name, which starts with the visible text.
            h('span', { class: 'visually-hidden', translate: false }, ` (${c.name})`),
          ),
      ];
    },
  };
}

/** The row that sums what small-count protection hides (`hidden: true` from the API). */
export const isHiddenRow = (row: object): boolean => (row as { hidden?: unknown }).hidden === true;

/** That row's label in the reader's words (the API sends `hidden (fewer than k)`). */
export function hiddenRowLabel(value: string): string {
  const k = hiddenRowK(value);
  return k === null ? value : t('goalsUi.hiddenRow', { k });
}
