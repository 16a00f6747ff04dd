// A breakdown panel with tabs over related dimensions (pages / entry / exit, sources / UTM, …),
// as Plausible groups them. Arrow keys move between tabs (WAI-ARIA tabs pattern).
import { h } from 'preact';
import type { Access, Dimension, RangeQuery } from '../api.js';
import type { ReportFilter } from '../data/filter.js';
import { activeTab, pickTab } from '../data/report-view.js';
import { BreakdownCard } from './breakdown-card.js';
import { t, type MessageKey } from '../i18n/t.js';

export interface PanelTab {
  dimension: Dimension;
  /** The tab's text and the panel's title. */
  title: MessageKey;
  column: MessageKey;
}

export const panelGroups: { name: MessageKey; tabs: PanelTab[] }[] = [
  {
    name: 'panels.pages',
    tabs: [
      { dimension: 'page', title: 'panels.topPages', column: 'dimension.page' },
      { dimension: 'entry', title: 'panels.entryPages', column: 'dimension.entry' },
      { dimension: 'exit', title: 'panels.exitPages', column: 'dimension.exit' },
    ],
  },
  {
    name: 'panels.sources',
    tabs: [
      { dimension: 'source', title: 'panels.topSources', column: 'dimension.source' },
      { dimension: 'referrer', title: 'panels.referrers', column: 'dimension.referrer' },
      { dimension: 'utm_source', title: 'dimension.utmSource', column: 'column.utmSource' },
      { dimension: 'utm_medium', title: 'dimension.utmMedium', column: 'column.utmMedium' },
      {
        dimension: 'utm_campaign',
        title: 'dimension.utmCampaign',
        column: 'column.utmCampaign',
      },
    ],
  },
  {
    name: 'panels.locations',
    tabs: [{ dimension: 'country', title: 'panels.countries', column: 'dimension.country' }],
  },
  {
    name: 'panels.devices',
    tabs: [
      { dimension: 'device', title: 'panels.devices', column: 'dimension.device' },
      { dimension: 'browser', title: 'panels.browsers', column: 'dimension.browser' },
      { dimension: 'os', title: 'panels.os', column: 'dimension.os' },
    ],
  },
  {
    name: 'panels.events',
    tabs: [{ dimension: 'event', title: 'panels.customEvents', column: 'dimension.event' }],
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
    props.tabs.map((tab, i) =>
      h(
        'button',
        {
          type: 'button',
          role: 'tab',
          key: tab.dimension,
          'data-tab': tab.dimension,
          'aria-selected': i === props.active ? 'true' : 'false',
          tabIndex: i === props.active ? 0 : -1,
          onClick: () => props.onPick(i),
          onKeyDown,
        },
        t(tab.title),
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
  /** The report's open tabs (from the address) and how to change them. */
  tabsOpen: string[];
  onTabs: (tabs: string[]) => void;
  /** What an empty panel says. */
  emptyText?: string;
}) {
  const dimensions = props.tabs.map((tab) => tab.dimension);
  const active = dimensions.indexOf(activeTab(dimensions, props.tabsOpen) as Dimension);
  const tab = props.tabs[active] ?? props.tabs[0]!;
  const setActive = (i: number) =>
    props.onTabs(pickTab(dimensions, props.tabsOpen, dimensions[i]!));
  // Not keyed by dimension: the tab bar stays mounted, so the focused tab keeps the focus.
  return h(BreakdownCard, {
    domain: props.domain,
    dimension: tab.dimension,
    title: t(tab.title),
    column: t(tab.column),
    range: props.range,
    access: props.access,
    onFilter: props.onFilter,
    emptyText: props.emptyText,
    tabBar:
      props.tabs.length > 1
        ? h(TabBar, { label: props.label, tabs: props.tabs, active, onPick: setActive })
        : undefined,
  });
}
