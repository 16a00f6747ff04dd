// The one schema of a site's mail settings (API body): schedule, alert thresholds, recipients.
import * as v from 'valibot';
import { emailAddress } from '../accounts/user-input.js';
import { locales } from '../i18n/locale.js';
import type { MailRecipient, MailSettings } from '../store/mail-store.js';

/** Recipients per site at most. */
export const maxRecipients = 50;

const recipient = v.strictObject({
  address: emailAddress,
  locale: v.optional(v.picklist(locales, `one of ${locales.join(', ')}`), 'en'),
  reports: v.optional(v.boolean(), true),
  alerts: v.optional(v.boolean(), true),
});

const int = (min: number, max: number) =>
  v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));

export const mailInput = v.strictObject({
  weekly: v.boolean(),
  monthly: v.boolean(),
  hour: int(0, 23),
  /** 0 (off) or 150 % to 10,000 %. */
  spikePercent: v.pipe(
    int(0, 10_000),
    v.check((n) => n === 0 || n >= 150, 'spikePercent: 0 (off) or at least 150'),
  ),
  /** 0 (off) or 2 to 168 hours. */
  quietHours: v.pipe(
    int(0, 168),
    v.check((n) => n === 0 || n >= 2, 'quietHours: 0 (off) or at least 2'),
  ),
  cooldownHours: int(1, 720),
  recipients: v.pipe(
    v.array(recipient),
    v.maxLength(maxRecipients, `at most ${maxRecipients} recipients`),
    v.check(
      (list) => new Set(list.map((r) => r.address)).size === list.length,
      'recipients: an address is listed twice',
    ),
  ),
});

export type MailInput = v.InferOutput<typeof mailInput>;

export type ParsedMail =
  | { ok: true; settings: MailSettings; recipients: Omit<MailRecipient, 'createdAt'>[] }
  | { ok: false; message: string };

/** The body, checked: the first problem names its field and never repeats the value. */
export function parseMailInput(body: unknown): ParsedMail {
  const r = v.safeParse(mailInput, body);
  if (!r.success) {
    const issue = r.issues[0]!;
    const path = issue.path?.map((p) => String(p.key)).join('.') ?? '';
    // Our own messages start with their field ("quietHours: …"); valibot's need the path.
    if (/^[a-z][\w.]*: /.test(issue.message)) return { ok: false, message: issue.message };
    return { ok: false, message: `${path || 'body'}: ${issue.message}` };
  }
  const { recipients, ...settings } = r.output;
  return { ok: true, settings, recipients };
}
