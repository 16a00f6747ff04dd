// Accepting an invitation link (/invite#token=…): signed in, one click; otherwise an email and a
// password create the account (someone with an account signs in first).
import { h } from 'preact';
import { useState } from 'preact/hooks';
import { adminApi } from '../admin-api.js';
import { useAction } from './use-load.js';

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
    h('h1', { id: 'invite-title' }, 'Join an organisation on Pomelo'),
    !props.signedIn &&
      h(
        'p',
        { class: 'muted' },
        'New here? Choose a password (at least 12 characters). Already have an account? ',
        h('a', { href: '#/login' }, 'Sign in'),
        ' first, then open the invitation link again.',
      ),
    !props.signedIn && field('Email', 'email', 'email', email, setEmail, 'username'),
    !props.signedIn &&
      field('Password', 'password', 'password', password, setPassword, 'new-password'),
    action.error && h('p', { class: 'error', role: 'alert' }, action.error),
    h('button', { type: 'submit', class: 'primary', disabled: action.busy }, 'Accept invitation'),
  );
}
