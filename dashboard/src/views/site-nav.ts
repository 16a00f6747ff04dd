// The tabs of one site for signed-in members: report, realtime, settings.
import { h } from 'preact';

const tabs = [
  { name: 'site', label: 'Report', suffix: '' },
  { name: 'realtime', label: 'Realtime', suffix: '/realtime' },
  { name: 'replay', label: 'Replay', suffix: '/replay' },
  { name: 'settings', label: 'Settings', suffix: '/settings' },
] as const;

export function SiteNav(props: { domain: string; current: (typeof tabs)[number]['name'] }) {
  const base = `#/sites/${encodeURIComponent(props.domain)}`;
  return h(
    'nav',
    { class: 'site-nav', 'aria-label': 'Site' },
    h('a', { href: '#/', class: 'muted' }, '← Sites'),
    tabs.map((t) =>
      h(
        'a',
        {
          key: t.name,
          href: base + t.suffix,
          'data-site-tab': t.name,
          'aria-current': t.name === props.current ? 'page' : undefined,
        },
        t.label,
      ),
    ),
  );
}
