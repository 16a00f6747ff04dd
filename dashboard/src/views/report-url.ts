// The report's view lives in the address: read once from it, written back as a new history entry
// on every change (so back/forward walk through views), and re-read when the address changes
// under the view (back/forward, an edited or pasted address).
import { useEffect, useState } from 'preact/hooks';
import { hashOfView, viewFromHash, type ReportView } from '../data/report-view.js';

export function useReportView(): [ReportView, (next: ReportView) => void] {
  const [view, setView] = useState<ReportView>(() => viewFromHash(location.hash));

  useEffect(() => {
    // The address shows the whole view from the start (defaults included), without a new entry.
    const canonical = hashOfView(location.hash, view);
    if (canonical !== location.hash) history.replaceState(history.state, '', canonical);
    // Only while the address is still this report's: leaving it unmounts the view anyway.
    const route = location.hash.split('?')[0];
    const follow = () => {
      if (location.hash.split('?')[0] !== route) return;
      const next = viewFromHash(location.hash);
      setView((now) => (hashOfView('', now) === hashOfView('', next) ? now : next));
      const shown = hashOfView(location.hash, next);
      if (shown !== location.hash) history.replaceState(history.state, '', shown);
    };
    addEventListener('popstate', follow);
    addEventListener('hashchange', follow);
    return () => {
      removeEventListener('popstate', follow);
      removeEventListener('hashchange', follow);
    };
  }, []);

  const change = (next: ReportView) => {
    const href = hashOfView(location.hash, next);
    if (href !== location.hash) history.pushState(null, '', href);
    setView(next);
  };
  return [view, change];
}
