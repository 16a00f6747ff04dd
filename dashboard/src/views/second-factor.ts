// The signed-in user's second factor: an authenticator app (QR code and the secret as text,
// confirmed by a code), passkeys, and one-time recovery codes shown once. Removing a factor or
// renewing the codes asks for the password again. Members of an org that requires a second
// factor land here first (app.ts) and see why.
import { h } from 'preact';
import { useState } from 'preact/hooks';
import { secondFactorApi } from '../second-factor-api.js';
import { useAction, useLoad } from './use-load.js';

const text = {
  title: 'Second factor',
  required:
    'Your organisation requires a second factor. Set up an authenticator app or a passkey to continue.',
  app: 'Authenticator app',
  appOn: 'On: sign-in asks for a code from the app.',
  appOff: 'Off.',
  setUp: 'Set up an authenticator app',
  scan: 'Scan this QR code with your authenticator app, or type the key below into it.',
  secret: 'Key',
  code: 'Code from the app',
  confirm: 'Confirm',
  remove: 'Remove',
  passkeys: 'Passkeys',
  passkeyName: 'Passkey name',
  addPasskey: 'Add a passkey',
  noPasskeys: 'No passkey yet.',
  recovery: 'Recovery codes',
  recoveryLeft: (n: number) => `${n} unused recovery code${n === 1 ? '' : 's'} left.`,
  recoveryNew: 'New recovery codes',
  recoveryShown:
    'Save these recovery codes somewhere safe. Each works once, if you lose your device. They are shown only now.',
  password: 'Your password (to remove a factor or renew the codes)',
};

const when = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '—';

function RecoveryCodes(props: { codes: string[] }) {
  return h(
    'div',
    { class: 'secret', 'data-recovery-codes': 'true' },
    h('p', null, text.recoveryShown),
    h(
      'ol',
      { class: 'recovery-codes' },
      props.codes.map((c) => h('li', { key: c }, h('code', null, c))),
    ),
  );
}

export function SecondFactorView(props: {
  required: boolean;
  onChanged: () => void;
  onUnauthorized: () => void;
}) {
  const status = useLoad(() => secondFactorApi.status(), [], props.onUnauthorized);
  const [enrolment, setEnrolment] = useState<{ secret: string; qr: string } | null>(null);
  const [code, setCode] = useState('');
  const [codes, setCodes] = useState<string[] | null>(null);
  const [password, setPassword] = useState('');
  const [passkeyName, setPasskeyName] = useState('');
  const action = useAction();
  const changed = (recoveryCodes?: string[] | null) => {
    if (recoveryCodes) setCodes(recoveryCodes);
    status.reload();
    props.onChanged();
  };
  const s = status.data;

  const begin = () =>
    action.run(async () => {
      const r = await secondFactorApi.beginTotp();
      setEnrolment({ secret: r.secret, qr: r.qr });
      setCode('');
    });
  const confirm = (e: Event) => {
    e.preventDefault();
    action.run(async () => {
      const r = await secondFactorApi.confirmTotp(code);
      setEnrolment(null);
      changed(r.recoveryCodes);
    });
  };
  const addPasskey = (e: Event) => {
    e.preventDefault();
    action.run(async () => {
      const r = await secondFactorApi.addPasskey(passkeyName);
      setPasskeyName('');
      changed(r.recoveryCodes);
    });
  };
  const withPassword = (work: () => Promise<unknown>) =>
    action.run(async () => {
      await work();
      setPassword('');
      changed();
    });

  return h(
    'div',
    { class: 'second-factor', 'data-loaded': s ? 'true' : 'false' },
    h('header', { class: 'view-header' }, h('h1', null, text.title)),
    props.required && h('p', { class: 'notice', role: 'status' }, text.required),
    status.error && h('p', { class: 'error', role: 'alert' }, status.error),
    action.error && h('p', { class: 'error', role: 'alert' }, action.error),
    codes && h(RecoveryCodes, { codes }),
    s &&
      h(
        'section',
        { class: 'panel settings-section', 'aria-labelledby': 'totp-title' },
        h('h2', { id: 'totp-title' }, text.app),
        h('p', { 'data-totp': s.totp ? 'on' : 'off' }, s.totp ? text.appOn : text.appOff),
        !s.totp &&
          !enrolment &&
          h(
            'button',
            { type: 'button', class: 'primary', onClick: begin, disabled: action.busy },
            text.setUp,
          ),
        enrolment &&
          h(
            'form',
            { class: 'totp-enrolment', onSubmit: confirm, 'aria-label': text.setUp },
            h('p', null, text.scan),
            h('img', {
              class: 'qr',
              src: enrolment.qr,
              width: 200,
              height: 200,
              alt: 'QR code for your authenticator app',
            }),
            h(
              'p',
              null,
              `${text.secret}: `,
              h('code', { 'data-totp-secret': 'true' }, enrolment.secret),
            ),
            h(
              'label',
              { class: 'field' },
              h('span', null, text.code),
              h('input', {
                name: 'totp-code',
                required: true,
                inputMode: 'numeric',
                autocomplete: 'one-time-code',
                maxLength: 8,
                value: code,
                onInput: (e: Event) => setCode((e.currentTarget as HTMLInputElement).value),
              }),
            ),
            h('button', { type: 'submit', class: 'primary', disabled: action.busy }, text.confirm),
          ),
        s.totp &&
          h(
            'button',
            {
              type: 'button',
              class: 'secondary danger',
              name: 'remove-totp',
              disabled: action.busy || !password,
              onClick: () => withPassword(() => secondFactorApi.removeTotp({ password })),
            },
            text.remove,
          ),
      ),
    s &&
      h(
        'section',
        { class: 'panel settings-section', 'aria-labelledby': 'passkeys-title' },
        h('h2', { id: 'passkeys-title' }, text.passkeys),
        s.passkeys.length === 0
          ? h('p', { class: 'muted' }, text.noPasskeys)
          : h(
              'table',
              { class: 'list', 'aria-label': text.passkeys },
              h(
                'tbody',
                null,
                s.passkeys.map((p) =>
                  h(
                    'tr',
                    { key: p.id, 'data-passkey': p.name },
                    h('td', null, p.name),
                    h('td', { class: 'muted' }, when(p.lastUsedAt ?? p.createdAt)),
                    h(
                      'td',
                      null,
                      h(
                        'button',
                        {
                          type: 'button',
                          class: 'secondary danger',
                          disabled: action.busy || !password,
                          onClick: () =>
                            withPassword(() => secondFactorApi.removePasskey(p.id, { password })),
                        },
                        text.remove,
                      ),
                    ),
                  ),
                ),
              ),
            ),
        h(
          'form',
          { class: 'inline-form', onSubmit: addPasskey, 'aria-label': text.addPasskey },
          h(
            'label',
            { class: 'field' },
            h('span', null, text.passkeyName),
            h('input', {
              name: 'passkey-name',
              required: true,
              maxLength: 100,
              value: passkeyName,
              onInput: (e: Event) => setPasskeyName((e.currentTarget as HTMLInputElement).value),
            }),
          ),
          h(
            'button',
            { type: 'submit', class: 'secondary', disabled: action.busy },
            text.addPasskey,
          ),
        ),
      ),
    s &&
      (s.totp || s.passkeys.length > 0) &&
      h(
        'section',
        { class: 'panel settings-section', 'aria-labelledby': 'recovery-title' },
        h('h2', { id: 'recovery-title' }, text.recovery),
        h(
          'p',
          { 'data-recovery-left': String(s.recoveryCodesLeft) },
          text.recoveryLeft(s.recoveryCodesLeft),
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            name: 'new-recovery-codes',
            disabled: action.busy || !password,
            onClick: () =>
              action.run(async () => {
                const r = await secondFactorApi.newRecoveryCodes({ password });
                setPassword('');
                changed(r.recoveryCodes);
              }),
          },
          text.recoveryNew,
        ),
      ),
    s &&
      (s.totp || s.passkeys.length > 0) &&
      h(
        'label',
        { class: 'field panel' },
        h('span', null, text.password),
        h('input', {
          type: 'password',
          name: 'confirm-password',
          autocomplete: 'current-password',
          value: password,
          onInput: (e: Event) => setPassword((e.currentTarget as HTMLInputElement).value),
        }),
      ),
  );
}
