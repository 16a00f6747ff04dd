// What an attacker with write access to the database but without the audit key can do to the
// audit log: delete the tail, or edit a row and recompute every later hash with plain SHA-256.
import { legacyHash } from '../../server/accounts/audit-chain.js';
import type { TestServer } from '../support/server.js';
import { rawSql } from './support.js';

export async function deleteLastAuditRow(server: TestServer): Promise<number> {
  const rows = await server.store.accounts.auditRows();
  const last = rows.at(-1)!;
  await rawSql(server, `DELETE FROM audit_log WHERE id = ${last.id}`);
  return last.id;
}

/** Changes the target of row `id` and re-hashes it and every later row with unkeyed SHA-256. */
export async function rewriteAuditRowUnkeyed(
  server: TestServer,
  id: number,
  target: string,
): Promise<void> {
  const rows = await server.store.accounts.auditRows();
  const from = rows.findIndex((r) => r.id === id);
  let prev = rows[from]!.prevHash;
  const statements: string[] = [];
  for (const row of rows.slice(from)) {
    const r = row.id === id ? { ...row, target } : row;
    const hash = legacyHash(prev, r);
    statements.push(
      `UPDATE audit_log SET target = '${r.target}', prev_hash = '${prev}', hash = '${hash}' WHERE id = ${r.id};`,
    );
    prev = hash;
  }
  await rawSql(server, statements.join('\n'));
}
