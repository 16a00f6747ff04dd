// One breakdown panel with its own data: the top 10, or with "details" up to 100 rows and a search.
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, type Access, type Breakdown, type Dimension, type Period } from '../api.js';
import { BreakdownPanel } from './components.js';

export function BreakdownCard(props: {
  domain: string;
  dimension: Dimension;
  title: string;
  column: string;
  period: Period;
  access?: Access | undefined;
}) {
  const [data, setData] = useState<Breakdown | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [expanded, setExpanded] = useState(false);
  const [search, setSearch] = useState('');

  useEffect(() => {
    let live = true;
    // Typing in the search box waits a moment before asking the server.
    const timer = setTimeout(
      () => {
        api
          .breakdown(props.domain, props.dimension, props.period, props.access, {
            limit: expanded ? 100 : 10,
            search: expanded ? search : '',
          })
          .then(
            (b) => {
              if (!live) return;
              setError(null);
              setData(b);
            },
            (err: unknown) => live && setError(err instanceof Error ? err.message : String(err)),
          );
      },
      expanded && search ? 200 : 0,
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [props.domain, props.dimension, props.period, props.access, expanded, search]);

  return h(BreakdownPanel, {
    title: props.title,
    dimension: props.dimension,
    columnLabel: props.column,
    data,
    error,
    expanded,
    search,
    onSearch: setSearch,
    onToggleDetails: () => {
      setExpanded(!expanded);
      setSearch('');
    },
    exportFile: () =>
      api.exportBreakdown(props.domain, props.dimension, props.period, props.access),
  });
}
