// Makes untrusted text safe to store and show: strips invisible/control chars, trims, caps length.

// C0 and C1 controls, DEL, zero-width chars and BOM, bidi embeddings/overrides and isolates.
const UNSAFE_CHARS = /[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;
// A high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * Removes control, bidi and zero-width characters, replaces lone surrogates with U+FFFD (so the
 * result is well-formed UTF-16 and encodes to UTF-8 losslessly), trims, and cuts to at most
 * `maxLength` UTF-16 code units without splitting a surrogate pair. Never throws.
 */
export function sanitiseText(input: string, maxLength: number): string {
  if (typeof input !== 'string' || !(maxLength >= 1)) return '';
  const max = Math.floor(maxLength);
  let text = input.replace(UNSAFE_CHARS, '').replace(LONE_SURROGATE, '\uFFFD').trim();
  if (text.length <= max) return text;
  let end = max;
  if (isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
  text = text.slice(0, end).trimEnd();
  return text;
}

/** decodeURIComponent that returns the input unchanged when it holds a malformed sequence. */
export function safeDecode(s: string): string {
  if (typeof s !== 'string') return '';
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
