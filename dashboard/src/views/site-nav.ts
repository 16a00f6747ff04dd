// The tabs of one site for signed-in members: report, realtime, settings.
import { h } from 'preact';
import { t, type MessageKey } from '../i18n/t.js';

const tabs = [
  { name: 'site', label: 'siteNav.report', suffix: '' },
  { name: 'realtime', label: 'siteNav.realtime', suffix: '/realtime' },
  { name: 'replay', label: 'siteNav.replay', suffix: '/replay' },
  { name: 'settings', label: 'siteNav.settings', suffix: '/settings' },
] as const satisfies readonly { name: string; label: MessageKey; suffix: string }[];

export function SiteNav(props: { domain: string; current: (typeof tabs)[number]['name'] }) {
  const base = `#/sites/${encodeURIComponent(props.domain)}`;
  return h(
    'nav',
    { class: 'site-nav', 'aria-label': t('siteNav.label') },
    h('a', { href: '#/', class: 'muted' }, t('siteNav.back')),
    tabs.map((tab) =>
      h(
        'a',
        {
          key: tab.name,
          href: base + tab.suffix,
          'data-site-tab': tab.name,
          'aria-current': tab.name === props.current ? 'page' : undefined,
        },
        t(tab.label),
      ),
    ),
  );
}
