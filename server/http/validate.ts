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
) {
  return sValidator(target, schema, (result, c) => {
    if (!result.success) {
      const issue = result.error[0];
      const where =
        issue?.path?.map((p) => (typeof p === 'object' ? String(p.key) : String(p))).join('.') ||
        target;
      return jsonError(c, 400, 'bad_request', `invalid ${where}`);
    }
  });
}
