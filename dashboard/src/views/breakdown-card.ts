// One breakdown panel with its own data: the top 10, or with "details" up to 100 rows and a
// search. Custom events drill down to their properties (event_prop rows are kept per event, so
// the counters can answer it); no other panel pretends to filter.
import { h, type ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, type Access, type Breakdown, type Dimension, type RangeQuery } from '../api.js';
import { canFilter, type ReportFilter } from '../data/filter.js';
import { BreakdownPanel } from './components.js';
import { CountryMap } from './country-map.js';
import { t } from '../i18n/t.js';
import { errorText } from './use-load.js';

export function BreakdownCard(props: {
  domain: string;
  dimension: Dimension;
  title: string;
  column: string;
  range: RangeQuery;
  access?: Access | undefined;
  tabBar?: ComponentChildren;
  /** Narrows the cards and chart to a row's value, where its counters can answer that. */
  onFilter?: ((f: ReportFilter) => void) | undefined;
  emptyText?: string | undefined;
}) {
  const [data, setData] = useState<Breakdown | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [expanded, setExpanded] = useState(false);
  const [search, setSearch] = useState('');
  /** The event whose properties are shown (event panel only). */
  const [event, setEvent] = useState<string | null>(null);
  const dimension: Dimension = event !== null ? 'event_prop' : props.dimension;

  // Another tab of the same panel starts from its top 10.
  useEffect(() => {
    setExpanded(false);
    setSearch('');
    setEvent(null);
  }, [props.dimension]);

  useEffect(() => {
    let live = true;
    setData(null);
    // Typing in the search box waits a moment before asking the server.
    const timer = setTimeout(
      () => {
        api
          .breakdown(props.domain, dimension, props.range, props.access, {
            limit: expanded ? 100 : 10,
            search: expanded ? search : '',
            ...(event !== null && { event }),
          })
          .then(
            (b) => {
              if (!live) return;
              setError(null);
              setData(b);
            },
            (err: unknown) => live && setError(errorText(err)),
          );
      },
      expanded && search ? 200 : 0,
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [props.domain, dimension, props.range, props.access, expanded, search, event]);

  const drill = (value: string | null) => {
    setEvent(value);
    setExpanded(false);
    setSearch('');
  };
  const title = event !== null ? t('breakdown.propertiesOf', { event }) : props.title;
  return h(BreakdownPanel, {
    title,
    dimension,
    columnLabel: event !== null ? t('breakdown.propertyValue') : props.column,
    data,
    error,
    expanded,
    search,
    onSearch: setSearch,
    onToggleDetails: () => {
      setExpanded(!expanded);
      setSearch('');
    },
    tabBar: event === null ? props.tabBar : undefined,
    emptyText: props.emptyText,
    // Countries: the world map beside the table, from the very rows the table shows.
    aside: dimension === 'country' ? (d: Breakdown) => h(CountryMap, { data: d }) : undefined,
    onSelectRow:
      props.dimension === 'event'
        ? event === null
          ? drill
          : undefined
        : props.onFilter && canFilter(props.dimension, 'x')
          ? (value: string) => {
              if (canFilter(props.dimension, value)) {
                props.onFilter?.({ dimension: props.dimension, value });
              }
            }
          : undefined,
    back:
      event !== null &&
      h(
        'button',
        { type: 'button', class: 'export back', 'data-back': 'event', onClick: () => drill(null) },
        t('breakdown.allEvents'),
      ),
    exportFile: () =>
      api.exportBreakdown(props.domain, dimension, props.range, props.access, event ?? undefined),
  });
}
