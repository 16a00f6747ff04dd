// The second step of a sign-in: after the password, a code from the authenticator app, a
// recovery code, or a passkey. Only when one is accepted does the server start the session.
import { h } from 'preact';
import { useState } from 'preact/hooks';
import { secondFactorApi, type SecondStepOffer } from '../second-factor-api.js';
import { useAction } from './use-load.js';

const text = {
  title: 'Second step',
  codeIntro: 'Enter the six-digit code from your authenticator app.',
  code: 'Code',
  verify: 'Verify',
  recoveryIntro: 'Enter one of your recovery codes. Each works only once.',
  recovery: 'Recovery code',
  useRecovery: 'Use a recovery code instead',
  useCode: 'Use a code from the app instead',
  passkey: 'Use a passkey',
  back: 'Start again',
};

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
    h('h1', { id: 'second-step-title' }, text.title),
    (canTotp || offer.recoveryCode) &&
      h('p', { class: 'muted' }, mode === 'totp' ? text.codeIntro : text.recoveryIntro),
    (canTotp || offer.recoveryCode) &&
      h(
        'label',
        { class: 'field' },
        h('span', null, mode === 'totp' ? text.code : text.recovery),
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
      h('button', { type: 'submit', class: 'primary', disabled: action.busy }, text.verify),
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
        text.passkey,
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
        mode === 'totp' ? text.useRecovery : text.useCode,
      ),
    h('button', { type: 'button', class: 'link', onClick: props.onCancel }, text.back),
  );
}
