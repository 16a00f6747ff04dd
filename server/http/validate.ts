// Request validation with valibot through @hono/standard-validator; failures become our 400 JSON.
import { sValidator } from '@hono/standard-validator';
import type { ValidationTargets } from 'hono';
import { jsonError } from './errors.js';

type Schema = Parameters<typeof sValidator>[1];

/**
 * Validates one part of the request. The 400 names the offending field but never repeats the
 * value or the library's message (which can quote it: a password must not echo back).
 */
export function valid<S extends Schema, Target extends keyof ValidationTargets>(
  target: Target,
  schema: S,
  options: { reasonsFor?: readonly string[] } = {},
) {
  return sValidator(target, schema, (result, c) => {
    if (!result.success) {
      const issue = result.error[0];
      const where =
        issue?.path?.map((p) => (typeof p === 'object' ? String(p.key) : String(p))).join('.') ||
        target;
      // Fields whose schema words its own rules (site-input.ts, the CLI's words) say why; a
      // library message ("Invalid type: … received …") can quote the value and is never sent.
      const own = issue && !/^Invalid /.test(issue.message) ? issue.message : null;
      if (own && options.reasonsFor?.includes(where)) {
        return jsonError(c, 400, 'bad_request', `${where}: ${own}`);
      }
      return jsonError(c, 400, 'bad_request', `invalid ${where}`);
    }
  });
}
