// The audit log of an organisation (owners): newest first, the hash chain's check, CSV export.
import { h } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { adminApi } from '../admin-api.js';
import type { Me } from '../api.js';
import { actionLabel, actorLabel, detailsText } from '../data/audit-labels.js';
import { formatDateTime } from '../data/format.js';
import { ExportButton } from './components.js';
import { OrgPicker } from './org-picker.js';
import { useLoad } from './use-load.js';
import { t } from '../i18n/t.js';

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
        ? h('span', { class: 'muted' }, t('audit.checking'))
        : c.intact
          ? h('span', { class: 'good' }, t('audit.intact', { count: c.checkedRows }))
          : h(
              'span',
              { class: 'bad' },
              t('audit.broken', {
                problems: c.breaks
                  .map((b) =>
                    t(b.problem === 'altered_row' ? 'audit.rowAltered' : 'audit.rowUnlinked', {
                      id: b.id,
                    }),
                  )
                  .concat(c.otherBreaks ? [t('audit.otherOrgs', { count: c.otherBreaks })] : [])
                  .concat(c.checkpointProblem ? [c.checkpointProblem.message] : [])
                  .concat(
                    c.invalidCheckpointLines
                      ? [t('audit.invalidLines', { count: c.invalidCheckpointLines })]
                      : [],
                  )
                  .join(', '),
              }),
            ),
    c &&
      h(
        'code',
        { class: 'muted head', title: t('audit.headTitle') },
        t('audit.head', { hash: c.head.slice(0, 16) }),
      ),
    h(
      'button',
      { type: 'button', class: 'secondary', onClick: check.reload },
      t('audit.verifyAgain'),
    ),
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
      h('h1', null, t('nav.audit')),
      h(
        'div',
        { class: 'controls' },
        h(OrgPicker, { me: props.me, current: props.orgId, page: 'audit' }),
        h(ExportButton, {
          label: t('audit.export'),
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
            h('th', { scope: 'col' }, t('audit.when')),
            h('th', { scope: 'col' }, t('audit.who')),
            h('th', { scope: 'col' }, t('audit.what')),
            h('th', { scope: 'col' }, t('audit.target')),
            h('th', { scope: 'col' }, t('breakdown.details')),
          ),
        ),
        h(
          'tbody',
          null,
          newest.slice(0, shown).map((r) =>
            h(
              'tr',
              { key: r.id, 'data-action': r.action },
              h('td', null, formatDateTime(r.at)),
              h('td', { class: 'wrap', translate: false }, actorLabel(r.actor, emails)),
              h('td', null, actionLabel(r.action)),
              h('td', { class: 'wrap', translate: false }, actorLabel(r.target, emails)),
              // API field names and their values, as recorded: not words to translate.
              h('td', { class: 'wrap muted', translate: false }, detailsText(r.details)),
            ),
          ),
        ),
      ),
    rows.data &&
      newest.length > shown &&
      h(
        'button',
        { type: 'button', class: 'secondary', onClick: () => setShown(shown + pageSize) },
        t('audit.showMore', { count: newest.length - shown }),
      ),
  );
}
