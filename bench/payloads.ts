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
export function rng(seed: number): () => number {
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

// --- The realistic mix (issue 18 §6) -------------------------------------------------------------

/** What a request counts as once accepted: `pageview` adds 1 to total pageviews, `custom` 1 to events. */
export type MixKind = 'pageview' | 'engagement' | 'custom';

export interface MixRequest {
  body: string;
  userAgent: string;
  origin: string;
  kind: MixKind;
}

export const mixShape = {
  paths: 5_000,
  referrers: 500,
  utmSets: 120,
  searchTerms: 300,
  zipfExponent: 1.0,
} as const;

/** Index in [0, n) with probability ∝ 1 / (rank + 1)^s: few very popular items, a long tail. */
function zipfSampler(n: number, s: number, r: () => number): () => number {
  const cumulative = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) cumulative[i] = sum += 1 / Math.pow(i + 1, s);
  return () => {
    const x = r() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const words = (
  'analytics privacy cookie consent tracker script pricing release notes guide setup docker ' +
  'postgres sqlite dashboard report funnel goal event campaign referrer visitor session bounce ' +
  'scroll engagement export import api token team invite billing plan upgrade migrate backup ' +
  'restore theme dark mode mobile tablet desktop browser country region city retention growth'
).split(' ');

/** 5,000 distinct page paths of several kinds and depths, in popularity order (rank 0 = "/"). */
function mixPaths(r: () => number): string[] {
  const out = new Set<string>(['/', '/pricing', '/blog', '/docs', '/about', '/contact', '/login']);
  const word = () => words[Math.floor(r() * words.length)]!;
  const langs = ['', '', '', '/de', '/fr', '/es', '/ja', '/pt-br'];
  while (out.size < mixShape.paths) {
    const lang = langs[Math.floor(r() * langs.length)]!;
    const k = Math.floor(r() * 6);
    const p =
      k === 0
        ? `/blog/${2020 + Math.floor(r() * 7)}/${word()}-${word()}-${word()}`
        : k === 1
          ? `/docs/${word()}/${word()}-${word()}`
          : k === 2
            ? `/products/${Math.floor(r() * 100_000)}`
            : k === 3
              ? `/products/${Math.floor(r() * 100_000)}/reviews`
              : k === 4
                ? `/tag/${word()}`
                : `/help/${word()}/${Math.floor(r() * 1_000)}`;
    out.add(lang + p);
  }
  return [...out];
}

/** 500 referrers: search engines, social sites, apps, and a long tail of blogs and forums. */
function mixReferrers(r: () => number): string[] {
  const out = new Set<string>([
    'https://www.google.com/',
    'https://www.bing.com/',
    'https://duckduckgo.com/',
    'https://t.co/',
    'https://news.ycombinator.com/',
    'https://www.reddit.com/',
    'https://chatgpt.com/',
    'https://github.com/',
    'https://www.linkedin.com/',
    'android-app://com.slack/',
  ]);
  const tlds = ['de', 'fr', 'co.uk', 'com.br', 'co.jp', 'es', 'it', 'nl', 'pl', 'se', 'ca', 'in'];
  for (const t of tlds) out.add(`https://www.google.${t}/`);
  while (out.size < mixShape.referrers) {
    const k = Math.floor(r() * 4);
    const n = Math.floor(r() * 5_000);
    out.add(
      k === 0
        ? `https://blog${n}.example.org/${words[n % words.length]}`
        : k === 1
          ? `https://forum.example${n % 97}.net/t/${n}`
          : k === 2
            ? `https://www.reddit.com/r/${words[n % words.length]}${n % 13}/comments/${n.toString(36)}/`
            : `https://news${n % 53}.example.com/story/${n}`,
    );
  }
  return [...out];
}

/** Sets of UTM tags (source, medium, campaign) as a query string. */
function mixUtmSets(r: () => number): string[] {
  const sources = ['newsletter', 'twitter', 'google', 'facebook', 'linkedin', 'partner', 'podcast'];
  const mediums = ['email', 'social', 'cpc', 'referral', 'display', 'audio'];
  const out = new Set<string>();
  while (out.size < mixShape.utmSets) {
    const s = sources[Math.floor(r() * sources.length)]!;
    const m = mediums[Math.floor(r() * mediums.length)]!;
    const c = `${words[Math.floor(r() * words.length)]}-${2025 + Math.floor(r() * 2)}-${Math.floor(r() * 12) + 1}`;
    out.add(`?utm_source=${s}&utm_medium=${m}&utm_campaign=${c}`);
  }
  return [...out];
}

/**
 * `count` pre-serialised requests of a realistic mix, the same on every run for a seed: pages from
 * 5,000 paths with a Zipf-like popularity, 500 referrers (and direct visits), 120 UTM sets, 20
 * User-Agents, 12 timezones, 10 widths over 3 sites; 62 % pageviews, 24 % engagement beacons, 11 %
 * custom events with props (signup plans, purchases with amounts, outbound links and downloads to
 * many URLs, site searches with 300 terms), 3 % in Plausible's shape. Different seeds draw
 * different requests from the same distributions (several generator processes).
 */
export function mixRequests(count: number, seed = 7): MixRequest[] {
  const shape = rng(1234); // the vocabulary is the same for every seed
  const paths = mixPaths(shape);
  const refs = mixReferrers(shape);
  const utms = mixUtmSets(shape);
  const terms = Array.from(
    { length: mixShape.searchTerms },
    (_, i) => `${words[i % words.length]} ${words[(i * 7 + 3) % words.length]}`,
  );
  const r = rng(seed);
  const path = zipfSampler(paths.length, mixShape.zipfExponent, r);
  const referrer = zipfSampler(refs.length, mixShape.zipfExponent, r);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const out: MixRequest[] = [];
  for (let i = 0; i < count; i++) {
    const site = benchSites[Math.floor(r() * benchSites.length)]!;
    const utm = r() < 0.12 ? pick(utms) : '';
    const url = `https://${r() < 0.1 ? 'www.' : ''}${site}${paths[path()]}${utm}`;
    const common = { u: url, d: site, w: pick(widths), z: pick(timezones) };
    const ref = r() < 0.45 ? null : refs[referrer()]!;
    const x = r();
    let body: string;
    let kind: MixKind;
    if (x < 0.62) {
      kind = 'pageview';
      body = JSON.stringify({ n: 'pageview', ...common, r: ref, t: Math.floor(r() * 4) });
    } else if (x < 0.86) {
      kind = 'engagement';
      body = JSON.stringify({
        n: 'engagement',
        ...common,
        r: ref,
        t: 0,
        e: Math.floor(1_000 + r() * 120_000),
        sd: Math.floor(r() * 100),
        c: r() < 0.4 ? 1 : 0,
        ...(r() < 0.2 ? { f: 1 } : {}),
      });
    } else if (x < 0.97) {
      kind = 'custom';
      const k = Math.floor(r() * 5);
      const custom =
        k === 0
          ? { n: 'Signup', p: { plan: pick(['free', 'pro', 'team', 'enterprise']) } }
          : k === 1
            ? {
                n: 'Purchase',
                p: {
                  plan: pick(['pro', 'team']),
                  amount: pick([9, 19, 49, 99, 490]),
                  currency: pick(['EUR', 'USD', 'GBP']),
                  trial: r() < 0.3,
                },
              }
            : k === 2
              ? { n: 'Outbound Link: Click', p: { url: refs[referrer()] ?? 'https://github.com/' } }
              : k === 3
                ? { n: 'File Download', p: { url: `https://${site}/files/${pick(words)}.pdf` } }
                : { n: 'Search', p: { query: pick(terms), results: Math.floor(r() * 50) } };
      body = JSON.stringify({ ...custom, ...common, r: null, t: 3 });
    } else {
      // Plausible's script (v0.4.6): no width, timezone or navigation kind.
      const engagement = r() < 0.3;
      kind = engagement ? 'engagement' : 'pageview';
      body = JSON.stringify({
        n: engagement ? 'engagement' : 'pageview',
        u: url,
        d: site,
        r: ref,
        v: 46,
        s: 'script',
        ...(engagement ? { e: Math.floor(r() * 60_000), sd: Math.floor(r() * 100) } : {}),
      });
    }
    out.push({ body, userAgent: pick(userAgents), origin: `https://${site}`, kind });
  }
  return out;
}

/** How many distinct paths, referrers and (site, path) pairs a set of mix requests holds. */
export function mixVariety(reqs: MixRequest[]): { paths: number; referrers: number } {
  const paths = new Set<string>();
  const referrers = new Set<string>();
  for (const q of reqs) {
    const b = JSON.parse(q.body) as { u: string; r?: string | null };
    paths.add(new URL(b.u).pathname);
    if (b.r) referrers.add(b.r);
  }
  return { paths: paths.size, referrers: referrers.size };
}

export type BenchRequest = ReturnType<typeof benchRequests>[number];

/** The mix as autocannon's `requests`. */
export function mixBenchRequests(count: number, seed = 7): BenchRequest[] {
  return mixRequests(count, seed).map((q) => ({
    method: 'POST',
    path: '/api/event',
    headers: {
      'content-type': 'text/plain;charset=UTF-8',
      'user-agent': q.userAgent,
      origin: q.origin,
    },
    body: q.body,
  }));
}
