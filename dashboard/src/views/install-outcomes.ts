// The install check's last 30 minutes (issue 19 §6): events counted, events from bots and headless
// browsers set aside, and events not counted with their reason. Counts only, from the server.
import { h } from 'preact';
import type { RecentOutcomes } from '../admin-api.js';
import { t, type MessageKey } from '../i18n/t.js';

const reasonKeys: Record<RecentOutcomes['not_counted'][number]['reason'], MessageKey> = {
  unknown_site: 'outcomes.reason.unknown_site',
  domain_mismatch: 'outcomes.reason.domain_mismatch',
  excluded_path: 'outcomes.reason.excluded_path',
  gpc: 'outcomes.reason.gpc',
  rate_limited: 'outcomes.reason.rate_limited',
};

export function InstallOutcomes(props: { recent: RecentOutcomes }) {
  const r = props.recent;
  const refused = r.not_counted.reduce((a, x) => a + x.events, 0);
  return h(
    'div',
    { class: 'install-outcomes', 'data-install-outcomes': 'true' },
    h('h4', null, t('outcomes.title')),
    h(
      'ul',
      null,
      h('li', { 'data-outcome': 'counted' }, t('outcomes.counted', { count: r.counted })),
      h('li', { 'data-outcome': 'bots' }, t('outcomes.bots', { count: r.bots })),
      h(
        'li',
        { 'data-outcome': 'not-counted' },
        t('outcomes.notCounted', { count: refused }),
        r.not_counted.length > 0 &&
          h(
            'ul',
            null,
            r.not_counted.map((x) =>
              h(
                'li',
                { key: x.reason, 'data-reason': x.reason },
                t('outcomes.reasonCount', {
                  reason: t(reasonKeys[x.reason]),
                  count: x.events,
                }),
              ),
            ),
          ),
      ),
    ),
    r.bots > 0 && h('p', { class: 'muted' }, t('outcomes.botHint')),
  );
}
