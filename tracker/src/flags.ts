// Build-time feature flags, set per variant by tracker/vite.config.ts (`define`): the minifier drops
// the code behind a false flag, so optional features cost the core nothing.
declare const __POMELO_FILE_DOWNLOADS__: boolean;
declare const __POMELO_OUTBOUND_LINKS__: boolean;

/** Link clicks on file extensions become 'File Download' events (p.files.js; not in p.js). */
export const FILE_DOWNLOADS = __POMELO_FILE_DOWNLOADS__;

/**
 * Clicks on links to other sites become 'Outbound Link: Click' events (p.outbound.js, p.files.js;
 * not in p.js since issue 19: the 40 bytes it cost paid for interactive events and data-debug).
 */
export const OUTBOUND_LINKS = __POMELO_OUTBOUND_LINKS__;
