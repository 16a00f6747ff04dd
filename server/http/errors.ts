// One error type and one error handler: every error leaves as `{error: {code, message}}` JSON.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from '../log.js';

export type ErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'api_key_expired'
  | 'forbidden'
  /** The org requires a second factor and the user has none yet (403). */
  | 'second_factor_required'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'body_too_large'
  | 'overloaded'
  | 'storage_unavailable'
  /** An upstream server (the mail server) refused or failed (502). */
  | 'bad_gateway'
  | 'internal';

const statusOf: Record<ErrorCode, ContentfulStatusCode> = {
  bad_request: 400,
  unauthorized: 401,
  api_key_expired: 401,
  forbidden: 403,
  second_factor_required: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  body_too_large: 413,
  overloaded: 503,
  storage_unavailable: 503,
  bad_gateway: 502,
  internal: 500,
};

export class ApiError extends HTTPException {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(statusOf[code], { message });
  }
}

export function errorBody(code: string, message: string) {
  return { error: { code, message } };
}

export function jsonError(
  c: Context,
  status: ContentfulStatusCode,
  code: string,
  message: string,
  retryAfterSeconds?: number,
) {
  if (retryAfterSeconds !== undefined) c.header('Retry-After', String(retryAfterSeconds));
  return c.json(errorBody(code, message), status);
}

/** Maps errors to JSON; unknown errors become a generic 500 whose log line carries no request data. */
export function createErrorHandler(log: Logger) {
  return function handleError(err: Error, c: Context) {
    if (err instanceof ApiError) {
      return jsonError(
        c,
        err.status as ContentfulStatusCode,
        err.code,
        err.message,
        err.retryAfterSeconds,
      );
    }
    if (err instanceof HTTPException) {
      const status = err.status as ContentfulStatusCode;
      return jsonError(
        c,
        status,
        status === 413 ? 'body_too_large' : 'bad_request',
        err.message || 'bad request',
      );
    }
    log.error('unhandled error', { route: c.req.routePath, error: err.name });
    return jsonError(c, 500, 'internal', 'internal error');
  };
}
