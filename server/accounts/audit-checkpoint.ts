// Signed checkpoints of the audit chain (pure): a checkpoint is kept outside the database (a file
// beside it and the log) and names how many rows the chain had and its head; a chain with fewer
// rows, or another hash at the checkpointed row, was truncated or rewritten.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AuditRow } from '../store/accounts.js';

export interface CheckpointFields {
  /** ISO time the checkpoint was taken. */
  at: string;
  rows: number;
  lastId: number;
  head: string;
}

export interface Checkpoint extends CheckpointFields {
  /** HMAC-SHA-256 of the fields under the audit key: a forged line does not verify. */
  mac: string;
}

const macOf = (key: Buffer, f: CheckpointFields) =>
  createHmac('sha256', key)
    .update(JSON.stringify(['pomelo-audit-checkpoint', f.at, f.rows, f.lastId, f.head]))
    .digest('hex');

export function signCheckpoint(key: Buffer, f: CheckpointFields): Checkpoint {
  return { at: f.at, rows: f.rows, lastId: f.lastId, head: f.head, mac: macOf(key, f) };
}

export function checkpointLine(c: Checkpoint): string {
  return JSON.stringify(c) + '\n';
}

export interface CheckpointFile {
  /** The last line that verifies under the key. */
  latest: Checkpoint | undefined;
  /** 1-based numbers of lines that do not parse or whose signature does not verify. */
  invalidLines: number[];
}

function verified(key: Buffer, line: string): Checkpoint | undefined {
  try {
    const c = JSON.parse(line) as Partial<Checkpoint>;
    if (
      typeof c.at !== 'string' ||
      !Number.isSafeInteger(c.rows) ||
      !Number.isSafeInteger(c.lastId) ||
      typeof c.head !== 'string' ||
      typeof c.mac !== 'string'
    )
      return undefined;
    const cp = c as Checkpoint;
    const want = Buffer.from(macOf(key, cp), 'hex');
    const got = Buffer.from(cp.mac, 'hex');
    return got.length === want.length && timingSafeEqual(got, want) ? cp : undefined;
  } catch {
    return undefined;
  }
}

/** Reads the checkpoint file's text (one JSON object a line); an empty text has no checkpoint. */
export function parseCheckpoints(key: Buffer, text: string): CheckpointFile {
  let latest: Checkpoint | undefined;
  const invalidLines: number[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const c = verified(key, line);
    if (c) latest = c;
    else invalidLines.push(i + 1);
  });
  return { latest, invalidLines };
}

export type CheckpointProblem =
  /** The chain has fewer rows than the checkpoint counted, or lost the checkpointed row. */
  | { problem: 'truncated'; checkpoint: Checkpoint; rows: number }
  /** The checkpointed row is there but its hash differs: it or a row before it was rewritten. */
  | { problem: 'rewritten'; checkpoint: Checkpoint; id: number };

/** Compares the chain (every row, id order) with a checkpoint. */
export function compareWithCheckpoint(
  rows: readonly AuditRow[],
  checkpoint: Checkpoint,
): CheckpointProblem | undefined {
  if (checkpoint.lastId === 0) return undefined; // taken on an empty chain: every chain extends it
  const row = rows.find((r) => r.id === checkpoint.lastId);
  if (rows.length < checkpoint.rows || !row)
    return { problem: 'truncated', checkpoint, rows: rows.length };
  if (row.hash !== checkpoint.head) return { problem: 'rewritten', checkpoint, id: row.id };
  return undefined;
}

/** One line of text per problem, for the CLI and the log. */
export function describeCheckpointProblem(p: CheckpointProblem): string {
  return p.problem === 'truncated'
    ? `audit log truncated: checkpoint at row ${p.checkpoint.lastId} (${p.checkpoint.at}) counted ${p.checkpoint.rows} rows but only ${p.rows} rows remain`
    : `audit row ${p.id} rewritten: hash differs from checkpoint of ${p.checkpoint.at}`;
}
