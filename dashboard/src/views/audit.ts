// The audit log of an organisation (owners): newest first, the hash chain's check, CSV export.
import { h } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { adminApi } from '../admin-api.js';
import type { Me } from '../api.js';
import { actionLabel, actorLabel, detailsText } from '../data/audit-labels.js';
import { formatNumber } from '../data/format.js';
import { ExportButton } from './components.js';
import { OrgPicker } from './org-picker.js';
import { useLoad } from './use-load.js';

const pageSize = 100;

function ChainStatus(props: { orgId: number }) {
  const check = useLoad(() => adminApi.verifyAudit(props.orgId), [props.orgId]);
  const c = check.data;
  return h(
    'div',
    {
      class: 'chain-status',
      role: 'status',
      'data-chain': c ? (c.intact ? 'intact' : 'broken') : 'checking',
    },
    check.error
      ? h('span', { class: 'error' }, check.error)
      : !c
        ? h('span', { class: 'muted' }, 'Checking the hash chain…')
        : c.intact
          ? h(
              'span',
              { class: 'good' },
              `✓ Hash chain intact: ${formatNumber(c.checkedRows)} rows checked.`,
            )
          : h(
              'span',
              { class: 'bad' },
              `✗ Hash chain broken: ${c.breaks
                .map(
                  (b) => `row ${b.id} (${b.problem === 'altered_row' ? 'altered' : 'link broken'})`,
                )
                .concat(c.otherBreaks ? [`${c.otherBreaks} in other organisations' rows`] : [])
                .concat(c.checkpointProblem ? [c.checkpointProblem.message] : [])
                .concat(
                  c.invalidCheckpointLines
                    ? [`${c.invalidCheckpointLines} invalid line(s) in the checkpoint file`]
                    : [],
                )
                .join(', ')}.`,
            ),
    c &&
      h(
        'code',
        { class: 'muted head', title: 'Hash of the last row' },
        `head ${c.head.slice(0, 16)}…`,
      ),
    h('button', { type: 'button', class: 'secondary', onClick: check.reload }, 'Verify again'),
  );
}

export function AuditView(props: { orgId: number; me: Me; onUnauthorized: () => void }) {
  const rows = useLoad(() => adminApi.audit(props.orgId), [props.orgId], props.onUnauthorized);
  const members = useLoad(() => adminApi.members(props.orgId), [props.orgId]);
  const [shown, setShown] = useState(pageSize);
  const emails = useMemo(
    () => new Map((members.data ?? []).map((m) => [m.userId, m.email])),
    [members.data],
  );
  const newest = useMemo(() => (rows.data ? [...rows.data].reverse() : []), [rows.data]);
  return h(
    'div',
    { class: 'audit', 'data-loaded': rows.data ? 'true' : 'false' },
    h(
      'header',
      { class: 'view-header' },
      h('h1', null, 'Audit log'),
      h(
        'div',
        { class: 'controls' },
        h(OrgPicker, { me: props.me, current: props.orgId, page: 'audit' }),
        h(ExportButton, {
          label: 'Export the audit log as CSV',
          name: 'audit',
          fetchFile: () => adminApi.exportAudit(props.orgId),
        }),
      ),
    ),
    h(ChainStatus, { orgId: props.orgId }),
    rows.error && h('p', { class: 'error', role: 'alert' }, rows.error),
    rows.data &&
      h(
        'table',
        { class: 'list panel-table audit-table' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            h('th', { scope: 'col' }, 'When'),
            h('th', { scope: 'col' }, 'Who'),
            h('th', { scope: 'col' }, 'What'),
            h('th', { scope: 'col' }, 'Target'),
            h('th', { scope: 'col' }, 'Details'),
          ),
        ),
        h(
          'tbody',
          null,
          newest
            .slice(0, shown)
            .map((r) =>
              h(
                'tr',
                { key: r.id, 'data-action': r.action },
                h('td', null, new Date(r.at).toLocaleString()),
                h('td', { class: 'wrap' }, actorLabel(r.actor, emails)),
                h('td', null, actionLabel(r.action)),
                h('td', { class: 'wrap' }, actorLabel(r.target, emails)),
                h('td', { class: 'wrap muted' }, detailsText(r.details)),
              ),
            ),
        ),
      ),
    rows.data &&
      newest.length > shown &&
      h(
        'button',
        { type: 'button', class: 'secondary', onClick: () => setShown(shown + pageSize) },
        `Show more (${formatNumber(newest.length - shown)} older)`,
      ),
  );
}
