// The signed-in user's second factor: an authenticator app (QR code and the secret as text,
// confirmed by a code), passkeys, and one-time recovery codes shown once. Removing a factor or
// renewing the codes asks for the password again. Members of an org that requires a second
// factor land here first (app.ts) and see why.
import { h } from 'preact';
import { useState } from 'preact/hooks';
import { secondFactorApi } from '../second-factor-api.js';
import { useAction, useLoad } from './use-load.js';
import { t } from '../i18n/t.js';
import { formatDateTime } from '../data/format.js';

const when = (iso: string | null) => (iso ? formatDateTime(iso) : '—');

function RecoveryCodes(props: { codes: string[] }) {
  return h(
    'div',
    { class: 'secret', 'data-recovery-codes': 'true' },
    h('p', null, t('secondFactor.recoveryShown')),
    h(
      'ol',
      { class: 'recovery-codes' },
      props.codes.map((c) => h('li', { key: c }, h('code', { translate: false }, c))),
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
    h('header', { class: 'view-header' }, h('h1', null, t('secondFactor.title'))),
    props.required && h('p', { class: 'notice', role: 'status' }, t('secondFactor.required')),
    status.error && h('p', { class: 'error', role: 'alert' }, status.error),
    action.error && h('p', { class: 'error', role: 'alert' }, action.error),
    codes && h(RecoveryCodes, { codes }),
    s &&
      h(
        'section',
        { class: 'panel settings-section', 'aria-labelledby': 'totp-title' },
        h('h2', { id: 'totp-title' }, t('secondFactor.app')),
        h(
          'p',
          { 'data-totp': s.totp ? 'on' : 'off' },
          s.totp ? t('secondFactor.appOn') : t('secondFactor.appOff'),
        ),
        !s.totp &&
          !enrolment &&
          h(
            'button',
            { type: 'button', class: 'primary', onClick: begin, disabled: action.busy },
            t('secondFactor.setUp'),
          ),
        enrolment &&
          h(
            'form',
            { class: 'totp-enrolment', onSubmit: confirm, 'aria-label': t('secondFactor.setUp') },
            h('p', null, t('secondFactor.scan')),
            h('img', {
              class: 'qr',
              src: enrolment.qr,
              width: 200,
              height: 200,
              alt: t('secondFactor.qrAlt'),
            }),
            h(
              'p',
              null,
              t('secondFactor.secret'),
              ' ',
              h('code', { 'data-totp-secret': 'true', translate: false }, enrolment.secret),
            ),
            h(
              'label',
              { class: 'field' },
              h('span', null, t('secondFactor.code')),
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
            h(
              'button',
              { type: 'submit', class: 'primary', disabled: action.busy },
              t('secondFactor.confirm'),
            ),
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
            t('secondFactor.remove'),
          ),
      ),
    s &&
      h(
        'section',
        { class: 'panel settings-section', 'aria-labelledby': 'passkeys-title' },
        h('h2', { id: 'passkeys-title' }, t('secondFactor.passkeys')),
        s.passkeys.length === 0
          ? h('p', { class: 'muted' }, t('secondFactor.noPasskeys'))
          : h(
              'table',
              { class: 'list', 'aria-label': t('secondFactor.passkeys') },
              h(
                'tbody',
                null,
                s.passkeys.map((p) =>
                  h(
                    'tr',
                    { key: p.id, 'data-passkey': p.name },
                    h('td', { translate: false }, p.name),
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
                        t('secondFactor.remove'),
                      ),
                    ),
                  ),
                ),
              ),
            ),
        h(
          'form',
          {
            class: 'inline-form',
            onSubmit: addPasskey,
            'aria-label': t('secondFactor.addPasskey'),
          },
          h(
            'label',
            { class: 'field' },
            h('span', null, t('secondFactor.passkeyName')),
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
            t('secondFactor.addPasskey'),
          ),
        ),
      ),
    s &&
      (s.totp || s.passkeys.length > 0) &&
      h(
        'section',
        { class: 'panel settings-section', 'aria-labelledby': 'recovery-title' },
        h('h2', { id: 'recovery-title' }, t('secondFactor.recovery')),
        h(
          'p',
          { 'data-recovery-left': String(s.recoveryCodesLeft) },
          t('secondFactor.recoveryLeft', { count: s.recoveryCodesLeft }),
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
          t('secondFactor.recoveryNew'),
        ),
      ),
    s &&
      (s.totp || s.passkeys.length > 0) &&
      h(
        'label',
        { class: 'field panel' },
        h('span', null, t('secondFactor.password')),
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
