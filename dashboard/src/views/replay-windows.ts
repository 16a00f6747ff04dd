// A site's replay page: its research windows with their state (and why one is paused or closed),
// the "open a window" form, and the site's kill switch (confirmed by typing the domain).
import { h } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiFailure, type Me } from '../api.js';
import { formatWhen } from '../data/replay-labels.js';
import { purposeLabel, ratePercent, reasonLabel, stateLabel } from '../data/replay-labels.js';
import { managesOrg, replayApi, type OrgMember, type ReplayWindow } from '../replay-api.js';
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

export function ReplayWindowsView(props: { domain: string; me: Me; onUnauthorized: () => void }) {
  const [windows, setWindows] = useState<ReplayWindow[] | null>(null);
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
    replayApi.windows(props.domain).then(setWindows, failed);
  }, [props.domain, failed]);

  useEffect(() => {
    load();
    replayApi
      .siteOrg(props.domain)
      .then((s) => {
        setManager(managesOrg(props.me, s.orgId));
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
        h(
          'button',
          { type: 'button', class: 'primary', onClick: () => setFormOpen(true) },
          'Open a window',
        ),
    ),
    error && h('p', { class: 'error', role: 'alert' }, error),
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
