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

/** A report email's preview (server/mail/routes.ts): a document of its own, framed by the settings page. */
const MAIL_PREVIEW_PATH = /^\/api\/sites\/[^/]+\/mail\/preview$/;

export function dashboardSecurityHeaders(options: {
  /** Per request: an https:// public URL, or a trusted proxy's X-Forwarded-Proto: https. */
  https: (c: Context) => boolean;
}): MiddlewareHandler {
  const http = variants(false);
  const https = variants(true);
  return async function dashboardHeaders(c, next) {
    const v = options.https(c) ? https : http;
    if (MAIL_PREVIEW_PATH.test(c.req.path)) return v.mailPreview(c, next);
    return c.req.path === REPLAY_PLAYER_PATH ? v.player(c, next) : v.dashboard(c, next);
  };
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
