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

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

function Settings(props: { w: ReplayWindow; members: OrgMember[] }) {
  const { w } = props;
  const who = (id: number) => props.members.find((m) => m.userId === id)?.email ?? `user ${id}`;
  const rows: [string, string][] = [
    ['Purpose', purposeLabel(w.purpose, w.purposeText)],
    ['Ticket', w.ticketUrl ?? '—'],
    ['Owner', who(w.ownerUserId)],
    ['Period', `${formatWhen(w.startsAt)} → ${formatWhen(w.endsAt)}`],
    ['Sample rate', ratePercent(w.sampleRate)],
    [
      'Caps',
      `${w.maxSessions} recordings · ${w.maxMinutesPerRecording} min · ${w.maxPagesPerRecording} pages each`,
    ],
    ['Include rules', (w.wholeSite ? 'WHOLE SITE — ' : '') + (w.includeRules.join(', ') || '—')],
    ['Exclude rules', [...(w.excludeRules ?? [])].join(', ') || 'built-in denylist only'],
    ['Unmask selectors', w.unmaskSelectors.join(', ') || 'none'],
    ['Retention', `${w.retentionDays} days after the end`],
    ['Viewers', w.viewerUserIds.map(who).join(', ') || '—'],
    ['Canary marker', w.canary ? 'planted' : 'none'],
    ['Downloads', w.downloadsAllowed ? 'allowed by the owner, each with a reason' : 'off'],
    [
      'On-page notice',
      w.noticeShown ? 'shown to recorded visitors' : `hidden: ${w.noticeHiddenReason ?? ''}`,
    ],
    [
      'Recorded so far',
      `${w.counts.recordings} recordings (${w.counts.sessions} started), ${w.counts.flaggedChunks} chunks quarantined`,
    ],
    ['Scanner findings', findingSummary(w.findings)],
    ['Purge due', w.purgeDueAt ? formatWhen(w.purgeDueAt) : '—'],
    [
      'Sign-off',
      w.signOff
        ? `${who(w.signOff.by)}, ${formatWhen(w.signOff.at)}: ${w.signOff.note}`
        : 'not yet (a second member, not the owner)',
    ],
  ];
  return h(
    'dl',
    { class: 'replay-settings' },
    rows.map(([k, v]) => [h('dt', { key: `${k}-t` }, k), h('dd', { key: `${k}-d` }, v)]),
  );
}

/** Texts of the draft panel, in one place. */
const DRAFT_TEXT = {
  title: 'Draft: preview and sign-off before opening',
  intro:
    'This window records no visitor yet. Make a preview link and open it yourself (accept replay on the site if it asks): your visit is recorded through the same masking and shown below as a preview. A second member plays it and signs off; then a manager who did not sign opens the window. The preview is deleted when it opens.',
  link: 'Make a preview link',
  linkLabel: 'Preview link (valid 30 minutes, shown once)',
  open: 'Open window (start recording visitors)',
  waiting: 'Waiting for a second member’s sign-off.',
  signerCannotOpen: 'You signed it off: another manager opens it.',
};

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
    { class: 'panel', 'aria-label': 'Draft', 'data-draft': 'true' },
    h('h2', null, DRAFT_TEXT.title),
    h('p', { class: 'muted' }, DRAFT_TEXT.intro),
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
          DRAFT_TEXT.link,
        ),
        signer !== null &&
          signer !== props.selfId &&
          h(
            'button',
            {
              type: 'button',
              onClick: () => props.act(replayApi.openDraft(w.id), 'Opened.'),
            },
            DRAFT_TEXT.open,
          ),
      ),
    link &&
      h(
        'label',
        { class: 'field' },
        h('span', null, DRAFT_TEXT.linkLabel),
        h('input', { readOnly: true, value: link, 'data-preview-link': 'true' }),
      ),
    h(
      'p',
      { class: 'muted' },
      signer === null
        ? DRAFT_TEXT.waiting
        : signer === props.selfId
          ? DRAFT_TEXT.signerCannotOpen
          : '',
    ),
  );
}

function findingSummary(findings: Record<string, number>): string {
  const parts = Object.entries(findings).map(([type, n]) => `${findingLabel(type)}: ${n}`);
  return parts.join(', ') || 'none';
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
    h('legend', null, 'Named viewers (you cannot add yourself)'),
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
        h('span', null, m.email),
      ),
    ),
    h(
      'button',
      { type: 'button', class: 'secondary', onClick: () => props.onSave(chosen) },
      'Save viewers',
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
      setError(message(err));
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
  if (!w) return h('p', { class: 'muted' }, 'Loading…');
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
            h('a', { href: hrefOf({ name: 'replay', domain }) }, `${domain} · replay windows`),
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
          'Record of processing (.md)',
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            onClick: () => replayApi.record(w.id, 'json').then(saveFile, failed),
          },
          'Record of processing (.json)',
        ),
      ),
    ),
    error && h('p', { class: 'error', role: 'alert' }, error),
    notice && h('p', { role: 'status', class: 'replay-notice' }, notice),
    h(
      'section',
      { class: 'panel', 'aria-label': 'Settings' },
      h('h2', null, 'Settings (as in the record of processing)'),
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
              h('span', null, 'Note (required after an automatic pause; kept in the audit log)'),
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
                      'Resumed.',
                    ),
                },
                'Resume',
              )
            : h(
                'button',
                {
                  type: 'button',
                  class: 'secondary',
                  onClick: () => act(replayApi.patchWindow(w.id, { paused: true }), 'Paused.'),
                },
                'Pause',
              ),
          orgOwner &&
            h(
              'button',
              { type: 'button', class: 'secondary', onClick: () => setEditViewers(!editViewers) },
              'Edit viewers',
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
                    w.downloadsAllowed ? 'Downloads are off.' : 'Downloads allowed.',
                  ),
              },
              w.downloadsAllowed ? 'Turn downloads off' : 'Allow downloads',
            ),
          h(
            'button',
            {
              type: 'button',
              class: 'secondary',
              onClick: () => act(replayApi.closeWindow(w.id, false), 'Closed.'),
            },
            'Close',
          ),
          !confirmPurge
            ? h(
                'button',
                { type: 'button', class: 'danger', onClick: () => setConfirmPurge(true) },
                'Close and purge…',
              )
            : h(
                'button',
                {
                  type: 'button',
                  class: 'danger',
                  onClick: () => {
                    setConfirmPurge(false);
                    void act(replayApi.closeWindow(w.id, true), 'Closed and purged.');
                  },
                },
                `Delete all ${recordings.length} recordings and close`,
              ),
        ),
      editViewers &&
        h(ViewersEditor, {
          w,
          members,
          selfId: props.me.user.id,
          onSave: (ids) => {
            setEditViewers(false);
            void act(replayApi.patchWindow(w.id, { viewerUserIds: ids }), 'Viewers saved.');
          },
        }),
    ),
    w.state === 'draft' && h(DraftPanel, { w, manager, selfId: props.me.user.id, act, failed }),
    (live || w.state === 'draft') &&
      !w.signOff &&
      !windowOwner &&
      h(
        'section',
        { class: 'panel', 'aria-label': 'Sign-off' },
        h('h2', null, 'Sign-off by a second person'),
        h(
          'p',
          { class: 'muted' },
          'You are not this window’s owner: check its settings (and a masked preview recording) and sign it off. Your name and note go into the audit log and the record of processing.',
        ),
        h(
          'label',
          { class: 'field' },
          h('span', null, 'Sign-off note'),
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
            onClick: () => act(replayApi.signOff(w.id, signNote.trim()), 'Signed off.'),
          },
          'Sign off',
        ),
      ),
    h(
      'section',
      { class: 'panel', 'aria-label': 'Review queue' },
      h('h2', null, 'Review queue (latest 20 not yet checked)'),
      h(
        'p',
        { class: 'muted' },
        'At 20 unchecked recordings the window stops recording new visits until they are checked. Only someone who played a recording can mark it checked.',
      ),
      queue.length === 0
        ? h('p', { class: 'muted', 'data-queue-empty': 'true' }, 'Nothing to review.')
        : h(RecordingTable, {
            w,
            list: queue,
            last: 'Review',
            action: (r) => ({
              label: 'Mark checked',
              run: () => void act(replayApi.markReviewed(r.id), 'Marked as checked.'),
            }),
          }),
    ),
    h(
      'section',
      { class: 'panel', 'aria-label': 'Recordings' },
      h('h2', null, `Recordings (${recordings.length})`),
      recordings.length === 0
        ? h('p', { class: 'muted' }, 'No recording.')
        : h(RecordingTable, { w, list: recordings, last: 'Reviewed' }),
    ),
  );
}
