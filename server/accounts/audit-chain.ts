// The audit log's hash chain (pure). Version 1 (before issue 11): hash = SHA-256(prev_hash +
// canonical row) from a constant genesis. Version 2: hash = HMAC-SHA-256(key, prev_hash + canonical
// row) under the install's audit key (audit-trail.ts), from the first `audit.rekey` row on; a chain
// without a rekey row is keyed from its first row. Verify finds breaks.
import { createHash, createHmac } from 'node:crypto';
import { auditGenesis, type AuditEntry, type AuditRow } from '../store/accounts.js';

/** The row from which an install's older SHA-256 rows continue as an HMAC chain. */
export const rekeyAction = 'audit.rekey';

/** The row as hashed: a JSON array of its fields in a fixed order (no key-order ambiguity). */
export function canonicalEntry(e: AuditEntry): string {
  return JSON.stringify([e.at, e.orgId, e.actor, e.action, e.target, e.details]);
}

export type ChainHash = (prevHash: string, entry: AuditEntry) => string;

/** Version 1, unkeyed: kept to verify rows written before the install's rekey row. */
export function legacyHash(prevHash: string, entry: AuditEntry): string {
  return createHash('sha256')
    .update(prevHash + canonicalEntry(entry))
    .digest('hex');
}

/** Version 2: only the holder of the audit key can compute (or recompute) a row's hash. */
export function keyedHash(key: Buffer): ChainHash {
  return (prevHash, entry) =>
    createHmac('sha256', key)
      .update(prevHash + canonicalEntry(entry))
      .digest('hex');
}

export type ChainBreak =
  /** The row's prev_hash is not the hash of the row before it: a row was deleted or inserted. */
  | { id: number; problem: 'broken_link'; expectedPrev: string }
  /** The row's own hash does not match its content (or was not made with the key): modified. */
  | { id: number; problem: 'altered_row' };

export interface ChainReport {
  rows: number;
  /** Hash of the last row (compared with the latest checkpoint, audit-checkpoint.ts). */
  head: string;
  /** Id of the row from which the chain is keyed (undefined: every row is, or there are none). */
  keyedFrom: number | undefined;
  breaks: ChainBreak[];
}

/**
 * Walks rows in id order (the whole table) and lists every place where the chain breaks. Rows
 * before the first rekey row are checked with SHA-256, that row and every later one with the key;
 * without a rekey row every row must carry the key, so rewriting the chain as unkeyed fails.
 */
export function verifyChain(rows: readonly AuditRow[], key: Buffer): ChainReport {
  const keyed = keyedHash(key);
  const firstKeyed = rows.findIndex((r) => r.action === rekeyAction);
  const breaks: ChainBreak[] = [];
  let prev = auditGenesis;
  rows.forEach((row, i) => {
    const hash = firstKeyed === -1 || i >= firstKeyed ? keyed : legacyHash;
    if (row.prevHash !== prev)
      breaks.push({ id: row.id, problem: 'broken_link', expectedPrev: prev });
    if (row.hash !== hash(row.prevHash, row)) breaks.push({ id: row.id, problem: 'altered_row' });
    prev = row.hash;
  });
  const keyedFrom = firstKeyed > 0 ? rows[firstKeyed]!.id : undefined;
  return { rows: rows.length, head: prev, keyedFrom, breaks };
}

/** Which scheme the head row was written with: decides whether a rekey row is due at start. */
export function headVersion(head: AuditRow, key: Buffer): 'keyed' | 'legacy' | 'unknown' {
  if (head.hash === keyedHash(key)(head.prevHash, head)) return 'keyed';
  if (head.hash === legacyHash(head.prevHash, head)) return 'legacy';
  return 'unknown';
}
