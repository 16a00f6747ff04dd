// One replay window: its settings as recorded, state and actions (pause/resume — with a note after
// an automatic pause —, close, close and purge, edit viewers (org owners, never themselves),
// downloads (the window's owner), record of processing), its recordings with scanner findings (type
// and location, never a value) and the review queue: offers stop at 20 unreviewed recordings, and
// only someone who played a recording can mark it checked.
import { h } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiFailure, type Me } from '../api.js';
import { findingLabel, formatWhen, purposeLabel, ratePercent } from '../data/replay-labels.js';
import {
  managesOrg,
  replayApi,
  type OrgMember,
  type ReplayRecording,
  type ReplayWindow,
} from '../replay-api.js';
import { saveFile } from '../save-file.js';
import { hrefOf } from '../router.js';
import { RecordingTable } from './replay-recordings.js';
import { StateBadge } from './replay-windows.js';
import './replay.css';
import { t, type MessageKey } from '../i18n/t.js';
import { errorText } from './use-load.js';

function Settings(props: { w: ReplayWindow; members: OrgMember[] }) {
  const { w } = props;
  const who = (id: number) =>
    props.members.find((m) => m.userId === id)?.email ?? t('rw.user', { id });
  const rows: [MessageKey, string][] = [
    ['replayWindows.purpose', purposeLabel(w.purpose, w.purposeText)],
    ['rw.ticket', w.ticketUrl ?? '—'],
    ['rw.owner', who(w.ownerUserId)],
    ['replayWindows.period', `${formatWhen(w.startsAt)} → ${formatWhen(w.endsAt)}`],
    ['rw.sampleRate', ratePercent(w.sampleRate)],
    [
      'rw.caps',
      t('rw.capsValue', {
        sessions: w.maxSessions,
        minutes: w.maxMinutesPerRecording,
        pages: w.maxPagesPerRecording,
      }),
    ],
    [
      'rw.include',
      (w.wholeSite ? `${t('rw.wholeSite')} — ` : '') + (w.includeRules.join(', ') || '—'),
    ],
    ['rw.exclude', [...(w.excludeRules ?? [])].join(', ') || t('rw.denylistOnly')],
    ['rw.unmask', w.unmaskSelectors.join(', ') || t('rw.noSelector')],
    ['rw.retention', t('rw.retentionValue', { days: w.retentionDays })],
    ['rw.viewers', w.viewerUserIds.map(who).join(', ') || '—'],
    ['rw.canary', w.canary ? t('rw.planted') : t('rw.noCanary')],
    ['rw.downloads', w.downloadsAllowed ? t('rw.downloadsOn') : t('rw.downloadsOff')],
    [
      'rw.notice',
      w.noticeShown
        ? t('rw.noticeShown')
        : t('rw.noticeHidden', { reason: w.noticeHiddenReason ?? '' }),
    ],
    [
      'rw.recorded',
      t('rw.recordedValue', {
        recordings: w.counts.recordings,
        sessions: w.counts.sessions,
        chunks: w.counts.flaggedChunks,
      }),
    ],
    ['recordings.findings', findingSummary(w.findings)],
    ['rw.purgeDue', w.purgeDueAt ? formatWhen(w.purgeDueAt) : '—'],
    [
      'rw.signOff',
      w.signOff
        ? t('rw.signedBy', {
            who: who(w.signOff.by),
            when: formatWhen(w.signOff.at),
            note: w.signOff.note,
          })
        : t('rw.notSigned'),
    ],
  ];
  return h(
    'dl',
    { class: 'replay-settings' },
    rows.map(([k, v]) => [h('dt', { key: `${k}-t` }, t(k)), h('dd', { key: `${k}-d` }, v)]),
  );
}

function DraftPanel(props: {
  w: ReplayWindow;
  manager: boolean;
  selfId: number;
  act: (p: Promise<unknown>, done: string) => void;
  failed: (err: unknown) => void;
}) {
  const { w } = props;
  const [link, setLink] = useState<string | null>(null);
  const signer = w.signOff?.by ?? null;
  return h(
    'section',
    { class: 'panel', 'aria-label': t('draft.label'), 'data-draft': 'true' },
    h('h2', null, t('draft.title')),
    h('p', { class: 'muted' }, t('draft.intro')),
    props.manager &&
      h(
        'div',
        { class: 'replay-actions' },
        h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            onClick: () => replayApi.previewLink(w.id).then((r) => setLink(r.url), props.failed),
          },
          t('draft.link'),
        ),
        signer !== null &&
          signer !== props.selfId &&
          h(
            'button',
            {
              type: 'button',
              onClick: () => props.act(replayApi.openDraft(w.id), t('rw.done.opened')),
            },
            t('draft.open'),
          ),
      ),
    link &&
      h(
        'label',
        { class: 'field' },
        h('span', null, t('draft.linkLabel')),
        h('input', { readOnly: true, value: link, 'data-preview-link': 'true' }),
      ),
    h(
      'p',
      { class: 'muted' },
      signer === null
        ? t('draft.waiting')
        : signer === props.selfId
          ? t('draft.signerCannotOpen')
          : '',
    ),
  );
}

function findingSummary(findings: Record<string, number>): string {
  const parts = Object.entries(findings).map(([type, n]) =>
    t('rw.findingCount', { finding: findingLabel(type), count: n }),
  );
  return parts.join(', ') || t('recordings.noFindings');
}

function ViewersEditor(props: {
  w: ReplayWindow;
  members: OrgMember[];
  selfId: number;
  onSave: (ids: number[]) => void;
}) {
  const [chosen, setChosen] = useState<number[]>(props.w.viewerUserIds);
  // Nobody adds themselves: another owner must name you (the server refuses it too).
  const choices = props.members.filter(
    (m) => m.userId !== props.selfId || props.w.viewerUserIds.includes(m.userId),
  );
  return h(
    'fieldset',
    { class: 'field replay-members' },
    h('legend', null, t('rw.namedViewers')),
    choices.map((m) =>
      h(
        'label',
        { key: m.userId, class: 'toggle' },
        h('input', {
          type: 'checkbox',
          name: 'viewer',
          value: String(m.userId),
          checked: chosen.includes(m.userId),
          onChange: (e: Event) =>
            setChosen((c) =>
              (e.currentTarget as HTMLInputElement).checked
                ? [...c, m.userId]
                : c.filter((x) => x !== m.userId),
            ),
        }),
        h('span', { translate: false }, m.email),
      ),
    ),
    h(
      'button',
      { type: 'button', class: 'secondary', onClick: () => props.onSave(chosen) },
      t('rw.saveViewers'),
    ),
  );
}

export function ReplayWindowView(props: { windowId: string; me: Me; onUnauthorized: () => void }) {
  const [w, setW] = useState<ReplayWindow | null>(null);
  const [recordings, setRecordings] = useState<ReplayRecording[]>([]);
  const [queue, setQueue] = useState<ReplayRecording[]>([]);
  const [members, setMembers] = useState<OrgMember[]>([]);
  const [domain, setDomain] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [editViewers, setEditViewers] = useState(false);
  const [confirmPurge, setConfirmPurge] = useState(false);
  const [manager, setManager] = useState(false);
  const [orgOwner, setOrgOwner] = useState(false);
  const [resumeNote, setResumeNote] = useState('');
  const [signNote, setSignNote] = useState('');

  const failed = useCallback(
    (err: unknown) => {
      if (err instanceof ApiFailure && err.status === 401) return props.onUnauthorized();
      setError(errorText(err));
    },
    [props.onUnauthorized],
  );
  const load = useCallback(() => {
    setError(null);
    replayApi.window(props.windowId).then(setW, failed);
    replayApi.recordings(props.windowId).then(setRecordings, failed);
    replayApi.reviewQueue(props.windowId).then(setQueue, failed);
  }, [props.windowId, failed]);
  useEffect(load, [load]);

  const siteId = w?.siteId;
  useEffect(() => {
    if (siteId === undefined) return;
    replayApi
      .siteOrg(String(siteId))
      .then((s) => {
        setDomain(s.domain);
        setManager(managesOrg(props.me, s.orgId));
        setOrgOwner(props.me.orgs.find((o) => o.id === s.orgId)?.role === 'owner');
        return replayApi.members(props.me, s.orgId);
      })
      .then(setMembers, () => setMembers([]));
  }, [siteId]);

  const act = (p: Promise<unknown>, done: string) =>
    p.then(() => {
      setNotice(done);
      load();
    }, failed);

  if (error && !w) return h('p', { class: 'error', role: 'alert' }, error);
  if (!w) return h('p', { class: 'muted' }, t('common.loading'));
  const live = w.state === 'open' || w.state === 'paused' || w.state === 'scheduled';
  const autoPaused = w.state === 'paused' && w.pauseReason !== 'manual';
  const windowOwner = w.ownerUserId === props.me.user.id;
  return h(
    'div',
    { class: 'replay', 'data-loaded': 'true', 'data-window': w.id },
    h(
      'header',
      { class: 'view-header' },
      h(
        'div',
        null,
        domain &&
          h(
            'p',
            { class: 'muted' },
            h('a', { href: hrefOf({ name: 'replay', domain }) }, t('rw.backToList', { domain })),
          ),
        h('h1', null, purposeLabel(w.purpose, w.purposeText)),
        h(StateBadge, { window: w }),
        w.state === 'paused' &&
          w.lastChange.detail &&
          h('p', { class: 'muted', 'data-pause-detail': 'true' }, w.lastChange.detail),
      ),
      h(
        'div',
        { class: 'replay-actions' },
        h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            onClick: () => replayApi.record(w.id, 'md').then(saveFile, failed),
          },
          t('rw.recordMd'),
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            onClick: () => replayApi.record(w.id, 'json').then(saveFile, failed),
          },
          t('rw.recordJson'),
        ),
      ),
    ),
    error && h('p', { class: 'error', role: 'alert' }, error),
    notice && h('p', { role: 'status', class: 'replay-notice' }, notice),
    h(
      'section',
      { class: 'panel', 'aria-label': t('siteNav.settings') },
      h('h2', null, t('rw.settingsTitle')),
      h(Settings, { w, members }),
      live &&
        manager &&
        h(
          'div',
          { class: 'replay-actions' },
          autoPaused &&
            h(
              'label',
              { class: 'field' },
              h('span', null, t('rw.resumeNote')),
              h('input', {
                name: 'resume-note',
                maxLength: 500,
                value: resumeNote,
                onInput: (e: Event) => setResumeNote((e.currentTarget as HTMLInputElement).value),
              }),
            ),
          w.state === 'paused'
            ? h(
                'button',
                {
                  type: 'button',
                  class: 'secondary',
                  disabled: autoPaused && resumeNote.trim().length < 3,
                  onClick: () =>
                    act(
                      replayApi.patchWindow(w.id, {
                        paused: false,
                        ...(resumeNote.trim() ? { note: resumeNote.trim() } : {}),
                      }),
                      t('rw.done.resumed'),
                    ),
                },
                t('rw.resume'),
              )
            : h(
                'button',
                {
                  type: 'button',
                  class: 'secondary',
                  onClick: () =>
                    act(replayApi.patchWindow(w.id, { paused: true }), t('rw.done.paused')),
                },
                t('player.pause'),
              ),
          orgOwner &&
            h(
              'button',
              { type: 'button', class: 'secondary', onClick: () => setEditViewers(!editViewers) },
              t('rw.editViewers'),
            ),
          windowOwner &&
            h(
              'button',
              {
                type: 'button',
                class: 'secondary',
                'data-downloads': w.downloadsAllowed ? 'on' : 'off',
                onClick: () =>
                  act(
                    replayApi.patchWindow(w.id, { downloadsAllowed: !w.downloadsAllowed }),
                    w.downloadsAllowed ? t('rw.done.downloadsOff') : t('rw.done.downloadsOn'),
                  ),
              },
              w.downloadsAllowed ? t('rw.turnDownloadsOff') : t('rw.allowDownloads'),
            ),
          h(
            'button',
            {
              type: 'button',
              class: 'secondary',
              onClick: () => act(replayApi.closeWindow(w.id, false), t('rw.done.closed')),
            },
            t('rw.close'),
          ),
          !confirmPurge
            ? h(
                'button',
                { type: 'button', class: 'danger', onClick: () => setConfirmPurge(true) },
                t('rw.closePurge'),
              )
            : h(
                'button',
                {
                  type: 'button',
                  class: 'danger',
                  onClick: () => {
                    setConfirmPurge(false);
                    void act(replayApi.closeWindow(w.id, true), t('rw.done.purged'));
                  },
                },
                t('rw.purgeConfirm', { count: recordings.length }),
              ),
        ),
      editViewers &&
        h(ViewersEditor, {
          w,
          members,
          selfId: props.me.user.id,
          onSave: (ids) => {
            setEditViewers(false);
            void act(
              replayApi.patchWindow(w.id, { viewerUserIds: ids }),
              t('rw.done.viewersSaved'),
            );
          },
        }),
    ),
    w.state === 'draft' && h(DraftPanel, { w, manager, selfId: props.me.user.id, act, failed }),
    (live || w.state === 'draft') &&
      !w.signOff &&
      !windowOwner &&
      h(
        'section',
        { class: 'panel', 'aria-label': t('rw.signOff') },
        h('h2', null, t('rw.signOffTitle')),
        h('p', { class: 'muted' }, t('rw.signOffIntro')),
        h(
          'label',
          { class: 'field' },
          h('span', null, t('rw.signOffNote')),
          h('input', {
            name: 'sign-off-note',
            maxLength: 500,
            value: signNote,
            onInput: (e: Event) => setSignNote((e.currentTarget as HTMLInputElement).value),
          }),
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            disabled: signNote.trim().length < 3,
            onClick: () => act(replayApi.signOff(w.id, signNote.trim()), t('rw.done.signed')),
          },
          t('rw.signOffButton'),
        ),
      ),
    h(
      'section',
      { class: 'panel', 'aria-label': t('rw.queue') },
      h('h2', null, t('rw.queueTitle')),
      h('p', { class: 'muted' }, t('rw.queueIntro')),
      queue.length === 0
        ? h('p', { class: 'muted', 'data-queue-empty': 'true' }, t('rw.queueEmpty'))
        : h(RecordingTable, {
            w,
            list: queue,
            last: t('rw.review'),
            action: (r) => ({
              label: t('rw.markChecked'),
              run: () => void act(replayApi.markReviewed(r.id), t('rw.done.checked')),
            }),
          }),
    ),
    h(
      'section',
      { class: 'panel', 'aria-label': t('replayWindows.recordings') },
      h('h2', null, t('rw.recordingsTitle', { count: recordings.length })),
      recordings.length === 0
        ? h('p', { class: 'muted' }, t('rw.noRecording'))
        : h(RecordingTable, { w, list: recordings, last: t('rw.reviewed') }),
    ),
  );
}
