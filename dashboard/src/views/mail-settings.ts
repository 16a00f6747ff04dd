// "Reports & alerts" in a site's settings (admins): the weekly/monthly schedule, recipients with
// their language, alert thresholds, the report's preview framed from the server (a sandboxed
// iframe without scripts: an email is inline styles, which this page's CSP does not allow, so the
// preview is a document of its own with its own CSP), "send a test now", and the send log with
// the messages given up after their retries.
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { offered } from '../i18n/catalogs.js';
import { getLang, intlLocale } from '../i18n/locale.js';
import { t, type MessageKey } from '../i18n/t.js';
import { formatDateTime } from '../data/format.js';
import {
  mailApi,
  mailPreviewUrl,
  type MailRecipient,
  type MailSettings,
  type MailState,
} from '../mail-api.js';
import { useAction, useLoad } from './use-load.js';

type Kind = 'weekly' | 'monthly';
const defaultLang = (): string =>
  (offered as readonly string[]).includes(getLang()) ? getLang() : 'en';

function LanguageSelect(props: {
  value: string;
  onChange: (v: string) => void;
  name: string;
  label?: string;
}) {
  return h(
    'select',
    {
      name: props.name,
      'aria-label': props.label,
      value: props.value,
      onChange: (e: Event) => props.onChange((e.currentTarget as HTMLSelectElement).value),
    },
    offered.map((l) =>
      h('option', { key: l, value: l, lang: intlLocale(l) }, t('language.self', {}, l)),
    ),
  );
}

function numberField(
  label: string,
  name: keyof MailSettings,
  value: number,
  set: (n: number) => void,
  extra: Record<string, unknown> = {},
) {
  return h(
    'label',
    { class: 'field' },
    h('span', null, label),
    h('input', {
      name,
      type: 'number',
      value,
      onInput: (e: Event) => set(Number((e.currentTarget as HTMLInputElement).value)),
      ...extra,
    }),
  );
}

function MailForm(props: { domain: string; state: MailState; onSaved: () => void }) {
  const [s, setS] = useState<MailSettings>(props.state.settings);
  const [list, setList] = useState<MailRecipient[]>(props.state.recipients);
  const [saved, setSaved] = useState(false);
  const action = useAction();
  useEffect(() => {
    setS(props.state.settings);
    setList(props.state.recipients);
  }, [props.state]);
  const put = (patch: Partial<MailSettings>) => {
    setSaved(false);
    setS({ ...s, ...patch });
  };
  const edit = (i: number, patch: Partial<MailRecipient>) => {
    setSaved(false);
    setList(list.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  };
  const check = (label: string, name: string, checked: boolean, on: (v: boolean) => void) =>
    h(
      'label',
      { class: 'toggle' },
      h('input', {
        type: 'checkbox',
        name,
        checked,
        onChange: (e: Event) => on((e.currentTarget as HTMLInputElement).checked),
      }),
      h('span', null, label),
    );
  const onSubmit = (e: Event) => {
    e.preventDefault();
    action.run(async () => {
      await mailApi.save(props.domain, { ...s, recipients: list });
      setSaved(true);
      props.onSaved();
    });
  };
  return h(
    'form',
    { onSubmit, 'data-mail-form': 'true' },
    h(
      'div',
      { class: 'row' },
      check(t('mail.weekly'), 'weekly', s.weekly, (weekly) => put({ weekly })),
      check(t('mail.monthly'), 'monthly', s.monthly, (monthly) => put({ monthly })),
    ),
    numberField(
      t('mail.hour', { timezone: props.state.timezone }),
      'hour',
      s.hour,
      (hour) => put({ hour }),
      { min: 0, max: 23 },
    ),
    h('h3', null, t('mail.recipients')),
    h('p', { class: 'muted' }, t('mail.recipientsHelp')),
    h(
      'table',
      { class: 'mail-recipients' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          [t('mail.address'), t('mail.language'), t('mail.reports'), t('mail.alerts'), ''].map(
            (c, i) => h('th', { key: i, scope: 'col' }, c),
          ),
        ),
      ),
      h(
        'tbody',
        null,
        list.map((r, i) =>
          h(
            'tr',
            { key: i },
            h(
              'td',
              null,
              h('input', {
                type: 'email',
                name: `address-${i}`,
                required: true,
                value: r.address,
                'aria-label': t('mail.address'),
                onInput: (e: Event) =>
                  edit(i, { address: (e.currentTarget as HTMLInputElement).value }),
              }),
            ),
            h(
              'td',
              null,
              h(LanguageSelect, {
                name: `locale-${i}`,
                value: r.locale,
                onChange: (locale) => edit(i, { locale }),
              }),
            ),
            ...(['reports', 'alerts'] as const).map((k) =>
              h(
                'td',
                { key: k },
                h('input', {
                  type: 'checkbox',
                  checked: r[k],
                  'aria-label': t(k === 'reports' ? 'mail.reports' : 'mail.alerts'),
                  onChange: (e: Event) =>
                    edit(i, { [k]: (e.currentTarget as HTMLInputElement).checked }),
                }),
              ),
            ),
            h(
              'td',
              null,
              h(
                'button',
                {
                  type: 'button',
                  class: 'secondary',
                  onClick: () => setList(list.filter((_, j) => j !== i)),
                },
                t('mail.remove'),
              ),
            ),
          ),
        ),
      ),
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'secondary',
        'data-mail-add': 'true',
        onClick: () =>
          setList([...list, { address: '', locale: defaultLang(), reports: true, alerts: true }]),
      },
      t('mail.add'),
    ),
    h('h3', null, t('mail.alertsTitle')),
    numberField(
      t('mail.spike'),
      'spikePercent',
      s.spikePercent,
      (spikePercent) => put({ spikePercent }),
      { min: 0, max: 10000, step: 50 },
    ),
    numberField(t('mail.quiet'), 'quietHours', s.quietHours, (quietHours) => put({ quietHours }), {
      min: 0,
      max: 168,
    }),
    numberField(
      t('mail.cooldown'),
      'cooldownHours',
      s.cooldownHours,
      (cooldownHours) => put({ cooldownHours }),
      { min: 1, max: 720 },
    ),
    action.error && h('p', { class: 'error', role: 'alert' }, action.error),
    saved && h('p', { class: 'good', role: 'status' }, t('mail.saved')),
    h('button', { type: 'submit', class: 'primary', disabled: action.busy }, t('mail.save')),
  );
}

function Preview(props: { domain: string; configured: boolean }) {
  const [kind, setKind] = useState<Kind>('weekly');
  const [lang, setLang] = useState<string>(defaultLang());
  const [to, setTo] = useState('');
  const [sent, setSent] = useState<string | null>(null);
  const action = useAction();
  const sendTest = (e: Event) => {
    e.preventDefault();
    setSent(null);
    action.run(async () => {
      await mailApi.sendTest(props.domain, { to, kind, lang });
      setSent(to);
    });
  };
  return h(
    'div',
    { class: 'mail-preview' },
    h('h3', null, t('mail.preview')),
    h(
      'div',
      { class: 'row' },
      h(
        'select',
        {
          name: 'preview-kind',
          'aria-label': t('mail.preview'),
          value: kind,
          onChange: (e: Event) => setKind((e.currentTarget as HTMLSelectElement).value as Kind),
        },
        h('option', { value: 'weekly' }, t('mail.previewWeekly')),
        h('option', { value: 'monthly' }, t('mail.previewMonthly')),
      ),
      h(LanguageSelect, {
        name: 'preview-lang',
        label: t('mail.language'),
        value: lang,
        onChange: setLang,
      }),
    ),
    h('iframe', {
      class: 'mail-frame',
      title: t('mail.previewFrame'),
      sandbox: '',
      src: mailPreviewUrl(props.domain, kind, lang),
      'data-mail-preview': 'true',
    }),
    props.configured &&
      h(
        'form',
        { class: 'row', onSubmit: sendTest },
        h(
          'label',
          { class: 'field' },
          h('span', null, t('mail.testTo')),
          h('input', {
            type: 'email',
            name: 'test-to',
            required: true,
            value: to,
            onInput: (e: Event) => setTo((e.currentTarget as HTMLInputElement).value),
          }),
        ),
        h(
          'button',
          { type: 'submit', class: 'secondary', disabled: action.busy },
          t('mail.testSend'),
        ),
      ),
    action.error && h('p', { class: 'error', role: 'alert' }, action.error),
    sent && h('p', { class: 'good', role: 'status' }, t('mail.testSent', { address: sent })),
  );
}

const kindKey = (kind: string): MessageKey | undefined =>
  ({
    weekly: 'mail.kind.weekly',
    monthly: 'mail.kind.monthly',
    spike: 'mail.kind.spike',
    stopped: 'mail.kind.stopped',
  })[kind] as MessageKey | undefined;

const statusKey: Record<MailState['log'][number]['status'], MessageKey> = {
  sent: 'mail.status.sent',
  sending: 'mail.status.sending',
  retry: 'mail.status.retry',
  failed: 'mail.status.failed',
};

function SendLog(props: { log: MailState['log'] }) {
  return h(
    'div',
    { class: 'mail-log' },
    h('h3', null, t('mail.log')),
    props.log.length === 0
      ? h('p', { class: 'muted' }, t('mail.logEmpty'))
      : h(
          'table',
          null,
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              (
                [
                  'mail.col.when',
                  'mail.col.what',
                  'mail.col.to',
                  'mail.col.status',
                  'mail.col.attempts',
                ] as const
              ).map((c) => h('th', { key: c, scope: 'col' }, t(c))),
            ),
          ),
          h(
            'tbody',
            null,
            props.log.map((r, i) => {
              const kind = kindKey(r.kind);
              return h(
                'tr',
                { key: i, 'data-mail-status': r.status },
                h('td', null, formatDateTime(r.sentAt ?? r.createdAt)),
                h('td', null, `${kind ? t(kind) : r.kind} ${r.period}`),
                h('td', null, r.recipient),
                h(
                  'td',
                  { class: r.status === 'failed' ? 'error' : undefined },
                  t(statusKey[r.status]),
                  r.error ? ` (${r.error})` : '',
                ),
                h('td', null, String(r.attempts)),
              );
            }),
          ),
        ),
  );
}

export function MailSection(props: { domain: string }) {
  const loaded = useLoad(() => mailApi.state(props.domain), [props.domain]);
  const state = loaded.data;
  return h(
    'section',
    { class: 'panel settings-section', 'aria-labelledby': 'mail-title', 'data-mail': 'true' },
    h('h2', { id: 'mail-title' }, t('mail.title')),
    h('p', { class: 'muted' }, t('mail.intro')),
    loaded.error && h('p', { class: 'error', role: 'alert' }, loaded.error),
    state &&
      !state.configured &&
      h('p', { class: 'error', 'data-mail-off': 'true' }, t('mail.notConfigured')),
    state && h(MailForm, { domain: props.domain, state, onSaved: loaded.reload }),
    state && h(Preview, { domain: props.domain, configured: state.configured }),
    state && h(SendLog, { log: state.log }),
  );
}
