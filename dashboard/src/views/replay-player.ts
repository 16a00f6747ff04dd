// The replay player: rrweb's Replayer (from @rrweb/replay, loaded only here) rebuilds the recorded
// page in its sandboxed iframe (sandbox="allow-same-origin", no scripts). Only the window's named
// viewers get the events (the server answers 403 to anyone else, and audits every play, export and
// deletion); the viewer's name lies over the player as a watermark. Every play and export asks for
// a stated reason, sent in a POST body and kept in the audit row. Runs in its own document,
// /replay/player, whose CSP differs from the dashboard's (server/http/middleware/security-headers.ts).
import { h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiFailure, type Me } from '../api.js';
import { replayApi } from '../replay-api.js';
import { saveFile } from '../save-file.js';
import { hrefOf } from '../router.js';
import './replay.css';
import { t } from '../i18n/t.js';
import { errorText } from './use-load.js';

type Replayer = import('./replay-rrweb.js').Replayer;

/** The viewer's name, repeated over the whole player so a screenshot or a screen recording shows it. */
function Watermark(props: { name: string; when: string }) {
  const text = `${props.name} · ${props.when}`;
  return h(
    'div',
    { class: 'replay-watermark', 'aria-hidden': 'true', 'data-watermark': props.name },
    Array.from({ length: 12 }, (_, i) => h('span', { key: i }, text)),
  );
}

async function loadReplayer(root: HTMLElement, events: unknown[]): Promise<Replayer> {
  const { Replayer } = await import('./replay-rrweb.js');
  root.replaceChildren();
  return new Replayer(events as ConstructorParameters<typeof Replayer>[0], {
    root,
    mouseTail: false,
    skipInactive: true,
    showWarning: false,
    triggerFocus: false,
  });
}

/** Scales the recorded viewport down to the player's width (CSSOM, so no inline style attribute). */
function fit(replayer: Replayer, box: HTMLElement): void {
  const width = Number(replayer.iframe.getAttribute('width')) || replayer.iframe.offsetWidth;
  const height = Number(replayer.iframe.getAttribute('height')) || replayer.iframe.offsetHeight;
  if (!width) return;
  const scale = Math.min(1, box.clientWidth / width);
  replayer.wrapper.style.transform = `scale(${scale})`;
  replayer.wrapper.style.transformOrigin = 'top left';
  box.style.height = `${Math.ceil(height * scale)}px`;
}

export function ReplayPlayerView(props: {
  windowId: string;
  recordingId: string;
  me: Me;
  onUnauthorized: () => void;
}) {
  const stage = useRef<HTMLDivElement>(null);
  const replayer = useRef<Replayer | null>(null);
  const [status, setStatus] = useState<'idle' | 'loading' | 'playing' | 'paused' | 'deleted'>(
    'idle',
  );
  const [denied, setDenied] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  // Why this viewer watches (or downloads): asked before the first play, kept in the audit log.
  const [reason, setReason] = useState('');
  const reasonOk = reason.trim().length >= 3;
  // The name the server wrote into the audit log for this play; the session's until then.
  const [viewer, setViewer] = useState(props.me.user.email);
  const when = new Date().toISOString().slice(0, 16).replace('T', ' ');

  useEffect(() => () => replayer.current?.destroy(), []);

  /** A refused play means "not a named viewer"; a refused export or deletion leaves the player. */
  const failed = (err: unknown) => {
    if (err instanceof ApiFailure && err.status === 401) return props.onUnauthorized();
    if (err instanceof ApiFailure && err.status === 403) setDenied(err.message);
    else setError(errorText(err));
    setStatus('idle');
  };
  const actionFailed = (err: unknown) => {
    if (err instanceof ApiFailure && err.status === 401) return props.onUnauthorized();
    setError(errorText(err));
  };

  const play = () => {
    if (replayer.current) {
      replayer.current.play(replayer.current.getCurrentTime());
      setStatus('playing');
      return;
    }
    setStatus('loading');
    setError(null);
    replayApi
      .play(props.recordingId, reason.trim())
      .then(async ({ events, viewer }) => {
        setViewer(viewer);
        if (events.length < 2) throw new Error(t('player.noEvents'));
        const root = stage.current!;
        const r = await loadReplayer(root, events);
        replayer.current = r;
        r.on('finish', () => setStatus('paused'));
        r.play();
        fit(r, root);
        setStatus('playing');
      })
      .catch(failed);
  };
  const pause = () => {
    replayer.current?.pause();
    setStatus('paused');
  };
  const exportFile = () =>
    replayApi.exportRecording(props.recordingId, reason.trim()).then(saveFile, actionFailed);
  const remove = () =>
    replayApi.deleteRecording(props.recordingId).then(() => {
      replayer.current?.destroy();
      replayer.current = null;
      stage.current?.replaceChildren();
      setStatus('deleted');
    }, actionFailed);

  const back = `/${hrefOf({ name: 'replay-window', windowId: props.windowId })}`;
  return h(
    'div',
    { class: 'replay replay-player-view', 'data-status': status },
    h(
      'header',
      { class: 'view-header' },
      h(
        'div',
        null,
        h('p', { class: 'muted' }, h('a', { href: back }, t('player.back'))),
        h('h1', null, t('player.title')),
        h('p', { class: 'muted' }, t('player.watching', { email: props.me.user.email })),
        status !== 'deleted' &&
          h(
            'label',
            { class: 'field replay-reason' },
            h('span', null, t('player.why')),
            h('input', {
              type: 'text',
              name: 'reason',
              maxLength: 500,
              required: true,
              value: reason,
              placeholder: t('player.whyPlaceholder'),
              onInput: (e: Event) => setReason((e.currentTarget as HTMLInputElement).value),
            }),
          ),
      ),
      status !== 'deleted' &&
        h(
          'div',
          { class: 'replay-actions' },
          status === 'playing'
            ? h('button', { type: 'button', class: 'primary', onClick: pause }, t('player.pause'))
            : h(
                'button',
                {
                  type: 'button',
                  class: 'primary',
                  disabled: status === 'loading' || (!replayer.current && !reasonOk),
                  onClick: play,
                },
                t('player.play'),
              ),
          h(
            'button',
            { type: 'button', class: 'secondary', disabled: !reasonOk, onClick: exportFile },
            t('player.export'),
          ),
          !confirmDelete
            ? h(
                'button',
                { type: 'button', class: 'danger', onClick: () => setConfirmDelete(true) },
                t('player.delete'),
              )
            : h(
                'button',
                { type: 'button', class: 'danger', onClick: remove },
                t('player.deleteConfirm'),
              ),
        ),
    ),
    denied &&
      h(
        'p',
        { class: 'error', role: 'alert', 'data-denied': 'true' },
        t('player.denied', { reason: denied }),
      ),
    error && h('p', { class: 'error', role: 'alert' }, error),
    status === 'deleted' && h('p', { role: 'status' }, t('player.deleted')),
    h(
      'div',
      { class: 'replay-player' },
      h('div', { class: 'replay-stage', ref: stage }),
      !denied && status !== 'deleted' && h(Watermark, { name: viewer, when }),
    ),
  );
}
