// The masking floor handed to rrweb (issue 6 §3): every text and input value masked with a
// constant, hidden inputs included; text unmasked only under the window's selectors; media and
// frames blocked. The event filter re-applies the attribute allowlist and URL cutting after it.
import { MASK } from './event-filter';

/** Elements rrweb records as an empty placeholder box; Pomelo's own on-page notice among them. */
export const BLOCK_SELECTOR =
  'img,video,audio,canvas,iframe,frame,object,embed,picture,.pomelo-replay-notice';

/** Every input type rrweb knows, plus `hidden`, which `maskAllInputs` leaves out. */
export const MASK_INPUT_OPTIONS: Record<string, boolean> = Object.fromEntries(
  [
    'color', 'date', 'datetime-local', 'email', 'month', 'number', 'range', 'search', 'tel',
    'text', 'time', 'url', 'week', 'textarea', 'select', 'password', 'hidden',
  ].map((type) => [type, true]),
); // prettier-ignore

/** Text inside form controls stays masked even under an unmask selector. */
const FORM_TAGS = new Set(['TEXTAREA', 'SELECT', 'OPTION', 'INPUT', 'BUTTON']);
const WHOLE_PAGE = /^\s*(\*|html|body|:root)\s*$/i;

/**
 * The window's unmask selectors that the browser can parse, joined; a selector that would unmask
 * the whole page, or does not parse, is dropped (the server validates the same way).
 */
export function usableUnmaskSelector(selectors: readonly string[], doc: Document): string | null {
  const probe = doc.createDocumentFragment();
  const usable = selectors.filter((sel) => {
    if (typeof sel !== 'string' || sel.length > 200 || /[{}<]/.test(sel)) return false;
    if (sel.split(',').some((part) => WHOLE_PAGE.test(part))) return false;
    try {
      probe.querySelector(sel);
      return true;
    } catch {
      return false;
    }
  });
  return usable.length > 0 ? usable.join(',') : null;
}

/** Constant-length mask; whitespace-only text is layout, not content, and is kept. */
export function maskText(text: string, element: Element | null, unmask: string | null): string {
  if (text.trim() === '') return text;
  if (unmask === null || element === null) return MASK;
  // A text node's nearest element: it may sit in a form control, where nothing is unmasked.
  for (let el: Element | null = element; el !== null; el = el.parentElement) {
    if (FORM_TAGS.has(el.tagName)) return MASK;
  }
  try {
    return element.closest(unmask) ? text : MASK;
  } catch {
    return MASK;
  }
}

export function maskInput(text: string): string {
  return text === '' ? '' : MASK;
}
