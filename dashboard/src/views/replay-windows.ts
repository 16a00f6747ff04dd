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
import { t } from '../i18n/t.js';
import { formatNumber } from '../data/format.js';
import { errorText } from './use-load.js';

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
        setMessage(t('replayKill.done'));
        props.onDone();
      },
      (err: unknown) => setMessage(errorText(err)),
    );
  };
  return h(
    'section',
    { class: 'panel replay-kill', 'aria-label': t('replayKill.title') },
    h('h2', null, t('replayKill.title')),
    h('p', { class: 'muted' }, t('replayKill.intro')),
    !armed
      ? h(
          'button',
          { type: 'button', class: 'danger', onClick: () => setArmed(true) },
          t('replayKill.arm'),
        )
      : h(
          'div',
          { class: 'replay-actions' },
          h(
            'label',
            { class: 'field' },
            h('span', null, t('deleteSite.typeToConfirm', { domain: props.domain })),
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
            t('replayKill.confirm'),
          ),
          h(
            'button',
            { type: 'button', class: 'link', onClick: () => setArmed(false) },
            t('common.cancel'),
          ),
        ),
    message && h('p', { role: 'status' }, message),
  );
}

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
        setMessage(t('replayLatch.cleared'));
        props.onDone();
      },
      (err: unknown) => setMessage(errorText(err)),
    );
  const { latch } = props;
  return h(
    'section',
    {
      class: 'panel replay-latch',
      'aria-label': t('replayLatch.title'),
      'data-latch': latch.scope,
    },
    h('h2', null, t('replayLatch.title')),
    h(
      'p',
      null,
      latch.scope === 'install'
        ? t('replayLatch.install', { command: 'pomelo replay unlatch --all --note …' })
        : t('replayLatch.site'),
    ),
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
          h('span', null, t('replayLatch.note')),
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
          t('replayLatch.clear'),
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
      setError(errorText(err));
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
        h('h1', null, t('replayWindows.title', { domain: props.domain })),
        h('p', { class: 'muted' }, t('replayWindows.intro')),
      ),
      manager &&
        !formOpen &&
        !latch &&
        h(
          'button',
          { type: 'button', class: 'primary', onClick: () => setFormOpen(true) },
          t('replayWindows.open'),
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
      { class: 'panel', 'aria-label': t('replayWindows.windows') },
      h('h2', null, t('replayWindows.windows')),
      windows === null
        ? h('p', { class: 'muted' }, t('common.loading'))
        : windows.length === 0
          ? h('p', { class: 'muted' }, t('replayWindows.none'))
          : h(
              'table',
              { class: 'replay-table' },
              h(
                'thead',
                null,
                h(
                  'tr',
                  null,
                  (
                    [
                      'replayWindows.purpose',
                      'replayWindows.state',
                      'replayWindows.period',
                      'replayWindows.sample',
                      'replayWindows.recordings',
                    ] as const
                  ).map((key) => h('th', { key, scope: 'col' }, t(key))),
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
                    h('td', { class: 'num' }, formatNumber(w.counts.recordings)),
                  ),
                ),
              ),
            ),
    ),
    manager && h(KillSwitch, { domain: props.domain, onDone: load }),
  );
}

function selfMember(me: Me): OrgMember {
  return { userId: me.user.id, email: me.user.email, role: t('members.you') };
}
