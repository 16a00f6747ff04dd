// A window's recordings as a table: start (the link to the player), pages, chunks, the scanner's
// findings — type and location only, the API never sends a matched value — and a review column.
import { h } from 'preact';
import { findingLabel, findingLocation, formatWhen } from '../data/replay-labels.js';
import type { ReplayRecording, ReplayWindow } from '../replay-api.js';
import { hrefOf } from '../router.js';
import { t } from '../i18n/t.js';
import { formatNumber } from '../data/format.js';

function Findings(props: { r: ReplayRecording }) {
  if (props.r.findings.length === 0)
    return h('span', { class: 'muted' }, t('recordings.noFindings'));
  return h(
    'ul',
    { class: 'replay-findings' },
    props.r.findings.map((f, i) =>
      h(
        'li',
        { key: i, 'data-finding': f.type },
        h('strong', null, findingLabel(f.type)),
        ` — ${findingLocation(f)}`,
      ),
    ),
  );
}

function RecordingRow(props: {
  w: ReplayWindow;
  r: ReplayRecording;
  action?: { label: string; run: () => void };
}) {
  const { r } = props;
  return h(
    'tr',
    { 'data-recording': r.id },
    h(
      'td',
      null,
      h(
        'a',
        {
          href: hrefOf({ name: 'replay-player', windowId: props.w.id, recordingId: r.id }),
          'data-play': r.id,
        },
        formatWhen(r.startedAt),
      ),
      r.preview &&
        h('span', { class: 'muted', 'data-preview': 'true' }, ` ${t('recordings.preview')}`),
    ),
    h('td', { class: 'num' }, formatNumber(r.pages)),
    h(
      'td',
      { class: 'num' },
      r.quarantinedChunks
        ? t('recordings.chunksQuarantined', { chunks: r.chunks, quarantined: r.quarantinedChunks })
        : formatNumber(r.chunks),
    ),
    h('td', null, h(Findings, { r })),
    h(
      'td',
      null,
      props.action
        ? h(
            'button',
            { type: 'button', class: 'secondary', onClick: props.action.run },
            props.action.label,
          )
        : r.reviewed
          ? t('recordings.checked')
          : h('span', { class: 'muted' }, t('recordings.notYet')),
    ),
  );
}

export function RecordingTable(props: {
  w: ReplayWindow;
  list: ReplayRecording[];
  last: string;
  action?: (r: ReplayRecording) => { label: string; run: () => void };
}) {
  return h(
    'table',
    { class: 'replay-table' },
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        [
          t('recordings.started'),
          t('recordings.pages'),
          t('recordings.chunks'),
          t('recordings.findings'),
          props.last,
        ].map((label) => h('th', { key: label, scope: 'col' }, label)),
      ),
    ),
    h(
      'tbody',
      null,
      props.list.map((r) =>
        h(RecordingRow, { key: r.id, w: props.w, r, action: props.action?.(r) }),
      ),
    ),
  );
}
