// Realistic request mix for the benchmark: ~100 distinct event bodies (pageviews, engagement
// beacons, custom events; Pomelo and Plausible shapes) and 20 real browser User-Agents.

export const benchSites = ['example.test', 'shop.test', 'docs.test'] as const;

export const userAgents = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:132.0) Gecko/20100101 Firefox/132.0',
  'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  'Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (iPad; CPU OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
  'Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 OPR/115.0.0.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/133.0 Mobile/15E148 Safari/605.1.15',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 YaBrowser/24.12.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Vivaldi/7.0.3495.18',
  'Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
];

/** Small deterministic PRNG (mulberry32): the same mix on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const paths = [
  '/',
  '/pricing',
  '/about',
  '/contact',
  '/blog',
  '/blog/cookieless-analytics-explained',
  '/blog/why-we-left-google-analytics',
  '/blog/2026/11/release-notes',
  '/docs/getting-started',
  '/docs/api/events',
  '/docs/self-hosting/docker',
  '/products/42',
  '/products/1337/reviews',
  '/cart',
  '/checkout/step-2',
  '/search',
  '/de/preise',
  '/fr/tarifs',
  '/careers/senior-engineer',
  '/legal/privacy',
];
const referrers = [
  null,
  null,
  null,
  'https://www.google.com/',
  'https://www.google.de/',
  'https://www.bing.com/search?q=privacy+analytics',
  'https://duckduckgo.com/',
  'https://t.co/AbCdEf123',
  'https://news.ycombinator.com/item?id=4242',
  'https://www.reddit.com/r/webdev/comments/abc/',
  'https://chatgpt.com/',
  'https://github.com/pomelo/pomelo',
  'https://www.linkedin.com/feed/',
  'https://example.org/blogroll',
  'android-app://com.slack/',
];
const campaigns = [
  '',
  '',
  '',
  '?utm_source=newsletter&utm_medium=email&utm_campaign=november',
  '?utm_source=twitter&utm_medium=social&utm_campaign=launch',
  '?utm_source=google&utm_medium=cpc&utm_campaign=brand&gclid=xyz',
  '?ref=producthunt',
  '?q=search+terms&page=2',
];
const timezones = [
  'Europe/Berlin',
  'America/New_York',
  'Asia/Tokyo',
  'Europe/London',
  'America/Los_Angeles',
  'Asia/Kolkata',
  'Australia/Sydney',
  'America/Sao_Paulo',
  'Europe/Paris',
  'Africa/Lagos',
  'Asia/Calcutta',
  'Europe/Kiev',
];
const widths = [360, 390, 414, 768, 1024, 1280, 1366, 1440, 1920, 2560];

/** ~100 distinct bodies: 65 pageviews, 20 engagement beacons, 10 custom events, 5 Plausible. */
export function eventBodies(count = 100): string[] {
  const r = rng(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const site = benchSites[i % benchSites.length]!;
    const url = `https://${i % 7 === 0 ? 'www.' : ''}${site}${pick(paths)}${pick(campaigns)}`;
    const common = { u: url, d: site, w: pick(widths), z: pick(timezones) };
    const kind = i % 20;
    if (kind < 13) {
      out.push(
        JSON.stringify({ n: 'pageview', ...common, r: pick(referrers), t: Math.floor(r() * 4) }),
      );
    } else if (kind < 17) {
      out.push(
        JSON.stringify({
          n: 'engagement',
          ...common,
          r: pick(referrers),
          t: 0,
          e: Math.floor(1_000 + r() * 120_000),
          sd: Math.floor(r() * 100),
          c: r() < 0.4 ? 1 : 0,
          ...(r() < 0.2 ? { f: 1 } : {}),
        }),
      );
    } else if (kind < 19) {
      const custom = pick([
        { n: 'Signup', p: { plan: pick(['free', 'pro', 'team']) } },
        { n: 'Outbound Link: Click', p: { url: 'https://github.com/pomelo/pomelo?tab=readme' } },
        { n: 'File Download', p: { url: `https://${site}/files/report-2026.pdf` } },
        { n: 'Purchase', p: { plan: 'pro', amount: 49, currency: 'EUR', trial: false } },
      ]);
      out.push(JSON.stringify({ ...custom, ...common, r: null, t: 3 }));
    } else {
      // Plausible's script (v0.4.6): no width, timezone or navigation kind.
      const engagement = r() < 0.3;
      out.push(
        JSON.stringify({
          n: engagement ? 'engagement' : 'pageview',
          u: url,
          d: site,
          r: pick(referrers),
          v: 46,
          s: 'script',
          ...(engagement ? { e: Math.floor(r() * 60_000), sd: Math.floor(r() * 100) } : {}),
        }),
      );
    }
  }
  return out;
}

/** autocannon's `requests` array: each connection cycles through it, body i with UA i*7 mod 20. */
export function benchRequests(): {
  method: 'POST';
  path: string;
  headers: Record<string, string>;
  body: string;
}[] {
  return eventBodies().map((body, i) => ({
    method: 'POST',
    path: '/api/event',
    headers: {
      'content-type': 'text/plain;charset=UTF-8',
      'user-agent': userAgents[(i * 7) % userAgents.length]!,
      origin: `https://${benchSites[i % benchSites.length]}`,
    },
    body,
  }));
}
