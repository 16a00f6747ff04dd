// The audit log's hash chain (pure): hash = SHA-256(prev_hash + canonical row); verify finds breaks.
import { createHash } from 'node:crypto';
import { auditGenesis, type AuditEntry, type AuditRow } from '../store/accounts.js';

/** The row as hashed: a JSON array of its fields in a fixed order (no key-order ambiguity). */
export function canonicalEntry(e: AuditEntry): string {
  return JSON.stringify([e.at, e.orgId, e.actor, e.action, e.target, e.details]);
}

export function chainHash(prevHash: string, entry: AuditEntry): string {
  return createHash('sha256')
    .update(prevHash + canonicalEntry(entry))
    .digest('hex');
}

export type ChainBreak =
  /** The row's prev_hash is not the hash of the row before it: a row was deleted or inserted. */
  | { id: number; problem: 'broken_link'; expectedPrev: string }
  /** The row's own hash does not match its content: the row was modified. */
  | { id: number; problem: 'altered_row' };

export interface ChainReport {
  rows: number;
  /** Hash of the last row: note it down to detect a later truncation of the tail. */
  head: string;
  breaks: ChainBreak[];
}

/** Walks rows in id order (the whole table) and lists every place where the chain breaks. */
export function verifyChain(rows: readonly AuditRow[]): ChainReport {
  const breaks: ChainBreak[] = [];
  let prev = auditGenesis;
  for (const row of rows) {
    if (row.prevHash !== prev)
      breaks.push({ id: row.id, problem: 'broken_link', expectedPrev: prev });
    if (row.hash !== chainHash(row.prevHash, row))
      breaks.push({ id: row.id, problem: 'altered_row' });
    prev = row.hash;
  }
  return { rows: rows.length, head: prev, breaks };
}
