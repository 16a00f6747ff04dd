// A site's replay page: its research windows with their state (and why one is paused or closed),
// the "open a window" form, the site's kill switch (confirmed by typing the domain) and its latch
// (no window opens until an owner clears it with a note).
import { h } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiFailure, type Me } from '../api.js';
import { formatWhen } from '../data/replay-labels.js';
import { purposeLabel, ratePercent, reasonLabel, stateLabel } from '../data/replay-labels.js';
import {
  managesOrg,
  replayApi,
  type OrgMember,
  type ReplayLatch,
  type ReplayWindow,
} from '../replay-api.js';
import { hrefOf } from '../router.js';
import { ReplayOpenForm } from './replay-open-form.js';
import { SiteNav } from './site-nav.js';
import './replay.css';

export function StateBadge(props: { window: ReplayWindow }) {
  const w = props.window;
  const closed = w.state === 'closed' || w.state === 'purged';
  // A purge is itself the last change of a purged window: its reason says nothing more.
  const lastReason = w.lastChange.reason === 'purged' ? null : w.lastChange.reason;
  const reason = w.state === 'paused' ? w.pauseReason : closed ? lastReason : null;
  return h(
    'span',
    { class: `replay-state ${w.state}`, 'data-state': w.state },
    stateLabel(w.state),
    reason && h('span', { class: 'replay-reason' }, ` — ${reasonLabel(reason)}`),
  );
}

function KillSwitch(props: { domain: string; onDone: () => void }) {
  const [armed, setArmed] = useState(false);
  const [typed, setTyped] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const kill = () => {
    replayApi.kill(props.domain).then(
      () => {
        setArmed(false);
        setTyped('');
        setMessage('Every window of this site is closed and its recordings are purged.');
        props.onDone();
      },
      (err: unknown) => setMessage(err instanceof Error ? err.message : String(err)),
    );
  };
  return h(
    'section',
    { class: 'panel replay-kill', 'aria-label': 'Kill switch' },
    h('h2', null, 'Kill switch'),
    h(
      'p',
      { class: 'muted' },
      'Closes every replay window of this site at once and purges all their recordings. ',
      'Running recorders stop at their next flush (within 10 s).',
    ),
    !armed
      ? h(
          'button',
          { type: 'button', class: 'danger', onClick: () => setArmed(true) },
          'Stop all recording…',
        )
      : h(
          'div',
          { class: 'replay-actions' },
          h(
            'label',
            { class: 'field' },
            h('span', null, `Type ${props.domain} to confirm`),
            h('input', {
              name: 'kill-confirm',
              value: typed,
              onInput: (e: Event) => setTyped((e.currentTarget as HTMLInputElement).value),
            }),
          ),
          h(
            'button',
            {
              type: 'button',
              class: 'danger',
              disabled: typed.trim() !== props.domain,
              onClick: kill,
            },
            'Close all windows and purge',
          ),
          h('button', { type: 'button', class: 'link', onClick: () => setArmed(false) }, 'Cancel'),
        ),
    message && h('p', { role: 'status' }, message),
  );
}

const LATCH_TEXT = {
  title: 'Kill switch latched',
  site: 'The kill switch was used on this site: no window can open until an owner of the organisation clears the latch with a note.',
  install:
    'The kill switch was used for the whole install: it is cleared from the command line (pomelo replay unlatch --all --note …).',
  note: 'Note (why it is safe to record again; kept in the audit log)',
  clear: 'Clear the latch',
  cleared: 'The latch is cleared: windows can open again.',
} as const;

function LatchPanel(props: {
  domain: string;
  latch: ReplayLatch;
  owner: boolean;
  onDone: () => void;
}) {
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const clear = () =>
    replayApi.unlatch(props.domain, note.trim()).then(
      () => {
        setMessage(LATCH_TEXT.cleared);
        props.onDone();
      },
      (err: unknown) => setMessage(err instanceof Error ? err.message : String(err)),
    );
  const { latch } = props;
  return h(
    'section',
    { class: 'panel replay-latch', 'aria-label': LATCH_TEXT.title, 'data-latch': latch.scope },
    h('h2', null, LATCH_TEXT.title),
    h('p', null, latch.scope === 'install' ? LATCH_TEXT.install : LATCH_TEXT.site),
    h(
      'p',
      { class: 'muted' },
      `${formatWhen(latch.latchedAt)} · ${latch.latchedBy} · ${latch.detail}`,
    ),
    props.owner &&
      latch.scope === 'site' &&
      h(
        'div',
        { class: 'replay-actions' },
        h(
          'label',
          { class: 'field' },
          h('span', null, LATCH_TEXT.note),
          h('input', {
            name: 'unlatch-note',
            maxLength: 500,
            value: note,
            onInput: (e: Event) => setNote((e.currentTarget as HTMLInputElement).value),
          }),
        ),
        h(
          'button',
          { type: 'button', class: 'danger', disabled: note.trim().length < 3, onClick: clear },
          LATCH_TEXT.clear,
        ),
      ),
    message && h('p', { role: 'status' }, message),
  );
}

export function ReplayWindowsView(props: { domain: string; me: Me; onUnauthorized: () => void }) {
  const [windows, setWindows] = useState<ReplayWindow[] | null>(null);
  const [latch, setLatch] = useState<ReplayLatch | null>(null);
  const [owner, setOwner] = useState(false);
  const [members, setMembers] = useState<OrgMember[]>([]);
  const [formOpen, setFormOpen] = useState(false);
  const [manager, setManager] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const failed = useCallback(
    (err: unknown) => {
      if (err instanceof ApiFailure && err.status === 401) return props.onUnauthorized();
      setError(err instanceof Error ? err.message : String(err));
    },
    [props.onUnauthorized],
  );
  const load = useCallback(() => {
    replayApi.windowsAndLatch(props.domain).then((r) => {
      setWindows(r.windows);
      setLatch(r.latch);
    }, failed);
  }, [props.domain, failed]);

  useEffect(() => {
    load();
    replayApi
      .siteOrg(props.domain)
      .then((s) => {
        setManager(managesOrg(props.me, s.orgId));
        setOwner(props.me.orgs.find((o) => o.id === s.orgId)?.role === 'owner');
        return replayApi.members(props.me, s.orgId);
      })
      .then(setMembers, () => setMembers([]));
  }, [props.domain]);

  return h(
    'div',
    { class: 'replay', 'data-loaded': windows ? 'true' : 'false' },
    h(SiteNav, { domain: props.domain, current: 'replay' }),
    h(
      'header',
      { class: 'view-header' },
      h(
        'div',
        null,
        h('h1', null, `Replay research windows · ${props.domain}`),
        h(
          'p',
          { class: 'muted' },
          'Short, documented, masked, consented and audited recordings (docs/REPLAY.md).',
        ),
      ),
      manager &&
        !formOpen &&
        !latch &&
        h(
          'button',
          { type: 'button', class: 'primary', onClick: () => setFormOpen(true) },
          'Open a window',
        ),
    ),
    error && h('p', { class: 'error', role: 'alert' }, error),
    latch && h(LatchPanel, { domain: props.domain, latch, owner, onDone: load }),
    formOpen &&
      h(ReplayOpenForm, {
        domain: props.domain,
        userId: props.me.user.id,
        members: members.length > 0 ? members : [selfMember(props.me)],
        onOpened: () => {
          setFormOpen(false);
          load();
        },
        onCancel: () => setFormOpen(false),
      }),
    h(
      'section',
      { class: 'panel', 'aria-label': 'Windows' },
      h('h2', null, 'Windows'),
      windows === null
        ? h('p', { class: 'muted' }, 'Loading…')
        : windows.length === 0
          ? h('p', { class: 'muted' }, 'No window yet: nothing is recorded.')
          : h(
              'table',
              { class: 'replay-table' },
              h(
                'thead',
                null,
                h(
                  'tr',
                  null,
                  ['Purpose', 'State', 'Period', 'Sample', 'Recordings'].map((t) =>
                    h('th', { key: t, scope: 'col' }, t),
                  ),
                ),
              ),
              h(
                'tbody',
                null,
                windows.map((w) =>
                  h(
                    'tr',
                    { key: w.id, 'data-window': w.id },
                    h(
                      'td',
                      null,
                      h(
                        'a',
                        { href: hrefOf({ name: 'replay-window', windowId: w.id }) },
                        purposeLabel(w.purpose, w.purposeText),
                      ),
                    ),
                    h('td', null, h(StateBadge, { window: w })),
                    h('td', null, `${formatWhen(w.startsAt)} → ${formatWhen(w.endsAt)}`),
                    h('td', null, ratePercent(w.sampleRate)),
                    h('td', { class: 'num' }, String(w.counts.recordings)),
                  ),
                ),
              ),
            ),
    ),
    manager && h(KillSwitch, { domain: props.domain, onDone: load }),
  );
}

function selfMember(me: Me): OrgMember {
  return { userId: me.user.id, email: me.user.email, role: 'you' };
}
