// The mail job: plans what is due (the latest report period of each kind, the alerts of the last
// hour), and sends each message exactly once across nodes and restarts:
//   1. claim: one transaction inserts the send-log row (site, kind, period, recipient) as 'sending',
//      leased to this node — or takes over a row whose lease ran out or whose retry time came;
//      a node that did not claim a row never sends it;
//   2. send over SMTP (same content and Message-ID on every attempt);
//   3. mark it 'sent' — or 'retry' with backoff, or 'failed' (given up, logged, shown) after
//      `maxAttempts`.
// The one window SMTP leaves open: the server accepted the message (250) and this node died before
// step 3 committed. The lease then hands the message to another attempt, which sends it again with
// the same Message-ID. That window is one local database write long (docs/DEPLOY.md, "Mail").
import crypto from 'node:crypto';
import type { Logger } from '../log.js';
import type { MailKey, MailRecipient, MailSettings } from '../store/mail-store.js';
import type { SiteRecord, Store } from '../store/types.js';
import type { Job } from '../jobs/runner.js';
import { findSpike, findStopped } from './alerts.js';
import { defaultMailSettings } from '../store/mail-store.js';
import { isReplayAlertKind, replayAlerts, replayAudience } from './replay-alerts.js';
import { composeFor, hourTraffic, isAlertKind, messageIdOf, type ComposeDeps } from './compose.js';
import { dueAt, periodsDue, type ReportKind } from './periods.js';
import { mailLocale } from './text.js';
import type { MailTransport } from './transport.js';
import { MailSendError } from './transport.js';

export interface MailerOptions {
  store: Store;
  log: Logger;
  transport: MailTransport | undefined;
  compose: () => ComposeDeps;
  leaseMs: number;
  /** This node's name in the send log's lease (random per process). */
  owner?: string;
  /** Attempts before a message is given up (default 5). */
  maxAttempts?: number;
  /** Wait before attempt n+1 after n failed (default: 1 min × 4^(n−1), at most 6 h). */
  backoffMs?: (attempts: number) => number;
}

export type SendOutcome = 'sent' | 'retry' | 'failed' | 'skipped';

const defaultBackoff = (n: number) => Math.min(60_000 * 4 ** (n - 1), 6 * 3_600_000);

export class Mailer {
  readonly owner: string;
  private readonly maxAttempts: number;
  private readonly backoff: (attempts: number) => number;

  constructor(private readonly o: MailerOptions) {
    this.owner = o.owner ?? crypto.randomUUID();
    this.maxAttempts = o.maxAttempts ?? 5;
    this.backoff = o.backoffMs ?? defaultBackoff;
  }

  get configured(): boolean {
    return this.o.transport !== undefined;
  }

  /** Claims, sends and records one message; the outcome of this node's part. */
  async deliver(
    site: SiteRecord,
    key: MailKey,
    locale: string,
    settings: MailSettings,
    nowMs: number,
  ): Promise<SendOutcome> {
    const transport = this.o.transport;
    if (!transport) return 'skipped';
    const deps = this.o.compose();
    const cooldownSince = isAlertKind(key.kind)
      ? new Date(nowMs - settings.cooldownHours * 3_600_000).toISOString()
      : undefined;
    const claim = await this.o.store.mail.claim(key, {
      owner: this.owner,
      nowMs,
      leaseMs: this.o.leaseMs,
      messageId: messageIdOf(key, deps.domain),
      cooldownSince,
    });
    if (!claim.claimed) return 'skipped';
    const fields = { site: key.siteId, kind: key.kind, period: key.period };
    try {
      const mail = await composeFor(deps, site, key, mailLocale(locale), nowMs, settings);
      if (!mail) throw new MailSendError('NOTHING_TO_SEND');
      await transport.send({ to: key.recipient, date: new Date(nowMs), ...mail });
    } catch (err) {
      const reason = err instanceof MailSendError ? err.reason : 'ERROR';
      const giveUp = claim.attempts >= this.maxAttempts || reason === 'NOTHING_TO_SEND';
      const retryAt = giveUp ? null : nowMs + this.backoff(claim.attempts);
      await this.o.store.mail.markFailed(key, this.owner, reason, retryAt);
      if (giveUp) {
        this.o.log.error('mail gave up', { ...fields, attempts: claim.attempts, reason });
        return 'failed';
      }
      this.o.log.warn('mail send failed, will retry', {
        ...fields,
        attempts: claim.attempts,
        reason,
      });
      return 'retry';
    }
    await this.o.store.mail.markSent(key, this.owner, new Date(nowMs).toISOString());
    this.o.log.info('mail sent', fields);
    return 'sent';
  }

  /**
   * One pass: due reports, alerts, then retries and messages whose holder died. Resolves to the
   * outcome of each message this node claimed (not those another node holds, or cooling down).
   */
  async run(nowMs: number): Promise<SendOutcome[]> {
    return (await this.pass(nowMs)).filter((o) => o !== 'skipped');
  }

  private async pass(nowMs: number): Promise<SendOutcome[]> {
    if (!this.o.transport) return [];
    const out: SendOutcome[] = [];
    const sites = new Map((await this.o.store.listSites()).map((s) => [s.id, s]));
    const mailSites = await this.o.store.mail.mailSites();
    for (const { siteId, settings, recipients } of mailSites) {
      const site = sites.get(siteId);
      if (!site) continue;
      out.push(...(await this.reports(site, settings, recipients, nowMs)));
      out.push(...(await this.alerts(site, settings, recipients, nowMs)));
    }
    out.push(...(await this.replayNotices(sites, nowMs)));
    const settingsOf = new Map(mailSites.map((m) => [m.siteId, m]));
    for (const row of await this.o.store.mail.dueAgain(nowMs, 100)) {
      const site = sites.get(row.siteId);
      if (site && isReplayAlertKind(row.kind)) {
        const user = await this.o.store.accounts.userByEmail(row.recipient);
        if (user) {
          out.push(await this.deliver(site, row, user.locale ?? 'en', defaultMailSettings, nowMs));
          continue;
        }
      }
      const m = settingsOf.get(row.siteId);
      const recipient = m?.recipients.find((r) => r.address === row.recipient);
      if (!site || !m || !recipient) {
        // Site or recipient gone: nothing may be sent; the row is given up so it stops coming back.
        const claim = await this.o.store.mail.claim(row, {
          owner: this.owner,
          nowMs,
          leaseMs: this.o.leaseMs,
          messageId: row.messageId,
        });
        if (claim.claimed)
          await this.o.store.mail.markFailed(row, this.owner, 'NO_RECIPIENT', null);
        continue;
      }
      out.push(await this.deliver(site, row, recipient.locale, m.settings, nowMs));
    }
    return out;
  }

  /** Replay windows open or paused: notices to their owner and named viewers (replay-alerts.ts). */
  private async replayNotices(
    sites: Map<number, SiteRecord>,
    nowMs: number,
  ): Promise<SendOutcome[]> {
    const out: SendOutcome[] = [];
    const windows = await this.o.store.replay.windows({ states: ['open', 'paused'] });
    for (const w of windows) {
      const site = sites.get(Number(w.siteId));
      if (!site) continue;
      const alerts = replayAlerts(w, await this.o.store.replay.unreviewedCount(w.id), nowMs);
      if (alerts.length === 0) continue;
      for (const userId of replayAudience(w)) {
        const user = await this.o.store.accounts.userById(userId);
        if (!user) continue;
        for (const a of alerts) {
          const key = { siteId: site.id, kind: a.kind, period: a.period, recipient: user.email };
          if (await this.o.store.mail.statusOf(key)) continue;
          out.push(await this.deliver(site, key, user.locale ?? 'en', defaultMailSettings, nowMs));
        }
      }
    }
    return out;
  }

  private async reports(
    site: SiteRecord,
    settings: MailSettings,
    recipients: MailRecipient[],
    nowMs: number,
  ): Promise<SendOutcome[]> {
    const out: SendOutcome[] = [];
    const kinds: ReportKind[] = [
      ...(settings.weekly ? (['weekly'] as const) : []),
      ...(settings.monthly ? (['monthly'] as const) : []),
    ];
    for (const kind of kinds) {
      for (const r of recipients) {
        if (!r.reports) continue;
        const last = await this.o.store.mail.lastPeriodOf(site.id, kind, r.address);
        for (const period of periodsDue(kind, site.timezone, settings.hour, nowMs, last)) {
          // A recipient added after a report was due waits for the next one.
          if (Date.parse(r.createdAt) > dueAt(period, site.timezone, settings.hour)) continue;
          const key = { siteId: site.id, kind, period: period.key, recipient: r.address };
          if (await this.o.store.mail.statusOf(key)) continue;
          out.push(await this.deliver(site, key, r.locale, settings, nowMs));
        }
      }
    }
    return out;
  }

  private async alerts(
    site: SiteRecord,
    settings: MailSettings,
    recipients: MailRecipient[],
    nowMs: number,
  ): Promise<SendOutcome[]> {
    const listeners = recipients.filter((r) => r.alerts);
    if (listeners.length === 0 || (settings.spikePercent <= 0 && settings.quietHours <= 0)) {
      return [];
    }
    const rows = await hourTraffic(this.o.store, site.id, nowMs, settings.quietHours);
    const found: { kind: string; period: string }[] = [];
    const spike = findSpike(rows, nowMs, settings.spikePercent);
    if (spike) found.push({ kind: 'spike', period: spike.hour });
    const stopped = findStopped(rows, nowMs, settings.quietHours);
    if (stopped) found.push({ kind: 'stopped', period: stopped.lastHour });
    const out: SendOutcome[] = [];
    for (const f of found) {
      for (const r of listeners) {
        const key = { siteId: site.id, kind: f.kind, period: f.period, recipient: r.address };
        if (await this.o.store.mail.statusOf(key)) continue;
        out.push(await this.deliver(site, key, r.locale, settings, nowMs));
      }
    }
    return out;
  }
}

export function mailJob(mailer: Mailer, everyMs: number): Job {
  return {
    name: 'mail',
    everyMs,
    async run(nowMs) {
      await mailer.run(nowMs);
    },
  };
}
