// Errors shown in the UI, in the reader's language. The API's stable error codes say what went
// wrong; where a code means one thing only (rate limited, overloaded…) the catalog words it. Codes
// that cover many cases (bad_request, conflict, not_found…) carry the server's own sentence, which
// names the field or the rule: that sentence is shown as sent until the server gives each case a
// code of its own.
import { ApiFailure } from '../api.js';
import { t, type MessageKey } from './t.js';

const byCode: Record<string, MessageKey> = {
  rate_limited: 'apiError.rateLimited',
  overloaded: 'apiError.overloaded',
  storage_unavailable: 'apiError.storageUnavailable',
  internal: 'apiError.internal',
  body_too_large: 'apiError.bodyTooLarge',
  second_factor_required: 'apiError.secondFactorRequired',
  api_key_expired: 'apiError.apiKeyExpired',
};

/** What to tell the reader about a failed action or load. */
export function errorText(err: unknown): string {
  if (err instanceof ApiFailure) {
    const key = byCode[err.code];
    if (key) return t(key);
    // No JSON body: the status alone (a proxy's error page, for instance).
    if (err.code === 'error' && err.message === `HTTP ${err.status}`) {
      return t('apiError.http', { status: err.status });
    }
    return err.message;
  }
  // fetch() itself failed: the server could not be reached.
  if (err instanceof TypeError && /fetch|network/i.test(err.message)) return t('apiError.network');
  return err instanceof Error ? err.message : String(err);
}
