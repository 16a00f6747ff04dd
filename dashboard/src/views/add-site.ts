// Adding a site from the overview (admins and owners): domain, timezone (the browser's by
// default), organisation; then its settings page, where the snippet and the install check are.
import { h } from 'preact';
import { useState } from 'preact/hooks';
import { adminApi } from '../admin-api.js';
import type { Me } from '../api.js';
import { hrefOf } from '../router.js';
import { useAction } from './use-load.js';
import { t } from '../i18n/t.js';

export function AddSite(props: { me: Me }) {
  const orgs = props.me.orgs.filter((o) => o.role === 'owner' || o.role === 'admin');
  const [open, setOpen] = useState(false);
  const [domain, setDomain] = useState('');
  const [timezone, setTimezone] = useState(
    () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
  );
  const [orgId, setOrgId] = useState(orgs[0]?.id ?? 0);
  const action = useAction();
  if (orgs.length === 0) return null;
  if (!open) {
    return h(
      'button',
      { type: 'button', class: 'secondary', onClick: () => setOpen(true) },
      t('addSite.open'),
    );
  }
  const onSubmit = (e: Event) => {
    e.preventDefault();
    action.run(async () => {
      const site = await adminApi.createSite(orgId, { domain: domain.trim(), timezone });
      location.hash = hrefOf({ name: 'settings', domain: site.domain });
    });
  };
  const input = (label: string, name: string, value: string, set: (v: string) => void) =>
    h(
      'label',
      { class: 'field' },
      h('span', null, label),
      h('input', {
        name,
        required: true,
        value,
        onInput: (e: Event) => set((e.currentTarget as HTMLInputElement).value),
      }),
    );
  return h(
    'form',
    { class: 'panel inline-form add-site', onSubmit, 'aria-label': t('addSite.open') },
    input(t('addSite.domain'), 'domain', domain, setDomain),
    input(t('addSite.timezone'), 'timezone', timezone, setTimezone),
    orgs.length > 1 &&
      h(
        'label',
        { class: 'field' },
        h('span', null, t('common.organisation')),
        h(
          'select',
          {
            value: String(orgId),
            onChange: (e: Event) => setOrgId(Number((e.currentTarget as HTMLSelectElement).value)),
          },
          orgs.map((o) =>
            h('option', { key: o.id, value: String(o.id), translate: false }, o.name),
          ),
        ),
      ),
    h('button', { type: 'submit', class: 'primary', disabled: action.busy }, t('addSite.submit')),
    h(
      'button',
      { type: 'button', class: 'secondary', onClick: () => setOpen(false) },
      t('common.cancel'),
    ),
    action.error && h('p', { class: 'error', role: 'alert' }, action.error),
  );
}
