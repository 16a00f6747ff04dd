// Live-DOM check for pages that are never recorded (rules in sensitive-fields.ts): run before
// recording starts and on every DOM change while recording.
import { isSensitiveAutocomplete } from './sensitive-fields';

export type SensitivePageReason = 'replay_off' | 'password_field' | 'sensitive_autocomplete';

/** Why this document must not be recorded, or null. Open shadow roots are searched too. */
export function findSensitivePageReason(doc: Document): SensitivePageReason | null {
  const html = doc.documentElement;
  if (html?.getAttribute('data-replay')?.trim().toLowerCase() === 'off') return 'replay_off';
  return searchRoot(doc);
}

function searchRoot(root: Document | ShadowRoot): SensitivePageReason | null {
  if (root.querySelector('input[type="password" i]')) return 'password_field';
  for (const el of root.querySelectorAll('[autocomplete]')) {
    if (isSensitiveAutocomplete(el.getAttribute('autocomplete') ?? '')) {
      return 'sensitive_autocomplete';
    }
  }
  for (const el of root.querySelectorAll('*')) {
    if (el.shadowRoot) {
      const reason = searchRoot(el.shadowRoot);
      if (reason) return reason;
    }
  }
  return null;
}
