// Switches an organisation page (members, audit log) between the organisations the user may
// open it for; nothing when there is only one.
import { h } from 'preact';
import type { Me } from '../api.js';
import { hrefOf } from '../router.js';
import { t } from '../i18n/t.js';

/** Organisations whose members page (admins, owners) or audit log (owners) the user may open. */
export function orgsFor(me: Me, page: 'members' | 'audit') {
  return me.orgs.filter((o) => o.role === 'owner' || (page === 'members' && o.role === 'admin'));
}

export function OrgPicker(props: { me: Me; current: number; page: 'members' | 'audit' }) {
  const orgs = orgsFor(props.me, props.page);
  const name = props.me.orgs.find((o) => o.id === props.current)?.name;
  if (orgs.length <= 1) return name ? h('p', { class: 'muted', translate: false }, name) : null;
  return h(
    'label',
    { class: 'toggle' },
    h('span', null, t('common.organisation')),
    h(
      'select',
      {
        value: String(props.current),
        onChange: (e: Event) => {
          const orgId = Number((e.currentTarget as HTMLSelectElement).value);
          location.hash = hrefOf({ name: props.page, orgId });
        },
      },
      orgs.map((o) => h('option', { key: o.id, value: String(o.id), translate: false }, o.name)),
    ),
  );
}
