// The SMTP transport (nodemailer) from POMELO_SMTP_URL: STARTTLS whenever the server offers it on
// smtp://, implicit TLS on smtps://. Errors leave as a short code ("EAUTH", "SMTP 451"): never the
// URL, its password or the server's full answer, so nothing secret reaches a log or the database.
import nodemailer from 'nodemailer';
import type { Config } from '../config.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  /** Header values (List-Unsubscribe, List-Unsubscribe-Post, Auto-Submitted …). */
  headers: Record<string, string>;
  date: Date;
}

export interface MailTransport {
  /** Hands the message to the SMTP server; resolves once the server accepted it (250). */
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** A failed send, with a reason safe to log and show. */
export class MailSendError extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** The short, secret-free reason of a nodemailer error. */
export function sendErrorReason(err: unknown): string {
  const e = err as { code?: unknown; responseCode?: unknown };
  const code = typeof e?.code === 'string' && /^[A-Z_]{1,32}$/.test(e.code) ? e.code : 'ERROR';
  return typeof e?.responseCode === 'number' ? `${code} ${e.responseCode}` : code;
}

export function createMailTransport(
  config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'mailLeaseSeconds'>,
): MailTransport | undefined {
  if (!config.smtpUrl || !config.mailFrom) return undefined;
  // Every wait shorter than a third of the lease: a send that hangs gives up before another node
  // may take the message over.
  const timeout = Math.max(1_000, Math.floor((config.mailLeaseSeconds * 1_000) / 3));
  const transporter = nodemailer.createTransport(config.smtpUrl, {
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    // smtp:// upgrades with STARTTLS when offered; the test and local servers may not offer it.
    opportunisticTLS: true,
  } as never);
  const from = config.mailFrom;
  return {
    async send(mail) {
      try {
        await transporter.sendMail({
          from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId: mail.messageId,
          date: mail.date,
          headers: mail.headers,
        });
      } catch (err) {
        throw new MailSendError(sendErrorReason(err));
      }
    },
    close: () => transporter.close(),
  };
}

/** The domain of the From address: the right-hand side of every Message-ID we make. */
export function fromDomain(mailFrom: string | undefined): string {
  const m = /@([^\s>]+)>?\s*$/.exec(mailFrom ?? '');
  return m?.[1]?.toLowerCase() ?? 'pomelo.invalid';
}
