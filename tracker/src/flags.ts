// Build-time feature flags, set per variant by tracker/vite.config.ts (`define`): the minifier drops
// the code behind a false flag, so optional features cost the core nothing.
declare const __POMELO_FILE_DOWNLOADS__: boolean;

/** Link clicks on file extensions become 'File Download' events (p.files.js; not in p.js). */
export const FILE_DOWNLOADS = __POMELO_FILE_DOWNLOADS__;
