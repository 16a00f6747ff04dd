// A breakdown panel with tabs over related dimensions (pages / entry / exit, sources / UTM, …),
// as Plausible groups them. Arrow keys move between tabs (WAI-ARIA tabs pattern).
import { h } from 'preact';
import { useState } from 'preact/hooks';
import type { Access, Dimension, RangeQuery } from '../api.js';
import type { ReportFilter } from '../data/filter.js';
import { BreakdownCard } from './breakdown-card.js';

export interface PanelTab {
  dimension: Dimension;
  /** The tab's text and the panel's title. */
  title: string;
  column: string;
}

export const panelGroups: { name: string; tabs: PanelTab[] }[] = [
  {
    name: 'Pages',
    tabs: [
      { dimension: 'page', title: 'Top pages', column: 'Page' },
      { dimension: 'entry', title: 'Entry pages', column: 'Entry page' },
      { dimension: 'exit', title: 'Exit pages', column: 'Exit page' },
    ],
  },
  {
    name: 'Sources',
    tabs: [
      { dimension: 'source', title: 'Top sources', column: 'Source' },
      { dimension: 'referrer', title: 'Referrers', column: 'Referrer' },
      { dimension: 'utm_source', title: 'UTM source', column: 'utm_source' },
      { dimension: 'utm_medium', title: 'UTM medium', column: 'utm_medium' },
      { dimension: 'utm_campaign', title: 'UTM campaign', column: 'utm_campaign' },
    ],
  },
  {
    name: 'Locations',
    tabs: [{ dimension: 'country', title: 'Countries', column: 'Country' }],
  },
  {
    name: 'Devices',
    tabs: [
      { dimension: 'device', title: 'Devices', column: 'Device' },
      { dimension: 'browser', title: 'Browsers', column: 'Browser' },
      { dimension: 'os', title: 'Operating systems', column: 'OS' },
    ],
  },
  {
    name: 'Events',
    tabs: [{ dimension: 'event', title: 'Custom events', column: 'Event' }],
  },
];

function TabBar(props: {
  label: string;
  tabs: PanelTab[];
  active: number;
  onPick: (i: number) => void;
}) {
  const onKeyDown = (e: KeyboardEvent) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    e.preventDefault();
    const next = (props.active + step + props.tabs.length) % props.tabs.length;
    props.onPick(next);
    const bar = (e.currentTarget as HTMLElement).closest('[role="tablist"]');
    requestAnimationFrame(() => bar?.querySelectorAll<HTMLElement>('[role="tab"]')[next]?.focus());
  };
  return h(
    'div',
    { class: 'tabs', role: 'tablist', 'aria-label': props.label },
    props.tabs.map((t, i) =>
      h(
        'button',
        {
          type: 'button',
          role: 'tab',
          key: t.dimension,
          'data-tab': t.dimension,
          'aria-selected': i === props.active ? 'true' : 'false',
          tabIndex: i === props.active ? 0 : -1,
          onClick: () => props.onPick(i),
          onKeyDown,
        },
        t.title,
      ),
    ),
  );
}

export function BreakdownGroup(props: {
  label: string;
  tabs: PanelTab[];
  domain: string;
  range: RangeQuery;
  access?: Access | undefined;
  onFilter?: ((f: ReportFilter) => void) | undefined;
}) {
  const [active, setActive] = useState(0);
  const tab = props.tabs[active] ?? props.tabs[0]!;
  // Not keyed by dimension: the tab bar stays mounted, so the focused tab keeps the focus.
  return h(BreakdownCard, {
    domain: props.domain,
    dimension: tab.dimension,
    title: tab.title,
    column: tab.column,
    range: props.range,
    access: props.access,
    onFilter: props.onFilter,
    tabBar:
      props.tabs.length > 1
        ? h(TabBar, { label: props.label, tabs: props.tabs, active, onPick: setActive })
        : undefined,
  });
}
