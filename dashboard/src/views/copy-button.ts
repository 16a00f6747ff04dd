// Copies a text to the clipboard and says so (aria-live). The Clipboard API needs a secure context
// (https or localhost); elsewhere the text is selected in a hidden field and copied with execCommand.
import { h } from 'preact';
import { useState } from 'preact/hooks';
import { t } from '../i18n/t.js';

async function copyText(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'visually-hidden';
  document.body.append(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('copy refused');
}

export function CopyButton(props: { text: string; label: string; name: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  return h(
    'span',
    { class: 'copy' },
    h(
      'button',
      {
        type: 'button',
        class: 'secondary',
        'data-copy': props.name,
        onClick: () =>
          copyText(props.text).then(
            () => setState('copied'),
            () => setState('failed'),
          ),
      },
      props.label,
    ),
    h(
      'span',
      { class: 'muted copy-status', role: 'status', 'aria-live': 'polite' },
      state === 'copied' ? t('copy.done') : state === 'failed' ? t('copy.failed') : '',
    ),
  );
}
