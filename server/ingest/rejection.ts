// Typed reasons for refusing an event; each becomes a 4xx with `{error: {code, message}}`.

export type RejectionReason =
  | 'body_too_large'
  | 'unsupported_media_type'
  | 'invalid_json'
  | 'not_an_object'
  | 'bad_name'
  | 'bad_url'
  | 'bad_domain'
  | 'bad_referrer'
  | 'bad_width'
  | 'bad_timezone'
  | 'bad_navigation'
  | 'bad_hash'
  | 'bad_previous_path'
  | 'bad_props'
  | 'bad_engagement'
  | 'bad_revenue'
  | 'unknown_site'
  | 'domain_mismatch';

export interface Rejection {
  rejected: RejectionReason;
  message: string;
}

// A class, not a plain object: a JSON body that itself holds a "rejected" key must never pass for
// a rejection (it would answer with the sender's own code and message).
class RejectionValue implements Rejection {
  constructor(
    readonly rejected: RejectionReason,
    readonly message: string,
  ) {}
}

export const reject = (rejected: RejectionReason, message: string): Rejection =>
  new RejectionValue(rejected, message);

export function isRejection(x: unknown): x is Rejection {
  return x instanceof RejectionValue;
}

export const rejectionStatus: Record<RejectionReason, 400 | 404 | 413 | 415> = {
  body_too_large: 413,
  unsupported_media_type: 415,
  invalid_json: 400,
  not_an_object: 400,
  bad_name: 400,
  bad_url: 400,
  bad_domain: 400,
  bad_referrer: 400,
  bad_width: 400,
  bad_timezone: 400,
  bad_navigation: 400,
  bad_hash: 400,
  bad_previous_path: 400,
  bad_props: 400,
  bad_engagement: 400,
  bad_revenue: 400,
  unknown_site: 404,
  domain_mismatch: 400,
};
