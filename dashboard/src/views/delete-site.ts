// Deleting a site (owners): its counters and shared links go with it, so the domain must be typed
// to confirm (a form, not window.confirm: keyboard- and test-friendly, no dialog).
import { h } from 'preact';
import { useState } from 'preact/hooks';
import { adminApi } from '../admin-api.js';
import { useAction } from './use-load.js';
import { t } from '../i18n/t.js';

export function DeleteSite(props: { domain: string; onDeleted: () => void }) {
  const [typed, setTyped] = useState('');
  const action = useAction();
  const onSubmit = (e: Event) => {
    e.preventDefault();
    action.run(async () => {
      await adminApi.deleteSite(props.domain);
      props.onDeleted();
    });
  };
  return h(
    'form',
    { class: 'panel settings-section danger-zone', onSubmit, 'aria-labelledby': 'delete-title' },
    h('h2', { id: 'delete-title' }, t('deleteSite.title')),
    h('p', { class: 'muted' }, t('deleteSite.intro')),
    h(
      'label',
      { class: 'field' },
      h('span', null, t('deleteSite.typeToConfirm', { domain: props.domain })),
      h('input', {
        name: 'confirm-domain',
        autocomplete: 'off',
        value: typed,
        onInput: (e: Event) => setTyped((e.currentTarget as HTMLInputElement).value),
      }),
    ),
    action.error && h('p', { class: 'error', role: 'alert' }, action.error),
    h(
      'button',
      {
        type: 'submit',
        class: 'secondary danger',
        disabled: action.busy || typed.trim() !== props.domain,
      },
      t('deleteSite.submit'),
    ),
  );
}
