// The goal form's rules (site settings): the three kinds of goal as the API takes them, the few
// checks the form can make before asking, and which field a 4xx reason from the API is about
// (the server names it first: `page: page pattern must start with /`).
import type { MessageKey } from '../i18n/t.js';
import type { GoalBody } from '../goals-api.js';

export type GoalFormKind = 'page' | 'event' | 'revenue';
export type GoalField = 'name' | 'page' | 'event' | 'prop' | 'currency';

export interface GoalFormText {
  kind: GoalFormKind;
  name: string;
  page: string;
  event: string;
  /** `key=value`, optional, event goals only. */
  prop: string;
  currency: string;
}

export const emptyGoalForm: GoalFormText = {
  kind: 'page',
  name: '',
  page: '',
  event: '',
  prop: '',
  currency: 'EUR',
};

export type GoalFormResult =
  | { ok: true; body: GoalBody }
  | { ok: false; field: GoalField; error: MessageKey };

/** The API body of a filled form, or the field that is missing or malformed. */
export function goalBodyFromForm(f: GoalFormText): GoalFormResult {
  const name = f.name.trim();
  const named = name ? { name } : {};
  if (f.kind === 'page') {
    const page = f.page.trim();
    if (!page) return { ok: false, field: 'page', error: 'goalsUi.needPage' };
    return { ok: true, body: { ...named, page } };
  }
  const event = f.event.trim();
  if (!event) return { ok: false, field: 'event', error: 'goalsUi.needEvent' };
  if (f.kind === 'revenue') {
    const currency = f.currency.trim().toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency)) {
      return { ok: false, field: 'currency', error: 'goalsUi.needCurrency' };
    }
    return { ok: true, body: { ...named, event, currency } };
  }
  const prop = f.prop.trim();
  if (!prop) return { ok: true, body: { ...named, event } };
  const eq = prop.indexOf('=');
  if (eq <= 0 || eq === prop.length - 1) {
    return { ok: false, field: 'prop', error: 'goalsUi.needProp' };
  }
  return {
    ok: true,
    body: { ...named, event, prop: { key: prop.slice(0, eq).trim(), value: prop.slice(eq + 1).trim() } },
  };
}

const fields: readonly GoalField[] = ['name', 'page', 'event', 'prop', 'currency'];

/** The field an API reason names (`prop.key: …` → prop), or null for a reason about the whole goal. */
export function fieldOfReason(message: string): GoalField | null {
  const head = /^([a-z]+)(?:\.[a-z]+)?:/.exec(message)?.[1];
  return head && (fields as readonly string[]).includes(head) ? (head as GoalField) : null;
}
