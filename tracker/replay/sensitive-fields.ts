// Pure rules for pages that are never recorded (issue 6 §3): a password field, an autocomplete
// token of cc-*, current-password, new-password or one-time-code, or <html data-replay="off">.
// The recorder applies them to the live DOM; the server re-applies them to raw rrweb events.

const SECRET_AUTOCOMPLETE = new Set(['current-password', 'new-password', 'one-time-code']);

/** True for an `autocomplete` value naming a payment or credential field (any token of it). */
export function isSensitiveAutocomplete(value: string): boolean {
  return value
    .toLowerCase()
    .split(/\s+/)
    .some((token) => token.startsWith('cc-') || SECRET_AUTOCOMPLETE.has(token));
}

/** True for an element (by tag and attributes) that makes its whole page unrecordable. */
export function isSensitiveElement(tagName: string, attributes: Record<string, unknown>): boolean {
  const tag = tagName.toLowerCase();
  const attr = (name: string) => {
    const value = attributes[name];
    return typeof value === 'string' ? value : '';
  };
  if (tag === 'html' && attr('data-replay').trim().toLowerCase() === 'off') return true;
  if (tag === 'input' && attr('type').trim().toLowerCase() === 'password') return true;
  return isSensitiveAutocomplete(attr('autocomplete'));
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function nodeIsSensitive(node: unknown, depth = 0): boolean {
  if (!isObject(node) || depth > 1000) return false;
  const attributes = isObject(node.attributes) ? node.attributes : {};
  if (node.type === 2 && isSensitiveElement(String(node.tagName ?? ''), attributes)) return true;
  return (
    Array.isArray(node.childNodes) && node.childNodes.some((c) => nodeIsSensitive(c, depth + 1))
  );
}

/**
 * True when a raw (unfiltered) rrweb event shows a sensitive field: in a full snapshot, in added
 * nodes, or in an attribute change (an input switching to type=password, `data-replay="off"`
 * set later; the element's tag is unknown there, so any such attribute counts).
 */
export function eventShowsSensitiveField(event: unknown): boolean {
  if (!isObject(event) || !isObject(event.data)) return false;
  const data = event.data;
  if (event.type === 2) return nodeIsSensitive(data.node);
  if (event.type !== 3 || data.source !== 0) return false;
  const adds = Array.isArray(data.adds) ? data.adds : [];
  if (adds.some((a) => isObject(a) && nodeIsSensitive(a.node))) return true;
  const changes = Array.isArray(data.attributes) ? data.attributes : [];
  return changes.some((c) => {
    if (!isObject(c) || !isObject(c.attributes)) return false;
    const attrs = c.attributes;
    return isSensitiveElement('input', attrs) || isSensitiveElement('html', attrs);
  });
}
