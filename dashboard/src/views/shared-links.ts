// A site's shared links: create (label, optional password, branding: logo and accent colour,
// origins allowed to embed it), copy the URL (shown once: only its hash is stored), list, revoke.
import { h } from 'preact';
import { useState } from 'preact/hooks';
import { adminApi, type SharedLink } from '../admin-api.js';
import { CopyButton } from './copy-button.js';
import { LinkBranding } from './link-branding.js';
import { ListTable } from './list-table.js';
import { protectionColumn, SmallCountField, smallCountK } from './small-count-fields.js';
import { useAction, useLoad } from './use-load.js';
import { t, type MessageKey } from '../i18n/t.js';
import { formatDate } from '../data/format.js';

const when = (iso: string) => formatDate(iso);

const statusLabels: Record<ReturnType<typeof status>, MessageKey> = {
  revoked: 'links.revoked',
  expired: 'links.expired',
  active: 'links.active',
};

function status(l: SharedLink, now: number): 'revoked' | 'expired' | 'active' {
  if (l.revokedAt) return 'revoked';
  if (l.expiresAt && Date.parse(l.expiresAt) <= now) return 'expired';
  return 'active';
}

export function SharedLinks(props: { domain: string }) {
  const links = useLoad(() => adminApi.sharedLinks(props.domain), [props.domain]);
  const [label, setLabel] = useState('');
  const [password, setPassword] = useState('');
  const [k, setK] = useState('');
  const [logoUrl, setLogoUrl] = useState('');
  const [useAccent, setUseAccent] = useState(false);
  const [accent, setAccent] = useState('#4f46e5');
  const [origins, setOrigins] = useState('');
  const [created, setCreated] = useState<{ url: string; id: string } | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const action = useAction();
  const create = (e: Event) => {
    e.preventDefault();
    const protect = smallCountK(k);
    if (protect === undefined) return;
    action.run(async () => {
      const frameAncestors = origins
        .split(/\s+/)
        .map((o) => o.trim())
        .filter(Boolean);
      const r = await adminApi.createSharedLink(props.domain, {
        label,
        ...(password && { password }),
        ...(protect !== null && { k: protect }),
        ...(logoUrl.trim() && { logoUrl: logoUrl.trim() }),
        ...(useAccent && { accent }),
        ...(frameAncestors.length > 0 && { frameAncestors }),
      });
      setK('');
      setCreated({ url: r.url, id: r.link.id });
      setLabel('');
      setPassword('');
      setLogoUrl('');
      setOrigins('');
      links.reload();
    });
  };
  const revoke = (id: string) =>
    action.run(async () => {
      await adminApi.revokeSharedLink(props.domain, id);
      if (created?.id === id) setCreated(null);
      if (editing === id) setEditing(null);
      links.reload();
    });
  const now = Date.now();
  return h(
    'section',
    {
      class: 'panel settings-section',
      'aria-labelledby': 'links-title',
      'data-shared-links': 'true',
    },
    h('h2', { id: 'links-title' }, t('links.title')),
    h('p', { class: 'muted' }, t('links.intro')),
    h(
      'form',
      { class: 'inline-form', onSubmit: create, 'aria-label': t('links.new') },
      h(
        'label',
        { class: 'field' },
        h('span', null, t('links.label')),
        h('input', {
          name: 'label',
          value: label,
          maxLength: 200,
          onInput: (e: Event) => setLabel((e.currentTarget as HTMLInputElement).value),
        }),
      ),
      h(
        'label',
        { class: 'field' },
        h('span', null, t('links.password')),
        h('input', {
          name: 'link-password',
          type: 'password',
          autocomplete: 'new-password',
          minLength: 8,
          value: password,
          onInput: (e: Event) => setPassword((e.currentTarget as HTMLInputElement).value),
        }),
      ),
      h(SmallCountField, { name: 'link-k', value: k, onInput: setK }),
      // Branding (agency logo, accent colour) and the origins allowed to embed the link.
      h(
        'label',
        { class: 'field' },
        h('span', null, t('links.logo')),
        h('input', {
          name: 'link-logo',
          type: 'url',
          value: logoUrl,
          onInput: (e: Event) => setLogoUrl((e.currentTarget as HTMLInputElement).value),
        }),
      ),
      h(
        'label',
        { class: 'field inline' },
        h('input', {
          type: 'checkbox',
          name: 'link-use-accent',
          checked: useAccent,
          onChange: (e: Event) => setUseAccent((e.currentTarget as HTMLInputElement).checked),
        }),
        h('span', null, t('links.useAccent')),
      ),
      useAccent &&
        h(
          'label',
          { class: 'field inline' },
          h('span', null, t('links.accent')),
          h('input', {
            type: 'color',
            name: 'link-accent',
            value: accent,
            onInput: (e: Event) => setAccent((e.currentTarget as HTMLInputElement).value),
          }),
        ),
      h(
        'label',
        { class: 'field' },
        h('span', null, t('links.frameAncestors')),
        h('textarea', {
          name: 'link-origins',
          rows: 2,
          value: origins,
          onInput: (e: Event) => setOrigins((e.currentTarget as HTMLTextAreaElement).value),
        }),
      ),
      h('button', { type: 'submit', class: 'primary', disabled: action.busy }, t('links.create')),
    ),
    action.error && h('p', { class: 'error', role: 'alert' }, action.error),
    created &&
      h(
        'div',
        { class: 'secret', 'data-created-link': 'true' },
        h('p', null, t('links.copyNow')),
        h(
          'code',
          { class: 'secret-value', 'data-link-url': 'true', translate: false },
          created.url,
        ),
        h(
          'div',
          { class: 'row' },
          h(CopyButton, { text: created.url, label: t('links.copy'), name: 'link' }),
          h(
            'a',
            { href: created.url, target: '_blank', rel: 'noopener noreferrer' },
            t('links.open'),
          ),
        ),
      ),
    links.error && h('p', { class: 'error', role: 'alert' }, links.error),
    links.data &&
      h(ListTable<SharedLink>, {
        rows: links.data,
        empty: t('links.none'),
        rowKey: (l) => l.id,
        row: (l) => ({ 'data-link': l.id, 'data-status': status(l, now) }),
        columns: [
          {
            label: t('links.label'),
            cell: (l) => [
              l.label ? h('span', { translate: false }, l.label) : t('links.noLabel'),
              l.hasPassword ? ' 🔒' : '',
            ],
          },
          { label: t('links.created'), cell: (l) => when(l.createdAt) },
          { label: t('links.status'), cell: (l) => t(statusLabels[status(l, now)]) },
          protectionColumn<SharedLink>((l) => l.k),
        ],
        actions: (l) =>
          status(l, now) === 'active' && [
            h(
              'button',
              {
                type: 'button',
                class: 'secondary',
                'aria-label': t('linkBranding.editNamed', { name: l.label || t('links.noLabel') }),
                'aria-expanded': editing === l.id,
                'data-edit-branding': l.id,
                onClick: () => setEditing(editing === l.id ? null : l.id),
              },
              t('linkBranding.edit'),
            ),
            ' ',
            h(
              'button',
              {
                type: 'button',
                class: 'secondary danger',
                'aria-label': l.label
                  ? t('common.revokeNamed', { name: l.label })
                  : t('links.revokeUnnamed'),
                'data-revoke': l.id,
                onClick: () => revoke(l.id),
              },
              t('common.revoke'),
            ),
          ],
      }),
    editing &&
      links.data?.some((l) => l.id === editing) &&
      h(LinkBranding, {
        key: editing,
        domain: props.domain,
        link: links.data.find((l) => l.id === editing)!,
        onSaved: links.reload,
        onClose: () => setEditing(null),
      }),
  );
}
