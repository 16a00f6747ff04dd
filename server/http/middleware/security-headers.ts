// Security headers for the dashboard and the API (never for /p.js or /api/event: other sites load
// those, and secureHeaders' Cross-Origin-Resource-Policy: same-origin would block them).
import type { Context, MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/** The dashboard document that runs the replay player (dashboard/src/router.ts REPLAY_PLAYER_PATH). */
export const REPLAY_PLAYER_PATH = '/replay/player';

const common = {
  defaultSrc: ["'self'"],
  // No inline script, no eval: the dashboard is built into files served from here.
  scriptSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  frameAncestors: ["'none'"],
};

/** What a shared link's embed page may change in its headers (server/accounts/share-embed.ts). */
export interface EmbedPolicy {
  /** Canonical origins allowed to frame the page (CSP frame-ancestors); none: never framed. */
  frameAncestors: string[];
  /** The logo's origin (https), allowed as an image source on that page only. */
  logoOrigin: string | null;
}

/** A shared link's embed address: /share/:siteId/:linkId (the token stays in the fragment). */
const embedPath = /^\/share\/(\d+)\/([A-Za-z0-9_-]{1,64})\/?$/;
/** A report email's preview (server/mail/routes.ts): a document of its own, framed by the settings page. */
const MAIL_PREVIEW_PATH = /^\/api\/sites\/[^/]+\/mail\/preview$/;

export function dashboardSecurityHeaders(options: {
  /** Per request: an https:// public URL, or a trusted proxy's X-Forwarded-Proto: https. */
  https: (c: Context) => boolean;
  /** The embed policy of a live shared link with listed origins, else null (never framed). */
  embedPolicy?: (siteId: number, linkId: string) => Promise<EmbedPolicy | null>;
}): MiddlewareHandler {
  const http = variants(false);
  const https = variants(true);
  return async function dashboardHeaders(c, next) {
    const secure = options.https(c);
    const v = secure ? https : http;
    if (c.req.path === REPLAY_PLAYER_PATH) return v.player(c, next);
    if (MAIL_PREVIEW_PATH.test(c.req.path)) return v.mailPreview(c, next);
    const embed = options.embedPolicy && embedPath.exec(c.req.path);
    if (embed) {
      const policy = await options.embedPolicy!(Number(embed[1]), embed[2]!);
      // That link's page only: framed by its listed origins; every other page keeps 'none'.
      if (policy) return embedded(secure, policy)(c, next);
    }
    return v.dashboard(c, next);
  };
}

/**
 * The dashboard's headers for one shared link's page: framed by its listed origins (then no
 * X-Frame-Options, which cannot name origins: CSP decides), its https logo allowed as an image.
 */
function embedded(https: boolean, policy: EmbedPolicy): MiddlewareHandler {
  const framed = policy.frameAncestors.length > 0;
  return secureHeaders({
    strictTransportSecurity: https ? 'max-age=31536000; includeSubDomains' : false,
    xFrameOptions: framed ? false : 'DENY',
    referrerPolicy: 'same-origin',
    contentSecurityPolicy: {
      ...common,
      frameAncestors: framed ? policy.frameAncestors : ["'none'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:', ...(policy.logoOrigin ? [policy.logoOrigin] : [])],
      fontSrc: ["'self'"],
      formAction: ["'self'"],
    },
  });
}

function variants(https: boolean): {
  dashboard: MiddlewareHandler;
  player: MiddlewareHandler;
  mailPreview: MiddlewareHandler;
} {
  const shared = {
    // HSTS only when people reach Pomelo over HTTPS: over plain HTTP it would be ignored or harmful.
    strictTransportSecurity: https ? 'max-age=31536000; includeSubDomains' : false,
    xFrameOptions: 'DENY',
    referrerPolicy: 'same-origin',
  } as const;
  const dashboard = secureHeaders({
    ...shared,
    contentSecurityPolicy: {
      ...common,
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      formAction: ["'self'"],
    },
  });
  // The replay player's page only. rrweb rebuilds a recording in an about:blank iframe (sandbox
  // "allow-same-origin", no scripts), which inherits this document's CSP; a recorded page brings
  // its CSS as <style> elements and style attributes, so styles must be allowed inline here, and
  // only here. Scripts stay 'self'. In exchange nothing else may load: images only as data: (the
  // cursor), no fonts, no forms, so a recording cannot make the viewer's browser fetch anything,
  // not even a same-origin URL with the viewer's cookie.
  const player = secureHeaders({
    ...shared,
    contentSecurityPolicy: {
      ...common,
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ['data:'],
      fontSrc: ["'none'"],
      mediaSrc: ["'none'"],
      formAction: ["'none'"],
    },
  });
  // A mail's preview: an email is inline styles by nature (mail clients drop style sheets), so
  // they are allowed here; nothing else: no script, no image but data:, no form, and only the
  // dashboard itself may frame it (its iframe is sandboxed without scripts as well).
  const mailPreview = secureHeaders({
    ...shared,
    xFrameOptions: 'SAMEORIGIN',
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      styleSrc: ["'unsafe-inline'"],
      imgSrc: ['data:'],
      baseUri: ["'none'"],
      formAction: ["'none'"],
      frameAncestors: ["'self'"],
    },
  });
  return { dashboard, player, mailPreview };
}
