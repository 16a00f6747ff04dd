// Content-Encoding negotiation from Accept-Encoding (RFC 9110 §12.5.3): q-values, `*`, and
// `identity;q=0`. Pure. Brotli wins a tie (it is smaller), then gzip; plain bytes (acceptable unless
// refused) come last.

export type Encoding = 'br' | 'gzip' | 'identity';

const preference: Encoding[] = ['br', 'gzip', 'identity'];

/** The encoding to send, or undefined when the client refuses every one we have (406). */
export function negotiateEncoding(header: string | undefined): Encoding | undefined {
  if (header === undefined || header.trim() === '') return 'identity';
  const q = new Map<string, number>();
  for (const part of header.split(',').slice(0, 32)) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    let weight = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/.exec(p);
      if (m) weight = Math.min(1, Number(m[1]));
    }
    q.set(name === 'x-gzip' ? 'gzip' : name, weight);
  }
  const weightOf = (e: Encoding): number =>
    q.get(e) ?? (q.has('*') ? q.get('*')! : e === 'identity' ? 0.001 : 0);
  let best: Encoding | undefined;
  for (const e of preference) {
    const w = weightOf(e);
    if (w > 0 && (best === undefined || w > weightOf(best))) best = e;
  }
  return best;
}
