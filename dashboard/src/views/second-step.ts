// The second step of a sign-in: after the password, a code from the authenticator app, a
// recovery code, or a passkey. Only when one is accepted does the server start the session.
import { h } from 'preact';
import { useState } from 'preact/hooks';
import { secondFactorApi, type SecondStepOffer } from '../second-factor-api.js';
import { useAction } from './use-load.js';
import { t } from '../i18n/t.js';

export function SecondStepView(props: {
  offer: SecondStepOffer;
  onSignedIn: () => void;
  onCancel: () => void;
}) {
  const { offer } = props;
  const [mode, setMode] = useState<'totp' | 'recovery'>(offer.totp ? 'totp' : 'recovery');
  const [value, setValue] = useState('');
  const action = useAction();
  const done = (work: () => Promise<unknown>) =>
    action.run(async () => {
      await work();
      props.onSignedIn();
    });
  const submit = (e: Event) => {
    e.preventDefault();
    done(() =>
      mode === 'totp'
        ? secondFactorApi.signInWithCode(offer.token, value)
        : secondFactorApi.signInWithRecoveryCode(offer.token, value),
    );
  };
  const switchTo = (next: 'totp' | 'recovery') => {
    setMode(next);
    setValue('');
  };
  const canTotp = offer.totp;
  return h(
    'form',
    { class: 'auth panel second-step', onSubmit: submit, 'aria-labelledby': 'second-step-title' },
    h('h1', { id: 'second-step-title' }, t('secondStep.title')),
    (canTotp || offer.recoveryCode) &&
      h(
        'p',
        { class: 'muted' },
        mode === 'totp' ? t('secondStep.codeIntro') : t('secondStep.recoveryIntro'),
      ),
    (canTotp || offer.recoveryCode) &&
      h(
        'label',
        { class: 'field' },
        h('span', null, mode === 'totp' ? t('secondStep.code') : t('secondStep.recovery')),
        h('input', {
          name: mode === 'totp' ? 'code' : 'recovery-code',
          required: true,
          autocomplete: 'one-time-code',
          inputMode: mode === 'totp' ? 'numeric' : 'text',
          maxLength: mode === 'totp' ? 8 : 40,
          value,
          onInput: (e: Event) => setValue((e.currentTarget as HTMLInputElement).value),
        }),
      ),
    action.error && h('p', { class: 'error', role: 'alert' }, action.error),
    (canTotp || offer.recoveryCode) &&
      h(
        'button',
        { type: 'submit', class: 'primary', disabled: action.busy },
        t('secondStep.verify'),
      ),
    offer.passkey &&
      h(
        'button',
        {
          type: 'button',
          class: offer.totp || offer.recoveryCode ? 'secondary' : 'primary',
          name: 'use-passkey',
          disabled: action.busy,
          onClick: () => done(() => secondFactorApi.signInWithPasskey(offer.token)),
        },
        t('secondStep.passkey'),
      ),
    canTotp &&
      offer.recoveryCode &&
      h(
        'button',
        {
          type: 'button',
          class: 'link',
          onClick: () => switchTo(mode === 'totp' ? 'recovery' : 'totp'),
        },
        mode === 'totp' ? t('secondStep.useRecovery') : t('secondStep.useCode'),
      ),
    h('button', { type: 'button', class: 'link', onClick: props.onCancel }, t('secondStep.back')),
  );
}
