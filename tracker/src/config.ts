// Reads the script tag's data-* attributes once: the tracker's whole public configuration.
const script = document.currentScript as HTMLScriptElement;
const data = script.dataset;

export const site = data.site;
/** Default: the script's own origin (and folder) + api/event; data-api overrides. */
export const api = data.api || script.src.replace(/[^/]*$/, 'api/event');
export const hashRouting = 'hash' in data;
/** Link extensions counted as file downloads; data-file-types="pdf|zip|epub" replaces the list. */
export const fileTypes = RegExp(
  `\\.(${data.fileTypes || 'pdf|docx?|xlsx?|pptx?|csv|zip|rar|7z|gz|dmg|exe|mp[34]'})$`,
  'i',
);

const nav = navigator as Navigator & { globalPrivacyControl?: boolean };
/** Global Privacy Control and Do Not Track are honoured unless the site opts out (data-ignore-gpc). */
const optedOut = (nav.globalPrivacyControl || nav.doNotTrack == (1 as unknown as string)) && !('ignoreGpc' in data);
/** localhost, 127.x, IPv6 literals and file: pages (empty hostname) unless data-local. */
const local = /^(localhost|127\.|\[|$)/.test(location.hostname) && !('local' in data);

export const enabled = site && !optedOut && !local;
