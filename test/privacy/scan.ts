// Searches text (database bytes read as latin1, table values, log lines) for personal data: IP
// addresses, User-Agent strings and per-visitor tokens. Returns every hit, with its context.

export interface ScanTargets {
  /** Exact strings that must not appear (full User-Agents, distinctive parts of them). */
  exact: string[];
  /** Addresses that were sent (source and forwarded): named in hits; any address is a hit anyway. */
  ips: string[];
  /** Random per-request tokens: no 10-char piece of any of them may appear (case-insensitive). */
  tokens: string[];
}

export interface Hit {
  what: string;
  context: string;
}

// Dotted quads, not part of a longer run of digits and dots (so "1.2.3.4.5" is not one).
const IPV4 = /(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])/g;
// Four or more colon-separated hex groups, or any "::"-compressed address with 2+ groups.
const IPV6 =
  /(?<![\w:])(?:[0-9a-f]{1,4}:){3,7}[0-9a-f]{1,4}(?![\w:])|(?:[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){0,6}[0-9a-f]{1,4}/gi;
const TOKEN_PIECE = 10;

function around(text: string, index: number, length: number): string {
  return JSON.stringify(text.slice(Math.max(0, index - 30), index + length + 30));
}

export function createScanner(targets: ScanTargets) {
  const pieces = new Map<string, string>();
  for (const token of targets.tokens) {
    const t = token.toLowerCase();
    for (let i = 0; i + TOKEN_PIECE <= t.length; i++)
      pieces.set(t.slice(i, i + TOKEN_PIECE), token);
  }
  const sent = new Set(targets.ips.map((ip) => ip.toLowerCase()));
  const label = (ip: string) => (sent.has(ip.toLowerCase()) ? ' (sent by the test)' : '');
  const exact = [...new Set(targets.exact)].filter((s) => s.length >= 6);
  const exactLower = exact.map((s) => s.toLowerCase());

  return function scan(text: string): Hit[] {
    const hits: Hit[] = [];
    for (const m of text.matchAll(IPV4)) {
      hits.push({
        what: `IPv4 ${m[0]}${label(m[0])}`,
        context: around(text, m.index, m[0].length),
      });
    }
    for (const m of text.matchAll(IPV6)) {
      hits.push({
        what: `IPv6 ${m[0]}${label(m[0])}`,
        context: around(text, m.index, m[0].length),
      });
    }
    const lower = text.toLowerCase();
    exactLower.forEach((s, i) => {
      const at = lower.indexOf(s);
      if (at >= 0) hits.push({ what: `"${exact[i]}"`, context: around(text, at, s.length) });
    });
    // Tokens: slide a window over every alphanumeric run and look its pieces up.
    for (const m of lower.matchAll(/[0-9a-z_-]{10,}/g)) {
      const run = m[0];
      for (let i = 0; i + TOKEN_PIECE <= run.length; i++) {
        const token = pieces.get(run.slice(i, i + TOKEN_PIECE));
        if (token !== undefined) {
          hits.push({ what: `token ${token}`, context: around(text, m.index + i, TOKEN_PIECE) });
          break;
        }
      }
    }
    return hits;
  };
}
