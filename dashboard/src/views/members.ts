// An organisation's members and invitations: list (admins and owners), change a role, remove,
// invite by link (owners). The server keeps the last owner (409) and names what it refuses.
import { h } from 'preact';
import { useState } from 'preact/hooks';
import { adminApi, roles, type Member, type Role } from '../admin-api.js';
import type { Me } from '../api.js';
import { CopyButton } from './copy-button.js';
import { ListTable } from './list-table.js';
import { OrgPicker } from './org-picker.js';
import { OrgSecondFactor } from './org-second-factor.js';
import { useAction, useLoad } from './use-load.js';
import { t, type MessageKey } from '../i18n/t.js';
import { formatDate } from '../data/format.js';

const when = (iso: string) => formatDate(iso);

const roleLabels: Record<Role, MessageKey> = {
  owner: 'role.owner',
  admin: 'role.admin',
  viewer: 'role.viewer',
};
const roleLabel = (r: Role) => (roleLabels[r] ? t(roleLabels[r]) : r);

function Invitations(props: { orgId: number }) {
  const list = useLoad(() => adminApi.invitations(props.orgId), [props.orgId]);
  const [role, setRole] = useState<Role>('viewer');
  const [email, setEmail] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const action = useAction();
  const invite = (e: Event) => {
    e.preventDefault();
    action.run(async () => {
      const r = await adminApi.invite(props.orgId, { role, ...(email && { email }) });
      setCreated(r.url);
      setEmail('');
      list.reload();
    });
  };
  const pending = (list.data ?? []).filter((i) => !i.acceptedAt);
  return h(
    'section',
    { class: 'panel settings-section', 'aria-labelledby': 'invite-title' },
    h('h2', { id: 'invite-title' }, t('members.inviteTitle')),
    h(
      'form',
      { class: 'inline-form', onSubmit: invite, 'aria-label': t('members.newInvitation') },
      h(
        'label',
        { class: 'field' },
        h('span', null, t('members.inviteEmail')),
        h('input', {
          type: 'email',
          name: 'invite-email',
          value: email,
          onInput: (e: Event) => setEmail((e.currentTarget as HTMLInputElement).value),
        }),
      ),
      h(
        'label',
        { class: 'field' },
        h('span', null, t('members.role')),
        h(
          'select',
          {
            name: 'invite-role',
            value: role,
            onChange: (e: Event) => setRole((e.currentTarget as HTMLSelectElement).value as Role),
          },
          roles.map((r) => h('option', { key: r, value: r }, roleLabel(r))),
        ),
      ),
      h(
        'button',
        { type: 'submit', class: 'primary', disabled: action.busy },
        t('members.createInvitation'),
      ),
    ),
    action.error && h('p', { class: 'error', role: 'alert' }, action.error),
    created &&
      h(
        'div',
        { class: 'secret', 'data-invitation-url': 'true' },
        h('p', null, t('members.sendLink')),
        h('code', { class: 'secret-value', translate: false }, created),
        h(CopyButton, { text: created, label: t('members.copyLink'), name: 'invitation' }),
      ),
    pending.length > 0 &&
      h(
        'table',
        { class: 'list', 'aria-label': t('members.pending') },
        h(
          'tbody',
          null,
          pending.map((i) =>
            h(
              'tr',
              { key: i.id, 'data-invitation': i.id },
              h(
                'td',
                null,
                i.email ? h('span', { translate: false }, i.email) : t('members.anyone'),
              ),
              h('td', null, roleLabel(i.role)),
              h('td', null, t('members.expires', { when: when(i.expiresAt) })),
              h(
                'td',
                { class: 'num' },
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'secondary danger',
                    onClick: () =>
                      action.run(async () => {
                        await adminApi.revokeInvitation(props.orgId, i.id);
                        list.reload();
                      }),
                  },
                  t('common.revoke'),
                ),
              ),
            ),
          ),
        ),
      ),
  );
}

export function MembersView(props: { orgId: number; me: Me; onUnauthorized: () => void }) {
  const members = useLoad(() => adminApi.members(props.orgId), [props.orgId], props.onUnauthorized);
  const action = useAction();
  const myRole = props.me.orgs.find((o) => o.id === props.orgId)?.role;
  const isOwner = myRole === 'owner';
  // Reloaded even when refused, so that a role select shows the server's role again.
  const change = (userId: number, role: Role) =>
    action.run(() => adminApi.setRole(props.orgId, userId, role).finally(members.reload));
  const remove = (userId: number) =>
    action.run(async () => {
      await adminApi.removeMember(props.orgId, userId);
      members.reload();
    });
  return h(
    'div',
    { class: 'members', 'data-loaded': members.data ? 'true' : 'false' },
    h(
      'header',
      { class: 'view-header' },
      h('h1', null, t('nav.members')),
      h(OrgPicker, { me: props.me, current: props.orgId, page: 'members' }),
    ),
    h('p', { class: 'muted' }, t('members.intro')),
    members.error && h('p', { class: 'error', role: 'alert' }, members.error),
    action.error && h('p', { class: 'error', role: 'alert' }, action.error),
    members.data &&
      h(ListTable<Member>, {
        rows: members.data,
        class: 'list panel-table',
        rowKey: (m) => m.userId,
        row: (m) => ({ 'data-member': m.email }),
        columns: [
          {
            label: t('auth.email'),
            td: { class: 'wrap' },
            cell: (m) => [
              h('span', { translate: false }, m.email),
              m.userId === props.me.user.id ? ` ${t('members.you')}` : '',
            ],
          },
          {
            label: t('members.role'),
            cell: (m) =>
              isOwner
                ? h(
                    'select',
                    {
                      'aria-label': t('members.roleOf', { email: m.email }),
                      value: m.role,
                      disabled: action.busy,
                      onChange: (e: Event) =>
                        change(m.userId, (e.currentTarget as HTMLSelectElement).value as Role),
                    },
                    roles.map((r) => h('option', { key: r, value: r }, roleLabel(r))),
                  )
                : roleLabel(m.role),
          },
          { label: t('members.since'), cell: (m) => when(m.createdAt) },
          {
            label: t('app.secondFactor'),
            td: (m) => ({ 'data-second-factor': String(Boolean(m.secondFactor)) }),
            cell: (m) => (m.secondFactor ? t('common.yes') : t('common.no')),
          },
        ],
        actions: (m) =>
          isOwner &&
          h(
            'button',
            {
              type: 'button',
              class: 'secondary danger',
              'aria-label': t('members.removeNamed', { email: m.email }),
              disabled: action.busy,
              onClick: () => remove(m.userId),
            },
            t('members.remove'),
          ),
      }),
    h(OrgSecondFactor, { orgId: props.orgId, isOwner }),
    isOwner && h(Invitations, { orgId: props.orgId }),
  );
}
