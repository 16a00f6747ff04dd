// Typed client of a site's mail routes (docs/API.md, "Mail"): settings, send log, test sends. The
// preview is not fetched: the settings page frames its URL (mailPreviewUrl).
import { call } from './api.js';

export interface MailSettings {
  weekly: boolean;
  monthly: boolean;
  hour: number;
  spikePercent: number;
  quietHours: number;
  cooldownHours: number;
}

export interface MailRecipient {
  address: string;
  locale: string;
  reports: boolean;
  alerts: boolean;
}

export interface MailLogRow {
  kind: string;
  period: string;
  recipient: string;
  status: 'sending' | 'retry' | 'sent' | 'failed';
  attempts: number;
  error: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface MailState {
  configured: boolean;
  timezone: string;
  settings: MailSettings;
  recipients: MailRecipient[];
  log: MailLogRow[];
}

const mail = (domain: string) => `/api/sites/${encodeURIComponent(domain)}/mail`;

export const mailApi = {
  state: (domain: string) => call<MailState>('GET', mail(domain)),
  save: (domain: string, body: MailSettings & { recipients: MailRecipient[] }) =>
    call<{ settings: MailSettings; recipients: MailRecipient[] }>('PUT', mail(domain), body),
  sendTest: (domain: string, body: { to: string; kind: 'weekly' | 'monthly'; lang: string }) =>
    call<{ sent: boolean; period: string }>('POST', `${mail(domain)}/test`, body),
};

export const mailPreviewUrl = (domain: string, kind: 'weekly' | 'monthly', lang: string) =>
  `${mail(domain)}/preview?${new URLSearchParams({ kind, lang })}`;
