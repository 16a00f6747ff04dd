// p-debug.js: loaded by the core tracker only when its script tag has `data-debug` (p.ts). Says in
// the browser console whether this page's events are counted, set aside as a bot (curl, headless
// browsers, crawlers), or not counted, and why — from the server's own verdict
// (POST /api/event/explain, which writes and counts nothing) and the same local checks as the core
// (Global Privacy Control / Do Not Track, the developer's own machine). Sends no event of its own.
const script = document.querySelector<HTMLScriptElement>('script[data-debug]');
const data = script?.dataset ?? {};
const api = String(data.api || new URL('/api/event', script?.src || location.href));
const say = (level: 'info' | 'warn', text: string) => console[level](`Pomelo: ${text}`);

const local = /^(localhost|127\.|\[::1]|$)/.test(location.hostname);
const gpc = navigator.globalPrivacyControl || navigator.doNotTrack == '1';
if (gpc && !('ignoreGpc' in data)) {
  say(
    'warn',
    'not counted: this browser sends Global Privacy Control or Do Not Track, and the script honours it (data-ignore-gpc to count such visitors).',
  );
} else if (local && !('local' in data)) {
  say(
    'warn',
    `not counted: ${location.hostname || 'a file: page'} is a local address, where nothing is sent (data-local to count it).`,
  );
} else {
  fetch(`${api}/explain`, {
    method: 'POST',
    body: JSON.stringify({
      n: 'pageview',
      u: location.href,
      d: data.site,
      r: document.referrer,
      w: innerWidth,
      z: Intl.DateTimeFormat().resolvedOptions().timeZone,
    }),
  })
    .then((r) => r.json())
    .then((v: { outcome: string; site?: string; reason?: string; message?: string }) => {
      if (v.outcome === 'counted') say('info', `this page's events are counted for ${v.site}.`);
      else if (v.outcome === 'bot')
        say(
          'warn',
          `set aside as a bot for ${v.site}: this browser's User-Agent is a crawler's, curl's or a headless browser's. Bots are counted apart and never appear in reports.`,
        );
      else say('warn', `not counted (${v.reason}): ${v.message}.`);
    })
    .catch((err: unknown) => say('warn', `could not reach ${api}: ${String(err)}`));
}

declare global {
  interface Navigator {
    globalPrivacyControl?: boolean;
  }
}
export {};
