// The user's Stats API keys: create for chosen sites (the secret is shown once), list by prefix,
// revoke. Keys read reports only (POST /api/v2/query, report routes).
import { h } from 'preact';
import { useState } from 'preact/hooks';
import { adminApi, type ApiKey, type SiteSettings } from '../admin-api.js';
import type { Me } from '../api.js';
import { CopyButton } from './copy-button.js';
import { ListTable } from './list-table.js';
import {
  PlausibleCompatField,
  protectionColumn,
  SmallCountField,
  smallCountK,
} from './small-count-fields.js';
import { useAction, useLoad } from './use-load.js';
import { t } from '../i18n/t.js';
import { formatDateTime } from '../data/format.js';

const when = (iso: string | null) => (iso ? formatDateTime(iso) : '—');

/** Expiry choices, in days (0: never). */
const lifetimes = [0, 7, 30, 90, 365] as const;

export function ApiKeysView(props: { me: Me; onUnauthorized: () => void }) {
  const keys = useLoad(() => adminApi.apiKeys(), [], props.onUnauthorized);
  const sites = useLoad(
    async () => (await Promise.all(props.me.orgs.map((o) => adminApi.orgSites(o.id)))).flat(),
    [props.me],
  );
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const [secret, setSecret] = useState<string | null>(null);
  const [lifetime, setLifetime] = useState<number>(0);
  const [kText, setKText] = useState('');
  const [compat, setCompat] = useState(false);
  const action = useAction();
  const domainOf = new Map((sites.data ?? []).map((s: SiteSettings) => [s.id, s.domain]));

  const create = (e: Event) => {
    e.preventDefault();
    if (chosen.size === 0) {
      action.setError(t('apiKeys.chooseSite'));
      return;
    }
    const protect = smallCountK(kText);
    if (protect === undefined) return;
    action.run(async () => {
      const expiresAt =
        lifetime === 0 ? null : new Date(Date.now() + lifetime * 86_400_000).toISOString();
      const r = await adminApi.createApiKey({
        name,
        siteIds: [...chosen],
        expiresAt,
        k: protect,
        plausibleCompat: compat,
      });
      setKText('');
      setCompat(false);
      setSecret(r.secret);
      setName('');
      setChosen(new Set());
      keys.reload();
    });
  };
  const toggle = (id: number, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(id);
    else next.delete(id);
    setChosen(next);
  };
  const active = (keys.data ?? []).filter((k) => !k.revokedAt);

  return h(
    'div',
    { class: 'api-keys', 'data-loaded': keys.data ? 'true' : 'false' },
    h('header', { class: 'view-header' }, h('h1', null, t('nav.apiKeys'))),
    h(
      'p',
      { class: 'muted' },
      t('apiKeys.intro', { request: 'POST /api/v2/query, Authorization: Bearer <key>' }),
    ),
    h(
      'form',
      { class: 'panel settings-section', onSubmit: create, 'aria-labelledby': 'new-key-title' },
      h('h2', { id: 'new-key-title' }, t('apiKeys.newKey')),
      h(
        'label',
        { class: 'field' },
        h('span', null, t('apiKeys.keyName')),
        h('input', {
          name: 'key-name',
          required: true,
          maxLength: 100,
          value: name,
          onInput: (e: Event) => setName((e.currentTarget as HTMLInputElement).value),
        }),
      ),
      h(
        'fieldset',
        { class: 'site-choice' },
        h('legend', null, t('apiKeys.sitesItMayRead')),
        (sites.data ?? []).map((s) =>
          h(
            'label',
            { key: s.id, class: 'toggle' },
            h('input', {
              type: 'checkbox',
              name: 'key-site',
              value: String(s.id),
              checked: chosen.has(s.id),
              onChange: (e: Event) => toggle(s.id, (e.currentTarget as HTMLInputElement).checked),
            }),
            h('span', { translate: false }, s.domain),
          ),
        ),
      ),
      h(
        'label',
        { class: 'field' },
        h('span', null, t('apiKeys.expiresLabel')),
        h(
          'select',
          {
            name: 'key-expiry',
            value: String(lifetime),
            onChange: (e: Event) =>
              setLifetime(Number((e.currentTarget as HTMLSelectElement).value)),
          },
          lifetimes.map((days) =>
            h(
              'option',
              { key: days, value: String(days) },
              days === 0 ? t('apiKeys.never') : t('apiKeys.inDays', { days }),
            ),
          ),
        ),
      ),
      h(SmallCountField, { name: 'key-k', value: kText, onInput: setKText }),
      h(PlausibleCompatField, { checked: compat, onChange: setCompat }),
      action.error && h('p', { class: 'error', role: 'alert' }, action.error),
      h('button', { type: 'submit', class: 'primary', disabled: action.busy }, t('apiKeys.create')),
      secret &&
        h(
          'div',
          { class: 'secret', 'data-new-key': 'true' },
          h('p', null, t('apiKeys.copyNow')),
          h('code', { class: 'secret-value', 'data-secret': 'true', translate: false }, secret),
          h(CopyButton, { text: secret, label: t('apiKeys.copy'), name: 'key' }),
        ),
    ),
    keys.error && h('p', { class: 'error', role: 'alert' }, keys.error),
    keys.data &&
      h(ListTable<ApiKey>, {
        rows: active,
        empty: t('apiKeys.none'),
        class: 'list panel-table',
        rowKey: (k) => k.id,
        row: (k) => ({ 'data-key': k.name }),
        columns: [
          {
            label: t('apiKeys.name'),
            td: { class: 'wrap', translate: false },
            cell: (k) => k.name,
          },
          {
            label: t('apiKeys.key'),
            cell: (k) => h('code', { 'data-prefix': 'true', translate: false }, `${k.prefix}…`),
          },
          {
            label: t('app.sites'),
            td: { class: 'wrap', translate: false },
            cell: (k) => k.siteIds.map((id) => domainOf.get(id) ?? `#${id}`).join(', '),
          },
          {
            label: t('apiKeys.lastUsed'),
            td: (k) => ({ 'data-last-used': k.lastUsedAt ?? '' }),
            cell: (k) => when(k.lastUsedAt),
          },
          {
            label: t('apiKeys.expiresLabel'),
            td: (k) => ({ 'data-expires': k.expiresAt ?? '' }),
            cell: (k) =>
              k.expiresAt === null
                ? t('apiKeys.never')
                : Date.parse(k.expiresAt) <= Date.now()
                  ? t('apiKeys.expiredOn', { when: when(k.expiresAt) })
                  : when(k.expiresAt),
          },
          protectionColumn<ApiKey>(
            (k) => k.k,
            (k) => ({
              name: k.name,
              on: k.plausibleCompat === true,
              busy: action.busy,
              onToggle: () =>
                action.run(async () => {
                  await adminApi.setApiKeyCompat(k.id, k.plausibleCompat !== true);
                  keys.reload();
                }),
            }),
          ),
        ],
        actions: (k) =>
          h(
            'button',
            {
              type: 'button',
              class: 'secondary danger',
              'aria-label': t('common.revokeNamed', { name: k.name }),
              disabled: action.busy,
              onClick: () =>
                action.run(async () => {
                  await adminApi.revokeApiKey(k.id);
                  keys.reload();
                }),
            },
            t('common.revoke'),
          ),
      }),
  );
}
