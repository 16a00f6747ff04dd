// Goal definitions and revenue amounts as people send them (HTTP API, CLI, tracker). Pure: one
// valibot schema for the API and the CLI, and the exact parsing of money (docs/METRICS.md, "Goals").
import * as v from 'valibot';
import { validateGlob } from '../classify/glob.js';

export type GoalKind = 'page' | 'event' | 'revenue';

/** A goal as stored (server/store/goals-store.ts) and shown by the API. */
export interface GoalDefinition {
  name: string;
  kind: GoalKind;
  /** page goals: a path pattern (`*` within a segment, `**` across), as excluded paths. */
  pagePattern: string | null;
  /** event and revenue goals: the custom event's name. */
  eventName: string | null;
  /** event goals: one property that must hold one value. */
  propKey: string | null;
  propValue: string | null;
  /** revenue goals: the ISO 4217 code whose sums the goal reports. */
  currency: string | null;
}

/** Goals per site at most: reports compute every goal of a site at once. */
export const maxGoalsPerSite = 100;

/** Digits kept after the decimal point: amounts are stored in thousandths of the currency unit. */
export const revenueScale = 3;
const scaleFactor = 10 ** revenueScale;
/** Largest amount of one event, in currency units. */
export const maxRevenueAmount = 1_000_000_000;

/** Every ISO 4217 code the runtime knows (Intl, ~160 codes): XXX and made-up codes are refused. */
const currencies = new Set(Intl.supportedValuesOf('currency'));

export function isCurrency(code: unknown): code is string {
  return typeof code === 'string' && /^[A-Z]{3}$/.test(code) && currencies.has(code);
}

// C0/C1 controls, DEL, line/paragraph separators, bidi overrides: never in a name a report shows.
const unprintable = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const printable = (max: number, what: string) =>
  v.pipe(
    v.string(`${what} must be text`),
    v.trim(),
    v.minLength(1, `${what} must not be empty`),
    v.maxLength(max, `${what} must be at most ${max} characters`),
    v.check((s) => !unprintable.test(s), `${what} must not hold control characters`),
    // A lone surrogate cannot be stored as UTF-8: the database would keep other bytes than the
    // name sent, and the goal could not be found by its name again (found by `npm run fuzz`).
    v.check((s) => !loneSurrogate.test(s), `${what} must be valid Unicode (a lone surrogate)`),
  );
const loneSurrogate = /\p{Cs}/u;

const goalName = printable(120, 'name');
const eventName = printable(120, 'event');
const pagePattern = v.pipe(
  v.string('page must be a path pattern'),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const reason = validateGlob(dataset.value);
    if (reason) addIssue({ message: `page pattern ${reason}` });
  }),
);
const prop = v.strictObject(
  { key: printable(60, 'prop key'), value: printable(300, 'prop value') },
  'prop must be {key, value}',
);
const currency = v.pipe(
  v.string('currency must be an ISO 4217 code'),
  v.check(
    (c: string) => isCurrency(c),
    'currency must be an ISO 4217 code in capitals, such as EUR or USD',
  ),
);

/** The body of POST /api/sites/:siteId/goals; the CLI builds the same object from its options. */
export const goalBody = v.pipe(
  v.strictObject(
    {
      name: v.optional(goalName),
      page: v.optional(pagePattern),
      event: v.optional(eventName),
      prop: v.optional(prop),
      currency: v.optional(currency),
    },
    'a goal is {name?, page} or {name?, event, prop?, currency?}',
  ),
  v.check(
    (g) => (g.page === undefined) !== (g.event === undefined),
    'a goal needs exactly one of page (a path pattern) or event (an event name)',
  ),
  v.check(
    (g) => g.page === undefined || (g.prop === undefined && g.currency === undefined),
    'prop and currency belong to event goals, not page goals',
  ),
  v.check(
    (g) => g.prop === undefined || g.currency === undefined,
    'a revenue goal (currency) counts every event of its name: it takes no prop',
  ),
);
export type GoalBody = v.InferOutput<typeof goalBody>;

/** A valid body → the stored definition (default names as Plausible shows them). */
export function toGoalDefinition(body: GoalBody): GoalDefinition {
  if (body.page !== undefined) {
    return {
      name: body.name ?? `Visit ${body.page}`,
      kind: 'page',
      pagePattern: body.page,
      eventName: null,
      propKey: null,
      propValue: null,
      currency: null,
    };
  }
  const event = body.event!;
  return {
    name: body.name ?? (body.prop ? `${event} (${body.prop.key}=${body.prop.value})` : event),
    kind: body.currency ? 'revenue' : 'event',
    pagePattern: null,
    eventName: event,
    propKey: body.prop?.key ?? null,
    propValue: body.prop?.value ?? null,
    currency: body.currency ?? null,
  };
}

/** Parses a goal as sent; the message names the field (safe to show: goals hold no secrets). */
export function parseGoal(
  raw: unknown,
): { ok: true; goal: GoalDefinition } | { ok: false; message: string } {
  const parsed = v.safeParse(goalBody, raw);
  if (parsed.success) return { ok: true, goal: toGoalDefinition(parsed.output) };
  const issue = parsed.issues[0]!;
  const key = issue.path?.map((p) => String(p.key)).join('.');
  return { ok: false, message: key ? `${key}: ${issue.message}` : issue.message };
}

/**
 * A name as the URL carries it (DELETE …/goals/:name), checked like a new one but as long as a
 * default name can be: `event (key=value)` is up to 120 + 60 + 300 + 4 characters (a goal named so
 * could not be removed while this allowed only 120; found by `npm run fuzz`).
 */
const storedName = printable(484, 'name');
export function parseGoalName(raw: unknown): string | null {
  const parsed = v.safeParse(storedName, raw);
  return parsed.success ? parsed.output : null;
}

export interface Revenue {
  currency: string;
  /** Thousandths of the currency unit (revenueScale): an exact integer. */
  amount: number;
}

const amountText = /^(\d{1,10})(?:\.(\d{1,3}))?$/;

/**
 * An event's revenue, `{currency, amount}` (Plausible's `$` from its tracker and `revenue` from its
 * Events API; Pomelo's tracker sends `$` too). The amount is a number or a decimal string, from 0 to
 * 1,000,000,000 with at most 3 decimals; it is read from its decimal text, never through floating
 * point arithmetic, so 19.99 is stored as exactly 19990 thousandths. A sentence on refusal.
 */
export function parseRevenue(raw: unknown): Revenue | string {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return 'revenue must be {"currency": "EUR", "amount": 19.99}';
  }
  const { currency: code, amount } = raw as Record<string, unknown>;
  const upper = typeof code === 'string' ? code.trim().toUpperCase() : code;
  if (!isCurrency(upper)) return 'revenue currency must be an ISO 4217 code such as EUR or USD';
  let text: string;
  if (typeof amount === 'number') {
    if (!Number.isFinite(amount)) return 'revenue amount must be a finite number';
    // Shortest round-trip text: 19.99 → "19.99"; 1e21 and 1e-7 keep their exponent and are refused.
    text = String(amount);
  } else if (typeof amount === 'string') text = amount.trim();
  else return 'revenue amount must be a number or a decimal string';
  if (text.startsWith('-')) return 'revenue amount must not be negative';
  const m = amountText.exec(text);
  if (!m) {
    return `revenue amount must be a decimal number with at most ${revenueScale} decimals (such as 19.99)`;
  }
  const units = Number(m[1]);
  if (units > maxRevenueAmount || (units === maxRevenueAmount && Number(m[2] ?? 0) > 0)) {
    return `revenue amount must be at most ${maxRevenueAmount}`;
  }
  const fraction = Number((m[2] ?? '').padEnd(revenueScale, '0'));
  return { currency: upper, amount: units * scaleFactor + fraction };
}

/** Thousandths → a JSON number (exact below 2^53 thousandths: its shortest decimal form). */
export const revenueValue = (amount: number): number => amount / scaleFactor;

/** Thousandths → exact decimal text with 2 or 3 decimals ("19.99", "0.125"), for CSV. */
export function revenueText(amount: number): string {
  const sign = amount < 0 ? '-' : '';
  const a = Math.abs(Math.round(amount));
  const units = Math.floor(a / scaleFactor);
  let frac = String(a % scaleFactor).padStart(revenueScale, '0');
  if (frac.endsWith('0')) frac = frac.slice(0, -1);
  return `${sign}${units}.${frac}`;
}
