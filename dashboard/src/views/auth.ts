// Sign-in and first-run setup forms: real <form>s with labels, errors announced with role=alert.
import { h } from 'preact';
import { useState } from 'preact/hooks';
import { api, ApiFailure } from '../api.js';
import type { SecondStepOffer } from '../second-factor-api.js';
import { SecondStepView } from './second-step.js';
import { t } from '../i18n/t.js';
import { errorText } from './use-load.js';

function Field(props: {
  label: string;
  name: string;
  type?: string;
  value: string;
  autocomplete?: string;
  onInput: (v: string) => void;
}) {
  return h(
    'label',
    { class: 'field' },
    h('span', null, props.label),
    h('input', {
      name: props.name,
      type: props.type ?? 'text',
      required: true,
      autocomplete: props.autocomplete,
      value: props.value,
      onInput: (e: Event) => props.onInput((e.currentTarget as HTMLInputElement).value),
    }),
  );
}

function useSubmit(action: () => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onSubmit = (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    action().then(
      () => setBusy(false),
      (err: unknown) => {
        setBusy(false);
        setError(errorText(err));
      },
    );
  };
  return { busy, error, onSubmit };
}

export function LoginView(props: { onSignedIn: () => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [offer, setOffer] = useState<SecondStepOffer | null>(null);
  const { busy, error, onSubmit } = useSubmit(async () => {
    const r = await api.login(email, password).catch((err: unknown) => {
      // The sign-in form's only 401: the email and password do not match an account.
      throw err instanceof ApiFailure && err.status === 401
        ? new Error(t('auth.wrongCredentials'))
        : err;
    });
    if (r.secondFactor) {
      setOffer(r.secondFactor);
      return;
    }
    props.onSignedIn();
  });
  if (offer) {
    return h(SecondStepView, {
      offer,
      onSignedIn: props.onSignedIn,
      onCancel: () => {
        setOffer(null);
        setPassword('');
      },
    });
  }
  return h(
    'form',
    { class: 'auth panel', onSubmit, 'aria-labelledby': 'login-title' },
    h('h1', { id: 'login-title' }, t('auth.signInTitle')),
    h(Field, {
      label: t('auth.email'),
      name: 'email',
      type: 'email',
      value: email,
      onInput: setEmail,
      autocomplete: 'username',
    }),
    h(Field, {
      label: t('auth.password'),
      name: 'password',
      type: 'password',
      value: password,
      onInput: setPassword,
      autocomplete: 'current-password',
    }),
    error && h('p', { class: 'error', role: 'alert' }, error),
    h(
      'button',
      { type: 'submit', class: 'primary', disabled: busy },
      busy ? t('auth.signingIn') : t('auth.signIn'),
    ),
  );
}

export function SetupView(props: { token: string; onDone: () => void }) {
  const [token, setToken] = useState(props.token);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [orgName, setOrgName] = useState('');
  const { busy, error, onSubmit } = useSubmit(async () => {
    await api.setup({ token, email, password, orgName });
    props.onDone();
  });
  return h(
    'form',
    { class: 'auth panel', onSubmit, 'aria-labelledby': 'setup-title' },
    h('h1', { id: 'setup-title' }, t('auth.setupTitle')),
    h('p', { class: 'muted' }, t('auth.setupIntro')),
    h(Field, { label: t('auth.setupToken'), name: 'token', value: token, onInput: setToken }),
    h(Field, {
      label: t('auth.email'),
      name: 'email',
      type: 'email',
      value: email,
      onInput: setEmail,
      autocomplete: 'username',
    }),
    h(Field, {
      label: t('auth.newPassword'),
      name: 'password',
      type: 'password',
      value: password,
      onInput: setPassword,
      autocomplete: 'new-password',
    }),
    h(Field, {
      label: t('auth.orgName'),
      name: 'orgName',
      value: orgName,
      onInput: setOrgName,
    }),
    error && h('p', { class: 'error', role: 'alert' }, error),
    h(
      'button',
      { type: 'submit', class: 'primary', disabled: busy },
      busy ? t('auth.creating') : t('auth.createOwner'),
    ),
  );
}
