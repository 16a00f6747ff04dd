// User fields as people send them (API and CLI): one schema each, shared by every entry point.
import * as v from 'valibot';
import { roles } from '../store/accounts.js';

export const emailAddress = v.pipe(
  v.string(),
  v.trim(),
  v.toLowerCase(),
  v.email('an e-mail address'),
  v.maxLength(254),
);
export const memberRole = v.picklist(roles, `one of ${roles.join(', ')}`);
export const orgName = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(100));
export const newPassword = v.pipe(v.string(), v.maxLength(1024));
