// Reads the ```curl blocks of a Markdown file and turns each into a fetch request, so the docs'
// curl lines are run as written (issue 19 §12). A small shell-word reader: backslash-newline
// continuations, '…' (literal), "…" and bare words (with $VAR / ${VAR} expanded from the given
// placeholders only), `#` comment lines (`# answers 400` sets the expected status). The curl
// options the docs use are understood; any other is an error, so the docs stay runnable.
import fs from 'node:fs';

export interface CurlExample {
  /** Where it is: the heading above it. */
  title: string;
  /** 1-based line of the block in the file. */
  line: number;
  text: string;
  /** The documented status, when not 2xx (`# answers 400`). */
  status?: number;
  /** The block that follows it, when it is a ```json response. */
  response?: unknown;
}

export interface CurlRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** Every fenced block of the file, in order: its language tag, text and line. */
export function fencedBlocks(file: string): { tag: string; text: string; line: number }[] {
  const text = fs.readFileSync(file, 'utf8');
  const out: { tag: string; text: string; line: number }[] = [];
  for (const m of text.matchAll(/^```([^\n]*)\n([\s\S]*?)^```$/gm)) {
    out.push({ tag: m[1]!.trim(), text: m[2]!, line: text.slice(0, m.index).split('\n').length });
  }
  return out;
}

export function readCurlExamples(file: string): CurlExample[] {
  const text = fs.readFileSync(file, 'utf8');
  const blocks = fencedBlocks(file);
  const lines = text.split('\n');
  return blocks.flatMap((b, i) => {
    if (b.tag !== 'curl') return [];
    const title =
      lines
        .slice(0, b.line)
        .reverse()
        .find((l) => /^#+ /.test(l))
        ?.replace(/^#+ /, '') ?? '';
    const status = /^# answers (\d{3})$/m.exec(b.text)?.[1];
    const next = blocks[i + 1];
    const response = next?.tag === 'json response' ? JSON.parse(next.text) : undefined;
    return [
      {
        title,
        line: b.line,
        text: b.text,
        ...(status ? { status: Number(status) } : {}),
        ...(response !== undefined ? { response } : {}),
      },
    ];
  });
}

/** Shell words of one command, placeholders expanded; throws on an unknown variable. */
export function shellWords(command: string, vars: Record<string, string>): string[] {
  const src = command.replace(/\\\n/g, ' ');
  const words: string[] = [];
  let word: string | null = null;
  const expand = (s: string, at: number): [string, number] => {
    const m = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/.exec(s.slice(at));
    if (!m) return ['$', at + 1];
    const name = m[1] ?? m[2]!;
    if (!(name in vars)) throw new Error(`unknown placeholder $${name}`);
    return [vars[name]!, at + m[0].length];
  };
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\n') {
      if (word !== null) words.push(word);
      word = null;
      i++;
    } else if (c === "'") {
      const end = src.indexOf("'", i + 1);
      if (end < 0) throw new Error('unterminated single quote');
      word = (word ?? '') + src.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      let j = i + 1;
      let s = '';
      while (j < src.length && src[j] !== '"') {
        if (src[j] === '\\' && j + 1 < src.length && '"\\$`'.includes(src[j + 1]!)) {
          s += src[j + 1];
          j += 2;
        } else if (src[j] === '$') {
          const [v, next] = expand(src, j);
          s += v;
          j = next;
        } else s += src[j++];
      }
      if (j >= src.length) throw new Error('unterminated double quote');
      word = (word ?? '') + s;
      i = j + 1;
    } else if (c === '$') {
      const [v, next] = expand(src, i);
      word = (word ?? '') + v;
      i = next;
    } else if ('|&;<>()`'.includes(c)) {
      throw new Error(`shell syntax ${c} is not a single curl command`);
    } else {
      word = (word ?? '') + c;
      i++;
    }
  }
  if (word !== null) words.push(word);
  return words;
}

/** The request a curl command line sends. */
export function curlRequest(text: string, vars: Record<string, string>): CurlRequest {
  const command = text
    .split('\n')
    .filter((l) => !l.trimStart().startsWith('#'))
    .join('\n')
    .trim();
  const words = shellWords(command, vars);
  if (words.shift() !== 'curl') throw new Error('a curl block holds one curl command');
  let method: string | undefined;
  let url: string | undefined;
  let body: string | undefined;
  const headers: Record<string, string> = {};
  const value = (opt: string) => {
    const v = words.shift();
    if (v === undefined) throw new Error(`${opt} needs a value`);
    return v;
  };
  while (words.length > 0) {
    const w = words.shift()!;
    if (w === '-X' || w === '--request') method = value(w);
    else if (w === '-H' || w === '--header') {
      const h = value(w);
      const colon = h.indexOf(':');
      if (colon < 1) throw new Error(`bad header ${h}`);
      headers[h.slice(0, colon).trim().toLowerCase()] = h.slice(colon + 1).trim();
    } else if (['-d', '--data', '--data-raw', '--data-binary'].includes(w)) body = value(w);
    else if (w === '--url') url = value(w);
    else if (['-s', '--silent', '-S', '--show-error', '-f', '--fail', '-i'].includes(w)) continue;
    else if (w.startsWith('-')) throw new Error(`curl option ${w} is not understood by the test`);
    else if (url === undefined) url = w;
    else throw new Error(`a second URL: ${w}`);
  }
  if (!url) throw new Error('no URL');
  return {
    method: method ?? (body !== undefined ? 'POST' : 'GET'),
    url,
    headers:
      body !== undefined && !headers['content-type']
        ? { ...headers, 'content-type': 'application/x-www-form-urlencoded' }
        : headers,
    ...(body !== undefined ? { body } : {}),
  };
}
