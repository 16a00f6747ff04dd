// The one logical description of every table; sqlite.ts and pg.ts must match it (parity.test.ts).
// Column kinds: 'id' (auto-increment key), 'int', 'bigint', 'text', 'blob' (bytes: SQLite BLOB,
// PostgreSQL bytea). Names are DESIGN.md's.

export type ColumnKind = 'id' | 'int' | 'bigint' | 'text' | 'blob';

export interface LogicalColumn {
  kind: ColumnKind;
  notNull: boolean;
}

export interface LogicalTable {
  columns: Record<string, LogicalColumn>;
  primaryKey: string[];
  unique?: string[][];
}

const req = (kind: ColumnKind): LogicalColumn => ({ kind, notNull: true });
const opt = (kind: ColumnKind): LogicalColumn => ({ kind, notNull: false });

/** Counter columns shared by daily and hourly counters. */
export const counterColumns = {
  pageviews: req('int'),
  visits: req('int'),
  bounces: req('int'),
  exits: req('int'),
  engaged_ms: req('bigint'),
  engagements: req('int'),
  scroll_sum: req('int'),
  events: req('int'),
} as const;

export const logicalModel: Record<string, LogicalTable> = {
  sites: {
    columns: {
      id: req('id'),
      domain: req('text'),
      name: req('text'),
      timezone: req('text'),
      settings: req('text'),
      created_at: req('text'),
      org_id: opt('int'),
    },
    primaryKey: ['id'],
    unique: [['domain']],
  },
  daily_counters: {
    columns: {
      site_id: req('int'),
      day: req('text'),
      dimension: req('text'),
      value: req('text'),
      ...counterColumns,
    },
    primaryKey: ['site_id', 'day', 'dimension', 'value'],
  },
  hourly_counters: {
    columns: {
      site_id: req('int'),
      hour: req('text'),
      ...counterColumns,
    },
    primaryKey: ['site_id', 'hour'],
  },
  // Counter writes committed but not yet merged into the counters (SQLite: one row per group commit,
  // its rows as JSON; server/store/counter-journal.ts). Unused on PostgreSQL.
  counter_journal: {
    columns: {
      id: req('id'),
      writer: req('text'),
      write: req('text'),
    },
    primaryKey: ['id'],
  },
  // Realtime and the install check's recent outcomes on PostgreSQL (server/reports/minutes.ts):
  // counts per site and minute, kept 31 minutes. Unused on SQLite (single process, in memory).
  minute_counters: {
    columns: {
      site_id: req('int'),
      /** Minutes since the Unix epoch (UTC). */
      minute: req('int'),
      /** 'visits' | 'pageviews' | 'page' | 'outcome' */
      kind: req('text'),
      /** The path for 'page', the outcome for 'outcome', '' otherwise. */
      value: req('text'),
      count: req('int'),
    },
    primaryKey: ['site_id', 'minute', 'kind', 'value'],
  },
  orgs: {
    columns: {
      id: req('id'),
      name: req('text'),
      created_at: req('text'),
      require_second_factor: req('int'),
    },
    primaryKey: ['id'],
    unique: [['name']],
  },
  users: {
    columns: {
      id: req('id'),
      email: req('text'),
      password_hash: req('text'),
      failed_logins: req('int'),
      locked_until: opt('text'),
      created_at: req('text'),
      /** 1: may create organisations under POMELO_ORG_CREATION=admins (issue 11). */
      instance_admin: req('int'),
      /** The dashboard's language chosen by the user; null: the browser's (issue 16). */
      locale: opt('text'),
    },
    primaryKey: ['id'],
    unique: [['email']],
  },
  memberships: {
    columns: {
      org_id: req('int'),
      user_id: req('int'),
      role: req('text'),
      created_at: req('text'),
    },
    primaryKey: ['org_id', 'user_id'],
  },
  sessions: {
    columns: {
      id_hash: req('text'),
      user_id: req('int'),
      created_at: req('text'),
      last_seen_at: req('text'),
      expires_at: req('text'),
    },
    primaryKey: ['id_hash'],
  },
  invitations: {
    columns: {
      id: req('text'),
      org_id: req('int'),
      token_hash: req('text'),
      role: req('text'),
      email: opt('text'),
      created_by: req('int'),
      created_at: req('text'),
      expires_at: req('text'),
      accepted_at: opt('text'),
    },
    primaryKey: ['id'],
    unique: [['token_hash']],
  },
  api_keys: {
    columns: {
      id: req('text'),
      user_id: req('int'),
      name: req('text'),
      prefix: req('text'),
      key_hash: req('text'),
      site_ids: req('text'),
      created_at: req('text'),
      last_used_at: opt('text'),
      revoked_at: opt('text'),
      expires_at: opt('text'),
      /** Small-count protection: breakdown rows counted fewer than k times are hidden (null: off). */
      k: opt('int'),
      plausible_compat: req('int'),
    },
    primaryKey: ['id'],
    unique: [['key_hash']],
  },
  goals: {
    columns: {
      id: req('id'),
      site_id: req('int'),
      name: req('text'),
      kind: req('text'),
      page_pattern: opt('text'),
      event_name: opt('text'),
      prop_key: opt('text'),
      prop_value: opt('text'),
      currency: opt('text'),
      created_at: req('text'),
    },
    primaryKey: ['id'],
    unique: [['site_id', 'name']],
  },
  revenue_counters: {
    columns: {
      site_id: req('int'),
      day: req('text'),
      event: req('text'),
      currency: req('text'),
      amount: req('bigint'),
      conversions: req('int'),
    },
    primaryKey: ['site_id', 'day', 'event', 'currency'],
  },
  // Mail (issue 14; server/mail/): per-site schedule and alert settings, recipients, the send log.
  mail_settings: {
    columns: {
      site_id: req('int'),
      /** 1: a weekly report (Mondays), a monthly one (the 1st), at `hour` in the site's timezone. */
      weekly: req('int'),
      monthly: req('int'),
      hour: req('int'),
      /** Traffic spike: an hour at least this many percent of its usual (0: off). */
      spike_percent: req('int'),
      /** Tracking stopped: no event for this many hours on a site that has them (0: off). */
      quiet_hours: req('int'),
      /** Hours between two alerts of one kind for a site. */
      cooldown_hours: req('int'),
      updated_at: req('text'),
    },
    primaryKey: ['site_id'],
  },
  mail_recipients: {
    columns: {
      site_id: req('int'),
      address: req('text'),
      locale: req('text'),
      /** 1: receives the scheduled reports; 0 once unsubscribed from them. */
      reports: req('int'),
      alerts: req('int'),
      created_at: req('text'),
    },
    primaryKey: ['site_id', 'address'],
  },
  /** One row per message: claimed in the same transaction that decides to send it (exactly once). */
  mail_log: {
    columns: {
      site_id: req('int'),
      kind: req('text'),
      period: req('text'),
      recipient: req('text'),
      /** 'sending' | 'retry' | 'sent' | 'failed' */
      status: req('text'),
      attempts: req('int'),
      /** Epoch ms: a 'sending' row belongs to its node until then; a 'retry' row waits until then. */
      lease_until: req('bigint'),
      lease_owner: opt('text'),
      message_id: req('text'),
      error: opt('text'),
      created_at: req('text'),
      sent_at: opt('text'),
    },
    primaryKey: ['site_id', 'kind', 'period', 'recipient'],
  },
  shared_links: {
    columns: {
      site_id: req('int'),
      id: req('text'),
      token_hash: req('text'),
      password_hash: opt('text'),
      label: req('text'),
      created_by: req('int'),
      created_at: req('text'),
      expires_at: opt('text'),
      revoked_at: opt('text'),
      /** Small-count protection, as on api_keys. */
      k: opt('int'),
      /** Branding (issue 19): an https: or data:image/ logo, an accent colour #rrggbb. */
      logo_url: opt('text'),
      accent: opt('text'),
      /** Origins that may frame the link's pages (CSP frame-ancestors), space-separated. */
      frame_ancestors: opt('text'),
    },
    primaryKey: ['site_id', 'id'],
    unique: [['site_id', 'token_hash']],
  },
  // Second factor (docs/SECURITY.md "Second factor"; server/accounts/second-factor.ts).
  /** The TOTP secret is sealed with the install's second-factor key (never stored in clear). */
  user_totp: {
    columns: {
      user_id: req('int'),
      secret: req('text'),
      created_at: req('text'),
      confirmed_at: opt('text'),
      last_used_step: opt('bigint'),
    },
    primaryKey: ['user_id'],
  },
  recovery_codes: {
    columns: {
      user_id: req('int'),
      code_hash: req('text'),
      created_at: req('text'),
      used_at: opt('text'),
    },
    primaryKey: ['user_id', 'code_hash'],
  },
  passkeys: {
    columns: {
      id: req('text'),
      user_id: req('int'),
      name: req('text'),
      public_key: req('text'),
      counter: req('bigint'),
      transports: req('text'),
      created_at: req('text'),
      last_used_at: opt('text'),
    },
    primaryKey: ['id'],
  },
  /** Between a correct password and the second factor: only a SHA-256 of the token. */
  pending_logins: {
    columns: {
      id_hash: req('text'),
      user_id: req('int'),
      created_at: req('text'),
      expires_at: req('text'),
    },
    primaryKey: ['id_hash'],
  },
  /** One outstanding WebAuthn challenge per subject (a user registering, a pending login). */
  webauthn_challenges: {
    columns: { subject: req('text'), challenge: req('text'), expires_at: req('text') },
    primaryKey: ['subject'],
  },
  /** Dated notes on a site's chart; site_id null: every site of the org (server/store/annotations.ts). */
  annotations: {
    columns: {
      id: req('id'),
      org_id: req('int'),
      site_id: opt('int'),
      day: req('text'),
      text: req('text'),
      created_by: req('int'),
      created_at: req('text'),
    },
    primaryKey: ['id'],
  },
  audit_log: {
    columns: {
      id: req('id'),
      at: req('text'),
      org_id: opt('int'),
      actor: req('text'),
      action: req('text'),
      target: req('text'),
      details: req('text'),
      prev_hash: req('text'),
      hash: req('text'),
    },
    primaryKey: ['id'],
  },
  // Replay research window (DESIGN.md "Replay research window"; server/replay/). Times are epoch ms.
  replay_windows: {
    columns: {
      id: req('text'),
      site_id: req('int'),
      purpose: req('text'),
      purpose_text: opt('text'),
      ticket_url: opt('text'),
      owner_id: req('int'),
      created_at: req('bigint'),
      starts_at: req('bigint'),
      ends_at: req('bigint'),
      sample_ppm: req('int'),
      max_sessions: req('int'),
      max_minutes: req('int'),
      max_pages: req('int'),
      include_rules: req('text'),
      exclude_rules: req('text'),
      unmask_selectors: req('text'),
      viewer_ids: req('text'),
      retention_days: req('int'),
      canary: opt('text'),
      state: req('text'),
      last_change: req('text'),
      closed_at: opt('bigint'),
      purged_at: opt('bigint'),
      sessions_started: req('int'),
      flagged_chunks: req('int'),
      /** JSON: downloads allowed, on-page notice hidden (with its reason) — server/replay/safeguards.ts. */
      safeguards: req('text'),
      stored_bytes: req('bigint'),
    },
    primaryKey: ['id'],
  },
  /** Who played which recording (only a player may mark it reviewed, issue 12 §8). */
  replay_plays: {
    columns: {
      recording_id: req('text'),
      user_id: req('int'),
      window_id: req('text'),
      played_at: req('bigint'),
    },
    primaryKey: ['recording_id', 'user_id'],
  },
  /** Kill-switch latches (issue 12 §10): `install` or `site:<id>`; no window opens while one is set. */
  replay_latches: {
    columns: {
      scope: req('text'),
      latched_at: req('bigint'),
      latched_by: req('text'),
      detail: req('text'),
    },
    primaryKey: ['scope'],
  },
  /** Apart from the chunks so that destroying a window's key is one row delete. */
  replay_window_keys: {
    columns: { window_id: req('text'), key_bytes: req('blob'), created_at: req('bigint') },
    primaryKey: ['window_id'],
  },
  /** Install secrets shared by every node (the HMAC key of pageview offers). */
  replay_secrets: {
    columns: { name: req('text'), secret: req('blob'), created_at: req('bigint') },
    primaryKey: ['name'],
  },
  /** Offers already used to start a recording (single use), kept until they expire. */
  replay_offer_nonces: {
    columns: { nonce: req('text'), window_id: req('text'), expires_at: req('bigint') },
    primaryKey: ['nonce'],
  },
  replay_recordings: {
    columns: {
      id: req('text'),
      window_id: req('text'),
      site_id: req('int'),
      started_at: req('bigint'),
      last_seen_at: req('bigint'),
      ended_at: opt('bigint'),
      pages: req('int'),
      chunks: req('int'),
      bytes: req('bigint'),
      quarantined_chunks: req('int'),
      next_seq: req('int'),
      seq_mask: req('int'),
      findings: req('text'),
      reviewed_at: opt('bigint'),
      reviewed_by: opt('int'),
      preview: req('int'),
    },
    primaryKey: ['id'],
  },
  replay_chunks: {
    columns: {
      recording_id: req('text'),
      seq: req('int'),
      window_id: req('text'),
      received_at: req('bigint'),
      quarantined: req('int'),
      data: opt('blob'),
    },
    primaryKey: ['recording_id', 'seq'],
  },
  // imports (issue 15): each import is a batch; its ledger rows are exactly what it added to the
  // counters, so it can be removed exactly and reports can leave imported data out.
  imports: {
    columns: {
      id: req('id'),
      site_id: req('int'),
      source: req('text'),
      file_name: req('text'),
      checksum: req('text'),
      rows: req('int'),
      first_day: opt('text'),
      last_day: opt('text'),
      state: req('text'),
      created_by: opt('int'),
      origin: req('text'),
      created_at: req('text'),
    },
    primaryKey: ['id'],
  },
  import_daily: {
    columns: {
      site_id: req('int'),
      import_id: req('int'),
      day: req('text'),
      dimension: req('text'),
      value: req('text'),
      ...counterColumns,
    },
    primaryKey: ['site_id', 'import_id', 'day', 'dimension', 'value'],
  },
  import_hourly: {
    columns: {
      site_id: req('int'),
      import_id: req('int'),
      hour: req('text'),
      ...counterColumns,
    },
    primaryKey: ['site_id', 'import_id', 'hour'],
  },
  import_revenue: {
    columns: {
      site_id: req('int'),
      import_id: req('int'),
      day: req('text'),
      event: req('text'),
      currency: req('text'),
      amount: req('bigint'),
      conversions: req('int'),
    },
    primaryKey: ['site_id', 'import_id', 'day', 'event', 'currency'],
  },
  rollup_blocks: {
    columns: {
      site_id: req('int'),
      block: req('text'),
      from_day: req('text'),
      to_day: req('text'),
    },
    primaryKey: ['site_id', 'block'],
  },
  rollup_counters: {
    columns: {
      site_id: req('int'),
      block: req('text'),
      dimension: req('text'),
      value: req('text'),
      pageviews: req('bigint'),
      visits: req('bigint'),
      bounces: req('bigint'),
      exits: req('bigint'),
      engaged_ms: req('bigint'),
      engagements: req('bigint'),
      scroll_sum: req('bigint'),
      events: req('bigint'),
    },
    primaryKey: ['site_id', 'block', 'dimension', 'value'],
  },
};

/** Optional column helper kept for later tables. */
export { opt as optionalColumn };
