// Routes of the signed-in member beyond the reports: a site's realtime and settings pages, an
// organisation's members and audit log, the user's API keys; and their links in the top bar.
import { Fragment, h } from 'preact';
import type { Me } from '../api.js';
import { hrefOf, type Route } from '../router.js';
import { ApiKeysView } from './api-keys.js';
import { AuditView } from './audit.js';
import { MembersView } from './members.js';
import { orgsFor } from './org-picker.js';
import { RealtimeView } from './realtime.js';
import { SettingsView } from './settings.js';
import { t } from '../i18n/t.js';

export type AdminRoute = Extract<
  Route,
  { name: 'realtime' | 'settings' | 'members' | 'audit' | 'api-keys' }
>;

const names = new Set<string>(['realtime', 'settings', 'members', 'audit', 'api-keys']);
export const isAdminRoute = (r: Route): r is AdminRoute => names.has(r.name);

export function AdminRouteView(props: { route: AdminRoute; me: Me; onUnauthorized: () => void }) {
  const { route, me, onUnauthorized } = props;
  switch (route.name) {
    case 'realtime':
      return h(RealtimeView, { key: route.domain, domain: route.domain, onUnauthorized });
    case 'settings':
      return h(SettingsView, { key: route.domain, domain: route.domain, me, onUnauthorized });
    case 'members':
      return h(MembersView, { key: route.orgId, orgId: route.orgId, me, onUnauthorized });
    case 'audit':
      return h(AuditView, { key: route.orgId, orgId: route.orgId, me, onUnauthorized });
    case 'api-keys':
      return h(ApiKeysView, { me, onUnauthorized });
  }
}

/** Members (admins, owners), audit log (owners) and API keys (everyone) in the top bar. */
export function AccountLinks(props: { me: Me }) {
  const members = orgsFor(props.me, 'members')[0];
  const audit = orgsFor(props.me, 'audit')[0];
  return h(
    Fragment,
    null,
    members && h('a', { href: hrefOf({ name: 'members', orgId: members.id }) }, t('nav.members')),
    audit && h('a', { href: hrefOf({ name: 'audit', orgId: audit.id }) }, t('nav.audit')),
    h('a', { href: hrefOf({ name: 'api-keys' }) }, t('nav.apiKeys')),
  );
}
