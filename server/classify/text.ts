// Makes untrusted text safe to store and show: strips invisible/control chars, trims, caps length.

// C0 and C1 controls, DEL, zero-width chars and BOM, bidi marks, embeddings/overrides and isolates,
// and other invisible format chars: soft hyphen, Arabic letter mark, Mongolian vowel separator,
// line/paragraph separators, word joiner and invisible operators, deprecated format chars,
// interlinear annotation marks, and the tag characters U+E0000-E007F (as surrogate pairs).
const UNSAFE_CHARS =
  /[\u0000-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u2028-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB]|\uDB40[\uDC00-\uDC7F]/g;
// A high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// Printable ASCII, not starting or ending with a space: nothing for sanitiseText to change.
const PLAIN = /^(?:[\x21-\x7E](?:[\x20-\x7E]*[\x21-\x7E])?)?$/;

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
  // Most values (paths, names, hosts) are plain ASCII: skip the two replace() passes for them.
  if (input.length <= max && PLAIN.test(input)) return input;
  // Lone surrogates first: removing a char between two halves must not join them into a new pair.
  let text = input.replace(LONE_SURROGATE, '\uFFFD').replace(UNSAFE_CHARS, '').trim();
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
