// Pure: the people-side safeguards of a window (issue 12 §7, §8, §9, §11) — downloads off unless
// the owner allows them, the on-page notice hidden only with a written reason, the review gate,
// and the stated reason of every play or download. No I/O.

export interface WindowSafeguards {
  /** Raw recording exports; off by default, each one audited with a reason when on. */
  downloadsAllowed: boolean;
  /** Null: the recorder shows the on-page notice (the default). Text: why it is hidden. */
  noticeHiddenReason: string | null;
  /** A second person's sign-off of the window's settings (issue 12 §12); null until given. */
  signOff?: SignOff | null;
  /** The live preview link of a draft window: its token's SHA-256 only, never the token. */
  preview?: PreviewLink | null;
}

export interface PreviewLink {
  /** Hex SHA-256 of the token carried in the link's fragment. */
  hash: string;
  expiresAt: number;
  /** User id of the admin who asked for it. */
  by: string;
}

/** How long a preview link works, and how long a preview recording is kept at most. */
export const PREVIEW_LINK_TTL_MS = 30 * 60_000;
export const PREVIEW_RECORDING_TTL_MS = 24 * 3_600_000;
/** The words a sign-off note must hold when nobody recorded a preview. */
export const NO_PREVIEW = 'no preview';

export interface SignOff {
  /** User id of the member who signed; never the window's owner (who opened it). */
  by: string;
  at: number;
  note: string;
}

export const DEFAULT_SAFEGUARDS: WindowSafeguards = {
  downloadsAllowed: false,
  noticeHiddenReason: null,
  signOff: null,
  preview: null,
};

/** Recordings left unreviewed at which a window stops making offers (CNIL: "the last 20"). */
export const REVIEW_GATE = 20;

export const REASON_LIMITS = { min: 3, max: 500 } as const;
export const NOTICE_REASON_MIN = 20;

export type SafeguardError = {
  field: string;
  code: 'invalid' | 'reason_required' | 'reason_too_long';
  message: string;
};

/** A stated reason (play, download, unlatch, resume note): trimmed, one line, bounded. */
export function readReason(
  field: string,
  value: unknown,
  min: number = REASON_LIMITS.min,
): { ok: true; reason: string } | { ok: false; error: SafeguardError } {
  const text = typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : '';
  if (text.length < min) {
    return {
      ok: false,
      error: {
        field,
        code: 'reason_required',
        message: `${field} needs at least ${min} characters`,
      },
    };
  }
  if (text.length > REASON_LIMITS.max) {
    return {
      ok: false,
      error: {
        field,
        code: 'reason_too_long',
        message: `${field} is at most ${REASON_LIMITS.max} characters`,
      },
    };
  }
  return { ok: true, reason: text };
}

/**
 * Reads `downloadsAllowed` and `hideNoticeReason` from a window body over `base`. Hiding the
 * notice needs a written reason of at least NOTICE_REASON_MIN characters; `null` shows it again.
 */
export function readSafeguards(
  input: Record<string, unknown>,
  base: WindowSafeguards = DEFAULT_SAFEGUARDS,
): { ok: true; safeguards: WindowSafeguards } | { ok: false; error: SafeguardError } {
  const out = { ...base };
  if (input.downloadsAllowed !== undefined) {
    if (typeof input.downloadsAllowed !== 'boolean') {
      return {
        ok: false,
        error: {
          field: 'downloadsAllowed',
          code: 'invalid',
          message: 'downloadsAllowed is true or false',
        },
      };
    }
    out.downloadsAllowed = input.downloadsAllowed;
  }
  const hide = input.hideNoticeReason;
  if (hide === null || hide === '') out.noticeHiddenReason = null;
  else if (hide !== undefined) {
    const read = readReason('hideNoticeReason', hide, NOTICE_REASON_MIN);
    if (!read.ok) return read;
    out.noticeHiddenReason = read.reason;
  }
  return { ok: true, safeguards: out };
}

export function parseSafeguards(text: string): WindowSafeguards {
  const raw = JSON.parse(text) as Partial<WindowSafeguards>;
  const s = raw.signOff;
  const p = raw.preview;
  return {
    preview:
      p && typeof p.hash === 'string' && typeof p.expiresAt === 'number' && typeof p.by === 'string'
        ? { hash: p.hash, expiresAt: p.expiresAt, by: p.by }
        : null,
    downloadsAllowed: raw.downloadsAllowed === true,
    noticeHiddenReason: typeof raw.noticeHiddenReason === 'string' ? raw.noticeHiddenReason : null,
    signOff:
      s && typeof s.by === 'string' && typeof s.at === 'number' && typeof s.note === 'string'
        ? { by: s.by, at: s.at, note: s.note }
        : null,
  };
}

/**
 * Who may sign a window off: a member other than its owner, once, while it is not closed; and
 * only after a preview recording exists, or with a note that says "no preview" (the signer then
 * states they signed without one, which the record of processing shows).
 */
export function checkSignOff(opts: {
  signerId: string;
  ownerId: string;
  already: SignOff | null | undefined;
  closed: boolean;
  previewExists: boolean;
  note: string;
}): { ok: true } | { ok: false; status: 403 | 409; code: string; message: string } {
  if (opts.signerId === opts.ownerId) {
    return {
      ok: false,
      status: 403,
      code: 'second_person',
      message: 'the sign-off is given by a second person, not the window’s owner',
    };
  }
  if (opts.closed) {
    return { ok: false, status: 409, code: 'window_closed', message: 'the window is closed' };
  }
  if (opts.already) {
    return { ok: false, status: 409, code: 'already_signed', message: 'the window is signed off' };
  }
  if (!opts.previewExists && !opts.note.toLowerCase().includes(NO_PREVIEW)) {
    return {
      ok: false,
      status: 409,
      code: 'preview_required',
      message: `record a preview first, or write "${NO_PREVIEW}" in the note`,
    };
  }
  return { ok: true };
}

/** True when the window has as many unreviewed recordings as the gate allows: no more offers. */
export function reviewGateClosed(unreviewed: number): boolean {
  return unreviewed >= REVIEW_GATE;
}

/** Viewer list changes: only an owner (of the org) changes it, and never to add themselves. */
export function checkViewerChange(opts: {
  actorId: number;
  actorIsOwner: boolean;
  before: readonly number[];
  after: readonly number[];
}): { ok: true } | { ok: false; status: 403 | 400; code: string; message: string } {
  const same =
    opts.before.length === opts.after.length && opts.after.every((v) => opts.before.includes(v));
  if (same) return { ok: true };
  if (!opts.actorIsOwner) {
    return {
      ok: false,
      status: 403,
      code: 'owner_only',
      message: 'only an owner of the organisation changes a window’s viewers',
    };
  }
  if (opts.after.includes(opts.actorId) && !opts.before.includes(opts.actorId)) {
    return {
      ok: false,
      status: 403,
      code: 'self_viewer',
      message: 'you cannot add yourself as a viewer: another owner must name you',
    };
  }
  return { ok: true };
}
