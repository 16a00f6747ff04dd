// Reads the request/response examples of docs/API.md: a ```http request (GET line) or ```json request
// (a Stats API body) block, followed by a ```json response [status] block.
import fs from 'node:fs';
import path from 'node:path';

export interface ApiExample {
  title: string;
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  status: number;
  response: unknown;
}

const fence = /```(http|json) (request|response)(?: (\d{3}))?\n([\s\S]*?)```/g;

export function readApiExamples(file = path.resolve(import.meta.dirname, '../../docs/API.md')) {
  const text = fs.readFileSync(file, 'utf8');
  const examples: ApiExample[] = [];
  let pending: Omit<ApiExample, 'status' | 'response'> | undefined;
  for (const m of text.matchAll(fence)) {
    const [, lang, kind, status, content] = m as unknown as [
      string,
      string,
      string,
      string,
      string,
    ];
    const heading =
      text
        .slice(0, m.index)
        .match(/^#+ (.*)$/gm)
        ?.pop()
        ?.replace(/^#+ /, '') ?? '';
    if (kind === 'request') {
      pending =
        lang === 'http'
          ? { title: heading, method: 'GET', path: content.trim().replace(/^GET /, '') }
          : { title: heading, method: 'POST', path: '/api/v2/query', body: JSON.parse(content) };
    } else {
      if (!pending) throw new Error(`docs/API.md: a response without a request under "${heading}"`);
      examples.push({ ...pending, status: Number(status ?? 200), response: JSON.parse(content) });
      pending = undefined;
    }
  }
  return examples;
}
