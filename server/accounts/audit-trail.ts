// The audit trail's secrets and files outside the database: the HMAC key (POMELO_AUDIT_KEY, or
// <data dir>/audit.key created at first start, mode 0600) and the append-only checkpoint file
// (<data dir>/audit.checkpoints). Binds them to a Store for recordAudit; checks the whole chain.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';
import type { Job } from '../jobs/runner.js';
import type { Logger } from '../log.js';
import { auditGenesis, type AuditRow } from '../store/accounts.js';
import type { Store } from '../store/types.js';
import {
  checkpointLine,
  compareWithCheckpoint,
  describeCheckpointProblem,
  parseCheckpoints,
  signCheckpoint,
  type Checkpoint,
  type CheckpointProblem,
} from './audit-checkpoint.js';
import {
  headVersion,
  keyedHash,
  rekeyAction,
  verifyChain,
  type ChainReport,
} from './audit-chain.js';

export interface AuditTrail {
  key: Buffer;
  /** Where checkpoints are appended (one JSON line each). */
  checkpointFile: string;
}

export class AuditKeyError extends Error {}

export const auditKeyFile = (dataDir: string) => path.join(dataDir, 'audit.key');
export const auditCheckpointFile = (dataDir: string) => path.join(dataDir, 'audit.checkpoints');

/**
 * The key from the environment, else from the key file, created on first use: written to a
 * temporary file (0600) and linked into place, so a concurrent start sees a whole key or none and
 * one of two racing starts wins (the other reads the winner's key).
 */
export function loadAuditKey(config: Pick<Config, 'auditKey' | 'dataDir'>): Buffer {
  if (config.auditKey) return config.auditKey;
  const file = auditKeyFile(config.dataDir);
  const read = () => {
    const text = fs.readFileSync(file, 'utf8').trim();
    if (!/^[0-9a-f]{64,}$/i.test(text))
      throw new AuditKeyError(`${file}: not an audit key (64+ hex digits); see docs/SECURITY.md`);
    return Buffer.from(text, 'hex');
  };
  if (fs.existsSync(file)) return read();
  fs.mkdirSync(config.dataDir, { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, randomBytes(32).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  try {
    fs.linkSync(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  return read();
}

export function auditTrailFor(config: Pick<Config, 'auditKey' | 'dataDir'>): AuditTrail {
  return { key: loadAuditKey(config), checkpointFile: auditCheckpointFile(config.dataDir) };
}

const trails = new WeakMap<Store, AuditTrail>();

/** Called once where a store is opened for the server or the CLI. */
export function bindAuditTrail(store: Store, trail: AuditTrail): void {
  trails.set(store, trail);
}

export function auditTrailOf(store: Store): AuditTrail {
  const trail = trails.get(store);
  if (!trail) throw new Error('audit trail not bound to this store (bindAuditTrail)');
  return trail;
}

/** Bytes read from the end of the checkpoint file when only the latest checkpoint is needed. */
const tailBytes = 64 * 1024;

/**
 * The checkpoint file: all of it (verify, which also lists invalid lines), or only its last 64 KB
 * (writing: the file grows by a line every few minutes for as long as the install runs).
 */
export function readCheckpoints(trail: AuditTrail, tailOnly = false) {
  let text = '';
  try {
    if (!tailOnly) text = fs.readFileSync(trail.checkpointFile, 'utf8');
    else {
      const fd = fs.openSync(trail.checkpointFile, 'r');
      try {
        const size = fs.fstatSync(fd).size;
        const start = Math.max(0, size - tailBytes);
        const buf = Buffer.alloc(size - start);
        fs.readSync(fd, buf, 0, buf.length, start);
        text = buf.toString('utf8');
        // Drop a partial first line (the read began inside it).
        if (start > 0) text = text.slice(text.indexOf('\n') + 1);
      } finally {
        fs.closeSync(fd);
      }
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const parsed = parseCheckpoints(trail.key, text);
  return tailOnly ? { latest: parsed.latest, invalidLines: [] } : parsed;
}

/**
 * Appends a checkpoint of the chain as it is now (file + log line), unless the latest one already
 * names this head. Returns the checkpoint now in force.
 */
export async function writeCheckpoint(
  store: Store,
  trail: AuditTrail,
  now: number,
  log?: Logger,
): Promise<Checkpoint | undefined> {
  const { latest } = readCheckpoints(trail, true);
  const { rows, last, at } = await store.accounts.auditHead(latest?.lastId || undefined);
  const head = last?.hash ?? auditGenesis;
  if (latest && latest.lastId === (last?.id ?? 0) && latest.head === head) return latest;
  // Never checkpoint a chain that does not extend the latest checkpoint: that would launder a
  // truncation or a rewrite (verify keeps reporting it against the older checkpoint).
  if (latest && (rows < latest.rows || (latest.lastId > 0 && at?.hash !== latest.head))) {
    log?.error('audit chain does not extend the latest checkpoint; no checkpoint written', {
      checkpointRows: latest.rows,
      checkpointLastId: latest.lastId,
      rows,
    });
    return latest;
  }
  const cp = signCheckpoint(trail.key, {
    at: new Date(now).toISOString(),
    rows,
    lastId: last?.id ?? 0,
    head,
  });
  fs.mkdirSync(path.dirname(trail.checkpointFile), { recursive: true });
  fs.appendFileSync(trail.checkpointFile, checkpointLine(cp), { mode: 0o600 });
  log?.info('audit checkpoint', { rows: cp.rows, lastId: cp.lastId, head: cp.head, mac: cp.mac });
  return cp;
}

/**
 * At start: an install whose chain ends in an unkeyed (version 1) row continues it with one keyed
 * `audit.rekey` row, then checkpoints (an empty chain too: row 0, the genesis). Refused when a
 * checkpoint exists (this install ran keyed already: an unkeyed head now means someone rewrote
 * the chain) or the head fits neither scheme (another key: see docs/SECURITY.md).
 */
export async function ensureKeyedChain(
  store: Store,
  trail: AuditTrail,
  now: number,
  log: Logger,
): Promise<void> {
  const { rows, last } = await store.accounts.auditHead();
  if (last) {
    const version = headVersion(last, trail.key);
    const checkpointed = readCheckpoints(trail, true).latest !== undefined;
    if (version === 'legacy' && !checkpointed) {
      await store.accounts.appendAudit(
        {
          at: new Date(now).toISOString(),
          orgId: null,
          actor: 'system',
          action: rekeyAction,
          target: 'audit_log',
          details: JSON.stringify({ legacyRows: rows }),
        },
        keyedHash(trail.key),
      );
      log.info('audit chain keyed', { legacyRows: rows });
    } else if (version !== 'keyed') {
      log.error('audit chain head does not verify under the audit key', { lastId: last.id });
      return;
    }
  }
  await writeCheckpoint(store, trail, now, log);
}

export interface TrailReport extends ChainReport {
  checkpoint: Checkpoint | undefined;
  checkpointProblem: CheckpointProblem | undefined;
  /** Lines of the checkpoint file that are not valid signed checkpoints. */
  invalidCheckpointLines: number[];
}

/** The chain (keyed verification) and its comparison with the latest checkpoint. */
export function verifyTrail(rows: readonly AuditRow[], trail: AuditTrail): TrailReport {
  const chain = verifyChain(rows, trail.key);
  const { latest, invalidLines } = readCheckpoints(trail);
  return {
    ...chain,
    checkpoint: latest,
    checkpointProblem: latest && compareWithCheckpoint(rows, latest),
    invalidCheckpointLines: invalidLines,
  };
}

export const trailIntact = (r: TrailReport) =>
  r.breaks.length === 0 && !r.checkpointProblem && r.invalidCheckpointLines.length === 0;

/** The report as lines of text (CLI). */
export function describeTrail(r: TrailReport): string[] {
  const lines: string[] = [];
  if (r.checkpointProblem) lines.push(describeCheckpointProblem(r.checkpointProblem));
  const altered = r.breaks.filter((b) => b.problem === 'altered_row');
  if (altered.length > 0)
    lines.push(
      `audit row ${altered[0]!.id} rewritten: its hash does not verify under the audit key` +
        (altered.length > 1 ? ` (nor do ${altered.length - 1} later rows)` : ''),
    );
  for (const b of r.breaks.filter((b) => b.problem === 'broken_link'))
    lines.push(`chain broken at row ${b.id}: the row before it is missing or was replaced`);
  for (const n of r.invalidCheckpointLines)
    lines.push(`checkpoint file line ${n} is not a valid signed checkpoint`);
  return lines;
}

/** Checkpoint period of the jobs runner; a clean stop checkpoints too (server.ts). */
export const checkpointEveryMs = 5 * 60_000;

export function auditCheckpointJob(store: Store, trail: AuditTrail, log: Logger): Job {
  return {
    name: 'audit-checkpoint',
    everyMs: checkpointEveryMs,
    run: async (now) => {
      await writeCheckpoint(store, trail, now, log);
    },
  };
}
