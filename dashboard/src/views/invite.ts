// Accepting an invitation link (/invite#token=…): signed in, one click; otherwise an email and a
// password create the account (someone with an account signs in first).
import { h } from 'preact';
import { useState } from 'preact/hooks';
import { adminApi } from '../admin-api.js';
import { useAction } from './use-load.js';
import { t } from '../i18n/t.js';

export function InviteView(props: { token: string; signedIn: boolean; onJoined: () => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const action = useAction();
  const onSubmit = (e: Event) => {
    e.preventDefault();
    action.run(async () => {
      await adminApi.acceptInvitation(
        props.signedIn ? { token: props.token } : { token: props.token, email, password },
      );
      props.onJoined();
    });
  };
  const field = (
    label: string,
    name: string,
    type: string,
    value: string,
    set: (v: string) => void,
    autocomplete: string,
  ) =>
    h(
      'label',
      { class: 'field' },
      h('span', null, label),
      h('input', {
        name,
        type,
        required: true,
        autocomplete,
        value,
        onInput: (e: Event) => set((e.currentTarget as HTMLInputElement).value),
      }),
    );
  return h(
    'form',
    { class: 'auth panel', onSubmit, 'aria-labelledby': 'invite-title' },
    h('h1', { id: 'invite-title' }, t('invite.title')),
    !props.signedIn &&
      h(
        'p',
        { class: 'muted' },
        t('invite.newHere'),
        ' ',
        h('a', { href: '#/login' }, t('auth.signIn')),
        ' ',
        t('invite.thenReopen'),
      ),
    !props.signedIn && field(t('auth.email'), 'email', 'email', email, setEmail, 'username'),
    !props.signedIn &&
      field(t('auth.password'), 'password', 'password', password, setPassword, 'new-password'),
    action.error && h('p', { class: 'error', role: 'alert' }, action.error),
    h('button', { type: 'submit', class: 'primary', disabled: action.busy }, t('invite.accept')),
  );
}
