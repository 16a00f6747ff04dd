// Pure: turns offsets in a JSON text into paths like `[3].data.node.childNodes[1].textContent`.
// A path names where a scanner finding sits (DESIGN.md "leak or spike") and never its value: keys
// that are not plain identifiers are written as `[*]`, and a finding inside a key as `.<key>`.

interface Frame {
  array: boolean;
  index: number;
  key: string | null;
}

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]{0,31}$/;
const MAX_DEPTH = 512;

function render(stack: readonly Frame[], inKey: boolean): string {
  let path = '';
  stack.forEach((frame, depth) => {
    if (frame.array) path += `[${frame.index}]`;
    else if (inKey && depth === stack.length - 1) path += '.<key>';
    else if (frame.key === null) path += '';
    else path += PLAIN_KEY.test(frame.key) ? `.${frame.key}` : '[*]';
  });
  return path === '' ? '$' : path;
}

/** Index of the closing quote of the string opening at `start`, or text.length if unterminated. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 34) return i;
  }
  return text.length;
}

/**
 * Paths for the given offsets (same order as given). Walks the text once as a token stream, so
 * it tolerates truncated or invalid JSON: offsets past a syntax problem get the best-known path.
 * Returns `undefined` for an offset when the nesting is deeper than 512 levels.
 */
export function jsonPathsAt(text: string, offsets: readonly number[]): Array<string | undefined> {
  const order = offsets.map((offset, i) => ({ offset, i })).sort((a, b) => a.offset - b.offset);
  const out: Array<string | undefined> = offsets.map(() => undefined);
  const stack: Frame[] = [];
  let expectKey = false;
  let next = 0;
  let tooDeep = false;
  // Every offset up to `limit` gets the same path: rendered once (a string full of findings
  // deep in the tree would otherwise cost findings × depth).
  const assignUpTo = (limit: number, path: () => string | undefined): void => {
    let rendered: string | undefined;
    let done = false;
    while (next < order.length && order[next]!.offset <= limit) {
      if (!done) {
        rendered = tooDeep ? undefined : path();
        done = true;
      }
      out[order[next]!.i] = rendered;
      next++;
    }
  };

  for (let i = 0; i < text.length && next < order.length; i++) {
    assignUpTo(i - 1, () => render(stack, false));
    const c = text[i];
    const top = stack[stack.length - 1];
    if (c === '"') {
      const end = stringEnd(text, i);
      const inKey = top !== undefined && !top.array && expectKey;
      assignUpTo(end, () => render(stack, inKey));
      if (inKey) {
        top.key = text.slice(i + 1, end);
        expectKey = false;
      }
      i = end;
    } else if (c === '{' || c === '[') {
      if (stack.length >= MAX_DEPTH) tooDeep = true;
      stack.push({ array: c === '[', index: 0, key: null });
      expectKey = c === '{';
    } else if (c === '}' || c === ']') {
      stack.pop();
      expectKey = false;
    } else if (c === ',' && top !== undefined) {
      if (top.array) top.index++;
      else expectKey = true;
    }
  }
  assignUpTo(Number.POSITIVE_INFINITY, () => render(stack, false));
  return out;
}
