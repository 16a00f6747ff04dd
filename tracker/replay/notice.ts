// The on-page notice (issue 12 §11): while a visit is recorded, a small box says so, until when,
// and offers one button that stops the recording and deletes the server copy. It is never recorded
// (rrweb blocks its class, masking.ts), never takes focus, and is styled through the CSSOM so a
// site's CSP without 'unsafe-inline' styles still shows it.

export const NOTICE_CLASS = 'pomelo-replay-notice';

/**
 * The notice's words. The server sends them in the site's language with the start answer
 * (server/replay/messages/); `recordedUntil` has a `{date}` slot for the window's end.
 */
export interface NoticeText {
  /** The language of these words (BCP 47); the end date is written the same way. */
  lang: string;
  label: string;
  recorded: string;
  recordedUntil: string;
  stop: string;
  stopped: string;
}

/** English, when the server sent no words (an older server) or unreadable ones. */
export const NOTICE_TEXT: NoticeText = {
  lang: 'en',
  label: 'Session recording',
  recorded: 'This visit is recorded to improve this site',
  recordedUntil: 'This visit is recorded to improve this site until {date}',
  stop: 'Stop and delete',
  stopped: 'Recording stopped; what was recorded is deleted.',
};

/**
 * Pure: the sentence before the button, with the end date written in the words' language (the
 * site's; the page's own language only for the built-in English words).
 */
export function noticeText(
  until: Date | null,
  pageLang: string | undefined,
  text: NoticeText = NOTICE_TEXT,
): string {
  if (until === null) return `${text.recorded} — `;
  const lang = text === NOTICE_TEXT ? pageLang || undefined : text.lang;
  let date: string;
  try {
    date = until.toLocaleDateString(lang, { day: 'numeric', month: 'long', year: 'numeric' });
  } catch {
    date = until.toISOString().slice(0, 10);
  }
  return `${text.recordedUntil.replace('{date}', date)} — `;
}

export interface Notice {
  /** Removes the box (after a short confirmation when the visitor stopped the recording). */
  remove(): void;
}

function style(el: HTMLElement, rules: Record<string, string>): void {
  for (const [k, v] of Object.entries(rules)) el.style.setProperty(k, v);
}

/** Appends the notice to the page; `onStop` runs the withdrawal (stop + delete the server copy). */
export function showNotice(opts: {
  until: Date | null;
  text?: NoticeText;
  onStop: () => void;
}): Notice {
  const words = opts.text ?? NOTICE_TEXT;
  const box = document.createElement('div');
  box.className = NOTICE_CLASS;
  box.setAttribute('role', 'region');
  box.setAttribute('aria-label', words.label);
  if (opts.text) box.setAttribute('lang', words.lang);
  box.setAttribute('data-pomelo-notice', '');
  style(box, {
    position: 'fixed',
    left: '12px',
    bottom: '12px',
    'z-index': '2147483647',
    'max-width': '22rem',
    margin: '0',
    padding: '8px 10px',
    'border-radius': '6px',
    background: '#1f2937',
    color: '#ffffff',
    font: '13px/1.4 system-ui, sans-serif',
    'box-shadow': '0 2px 8px rgba(0,0,0,.3)',
  });
  const text = document.createElement('span');
  text.setAttribute('aria-live', 'polite');
  text.textContent = noticeText(opts.until, document.documentElement.lang, opts.text);
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = words.stop;
  style(button, {
    font: 'inherit',
    color: 'inherit',
    background: 'transparent',
    border: '1px solid currentColor',
    'border-radius': '4px',
    padding: '1px 6px',
    cursor: 'pointer',
  });
  let stopped = false;
  button.addEventListener('click', () => {
    if (stopped) return;
    stopped = true;
    button.remove();
    text.textContent = words.stopped;
    opts.onStop();
  });
  box.append(text, button);
  // Appended, never focused: the visitor's focus and scroll position stay where they are.
  document.body.append(box);
  return {
    remove: () => {
      if (stopped) setTimeout(() => box.remove(), 6_000);
      else box.remove();
    },
  };
}
