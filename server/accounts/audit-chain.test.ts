import { describe, expect, test } from 'vitest';
import { auditGenesis, type AuditEntry, type AuditRow } from '../store/accounts.js';
import { chainHash, verifyChain } from './audit-chain.js';

function chain(n: number): AuditRow[] {
  const rows: AuditRow[] = [];
  let prev = auditGenesis;
  for (let i = 1; i <= n; i++) {
    const e: AuditEntry = {
      at: `2026-01-0${i}T00:00:00.000Z`,
      orgId: 1,
      actor: 'user:1',
      action: 'site.update',
      target: `site:${i}`,
      details: '{}',
    };
    const hash = chainHash(prev, e);
    rows.push({ ...e, id: i, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

describe('audit chain', () => {
  test('an intact chain verifies', () => {
    const rows = chain(4);
    expect(verifyChain(rows)).toEqual({ rows: 4, head: rows[3]!.hash, breaks: [] });
  });

  test('a modified row is found', () => {
    const rows = chain(4);
    rows[1] = { ...rows[1]!, target: 'site:99' };
    expect(verifyChain(rows).breaks).toEqual([{ id: 2, problem: 'altered_row' }]);
  });

  test('a deleted row breaks the link of the next one', () => {
    const rows = chain(4);
    rows.splice(2, 1);
    expect(verifyChain(rows).breaks).toMatchObject([{ id: 4, problem: 'broken_link' }]);
  });
});
