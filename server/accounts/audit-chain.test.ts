import { randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { auditGenesis, type AuditEntry, type AuditRow } from '../store/accounts.js';
import {
  headVersion,
  keyedHash,
  legacyHash,
  rekeyAction,
  verifyChain,
  type ChainHash,
} from './audit-chain.js';
import {
  compareWithCheckpoint,
  parseCheckpoints,
  signCheckpoint,
  checkpointLine,
} from './audit-checkpoint.js';

const key = randomBytes(32);

function entry(i: number, action = 'site.update'): AuditEntry {
  return {
    at: `2026-01-${String(i).padStart(2, '0')}T00:00:00.000Z`,
    orgId: 1,
    actor: 'user:1',
    action,
    target: `site:${i}`,
    details: '{}',
  };
}

/** Appends rows 1..n; `hashOf(i)` chooses the scheme of row i. */
function chain(n: number, hashOf: (i: number) => ChainHash = () => keyedHash(key)): AuditRow[] {
  const rows: AuditRow[] = [];
  let prev = auditGenesis;
  for (let i = 1; i <= n; i++) {
    const e = entry(i);
    const hash = hashOf(i)(prev, e);
    rows.push({ ...e, id: i, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

/** What an attacker without the key can do: recompute every hash from row `from` on with SHA-256. */
function rehashUnkeyed(rows: AuditRow[], from: number): AuditRow[] {
  let prev = from === 0 ? auditGenesis : rows[from - 1]!.hash;
  return rows.map((r, i) => {
    if (i < from) return r;
    const hash = legacyHash(prev, r);
    const out = { ...r, prevHash: prev, hash };
    prev = hash;
    return out;
  });
}

describe('audit chain', () => {
  test('an intact keyed chain verifies', () => {
    const rows = chain(4);
    expect(verifyChain(rows, key)).toEqual({
      rows: 4,
      head: rows[3]!.hash,
      keyedFrom: undefined,
      breaks: [],
    });
  });

  test('a modified row is found', () => {
    const rows = chain(4);
    rows[1] = { ...rows[1]!, target: 'site:99' };
    expect(verifyChain(rows, key).breaks).toEqual([{ id: 2, problem: 'altered_row' }]);
  });

  test('a deleted row breaks the link of the next one', () => {
    const rows = chain(4);
    rows.splice(2, 1);
    expect(verifyChain(rows, key).breaks).toMatchObject([{ id: 4, problem: 'broken_link' }]);
  });

  test('an edit re-hashed with plain SHA-256 (no key) is found at the edited row', () => {
    const rows = chain(5);
    rows[2] = { ...rows[2]!, target: 'site:99' };
    const forged = rehashUnkeyed(rows, 2);
    const breaks = verifyChain(forged, key).breaks;
    expect(breaks[0]).toEqual({ id: 3, problem: 'altered_row' });
    expect(breaks.every((b) => b.problem === 'altered_row')).toBe(true);
  });

  test('the whole chain rewritten as unkeyed does not verify (no downgrade)', () => {
    const forged = rehashUnkeyed(chain(3), 0);
    expect(verifyChain(forged, key).breaks).toHaveLength(3);
    expect(verifyChain(chain(3), randomBytes(32)).breaks).toHaveLength(3);
  });

  test('an old install: SHA-256 rows up to the rekey row, HMAC from it on', () => {
    const rows = chain(3, (i) => (i <= 2 ? legacyHash : keyedHash(key)));
    rows[2] = { ...rows[2]!, action: rekeyAction };
    rows[2].hash = keyedHash(key)(rows[2].prevHash, rows[2]);
    expect(headVersion(rows[1]!, key)).toBe('legacy');
    expect(headVersion(rows[2], key)).toBe('keyed');
    expect(verifyChain(rows, key)).toMatchObject({ keyedFrom: 3, breaks: [] });
    // A rewrite of a legacy row and of the rest with SHA-256 fails at the keyed rekey row.
    const edited = rehashUnkeyed([{ ...rows[0]!, target: 'x' }, rows[1]!, rows[2]!], 0);
    expect(verifyChain(edited, key).breaks).toEqual([{ id: 3, problem: 'altered_row' }]);
  });
});

describe('audit checkpoints', () => {
  const rows = chain(5);
  const cp = signCheckpoint(key, {
    at: '2026-01-05T00:00:00.000Z',
    rows: 5,
    lastId: 5,
    head: rows[4]!.hash,
  });

  test('a chain that extends the checkpoint passes', () => {
    expect(compareWithCheckpoint(rows, cp)).toBeUndefined();
    expect(compareWithCheckpoint([...rows, ...chain(6).slice(5)], cp)).toBeUndefined();
  });

  test('a deleted tail is a truncation', () => {
    expect(compareWithCheckpoint(rows.slice(0, 4), cp)).toMatchObject({
      problem: 'truncated',
      rows: 4,
    });
  });

  test('a rewritten chain (even with the key) differs at the checkpointed row', () => {
    const other = chain(5);
    other[1] = { ...other[1]!, target: 'site:99' };
    let prev = auditGenesis;
    for (const r of other) {
      r.prevHash = prev;
      r.hash = keyedHash(key)(prev, r);
      prev = r.hash;
    }
    expect(compareWithCheckpoint(other, cp)).toMatchObject({ problem: 'rewritten', id: 5 });
  });

  test('the file keeps the last line that verifies; forged and broken lines are listed', () => {
    const forged = { ...cp, rows: 2, lastId: 2, head: rows[1]!.hash };
    const text = checkpointLine(cp) + checkpointLine(forged) + 'not json\n';
    expect(parseCheckpoints(key, text)).toEqual({ latest: cp, invalidLines: [2, 3] });
    expect(parseCheckpoints(randomBytes(32), checkpointLine(cp)).latest).toBeUndefined();
  });
});
