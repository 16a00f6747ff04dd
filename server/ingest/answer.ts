// POST /api/event as plain data: (content type, body text, user agent) → {status, headers, body}.
// The one implementation of the route's checks and answers; route.ts (Hono) and node-route.ts (the
// Node fast path) only carry bytes in and out.
import { OverloadedError } from '../counters/group-commit.js';
import { errorBody } from '../http/errors.js';
import { StoreUnavailableError } from '../store/types.js';
import { limits } from './payload.js';
import { isRejection, rejectionStatus } from './rejection.js';
import type { createIngest } from './pipeline.js';

export interface EventAnswer {
  status: number;
  /** In the order they go out, `Content-Length` last (as @hono/node-server wrote c.json's). */
  headers: Record<string, string>;
  body: string | null;
  /** The error code of a refusal (GET /metrics counts answers by it); none when accepted. */
  reason?: string;
}

// The media type itself, then parameters or nothing: `application/json-patch+json` is another type.
const acceptedTypes = /^(text\/plain|application\/json)\s*(;|$)/i;

// Any site may post; no credentials are ever involved, so "*" is safe. Every answer carries it.
const cors = 'access-control-allow-origin';

/** A JSON error answer; the fixed ones are built once, not per request. */
function error(status: number, code: string, message: string, retryAfter?: number): EventAnswer {
  const headers: Record<string, string> = { [cors]: '*', 'content-type': 'application/json' };
  if (retryAfter !== undefined) headers['retry-after'] = String(retryAfter);
  return { ...withBody(status, headers, JSON.stringify(errorBody(code, message))), reason: code };
}

function withBody(status: number, headers: Record<string, string>, body: string): EventAnswer {
  headers['Content-Length'] = String(Buffer.byteLength(body));
  return { status, headers, body };
}

export const acceptedAnswer: EventAnswer = { status: 202, headers: { [cors]: '*' }, body: null };
export const tooLargeAnswer = error(
  413,
  'body_too_large',
  `the body is larger than ${limits.bodyBytes} bytes`,
);
// A body that stops before its end (the client left, or the request timeout cut a slow body) is
// the client's doing: 400 and nothing stored, not a 500 with an error log line.
export const incompleteAnswer = error(
  400,
  'incomplete_body',
  'the request body ended before it was complete',
);
const unsupportedType = error(415, 'unsupported_media_type', 'send text/plain or application/json');
const overloadedAnswers = new Map<number, EventAnswer>();
const storageUnavailable = error(503, 'storage_unavailable', 'the database is unavailable', 5);

function overloaded(retryAfter: number): EventAnswer {
  let answer = overloadedAnswers.get(retryAfter);
  if (!answer) {
    answer = error(503, 'overloaded', 'too busy right now; retry later', retryAfter);
    if (overloadedAnswers.size < 64) overloadedAnswers.set(retryAfter, answer);
  }
  return answer;
}

/** A declared Content-Length over the limit: refuse before reading the body. */
export const declaredTooLarge = (contentLength: string): boolean =>
  Number(contentLength) > limits.bodyBytes;

export function eventAnswers(ingest: ReturnType<typeof createIngest>) {
  return {
    /**
     * Overloaded: the 503 to send before reading or parsing anything, so the refusal stays
     * cheap; undefined to go on. Once per request: it counts admissions.
     */
    shed(): EventAnswer | undefined {
      const retryAfter = ingest.shed();
      return retryAfter > 0 ? overloaded(retryAfter) : undefined;
    },
    /** The 415 for a media type other than text/plain or application/json (none is fine). */
    checkType(contentType: string | undefined): EventAnswer | undefined {
      return contentType !== undefined && !acceptedTypes.test(contentType)
        ? unsupportedType
        : undefined;
    },
    /** The body through the pipeline, the result as an answer; unknown errors are thrown. */
    async answer(body: string, userAgent: string | undefined, gpc = false): Promise<EventAnswer> {
      try {
        const result = await ingest(body, userAgent, gpc);
        if (isRejection(result)) {
          return error(rejectionStatus[result.rejected], result.rejected, result.message);
        }
        if ('limited' in result) {
          const message = 'too many events for this site; retry later';
          return error(429, 'rate_limited', message, result.retryAfterSeconds);
        }
        // A pageview covered by an open replay window and sampled: 200 with the module's path.
        if ('replayOffer' in result && result.replayOffer) {
          const headers = { [cors]: '*', 'content-type': 'text/plain; charset=UTF-8' };
          return withBody(200, headers, result.replayOffer);
        }
        return acceptedAnswer;
      } catch (err) {
        if (err instanceof OverloadedError) return overloaded(1);
        if (err instanceof StoreUnavailableError) return storageUnavailable;
        throw err;
      }
    },
  };
}

export type EventAnswers = ReturnType<typeof eventAnswers>;
