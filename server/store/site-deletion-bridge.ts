// TEMPORARY: deleteSiteReplay (site-deletion.ts) run on a drizzle connection inside the caller's own
// transaction, for code not yet on the Db seam (removeSite in sqlite.ts/pg.ts, accounts-*.ts).
// Delete this file once those run their site deletion as a unit of work on a Db.
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import type * as pgSchema from '../../drizzle/schema/pg.js';
import type * as sqliteSchema from '../../drizzle/schema/sqlite.js';
import { driveAsync, driveSync } from './db.js';
import { deleteSiteReplay } from './site-deletion.js';

/** Every replay row of a site, inside the caller's better-sqlite3 transaction (synchronous). */
export function deleteSiteReplaySqlite(
  db: BetterSQLite3Database<typeof sqliteSchema>,
  siteId: number,
): void {
  driveSync(deleteSiteReplay(siteId), (step) =>
    step.kind === 'exec'
      ? db.run(step.query).changes
      : step.kind === 'all'
        ? db.all(step.query)
        : db.get(step.query),
  );
}

/** Every replay row of a site, inside the caller's PostgreSQL transaction. */
export async function deleteSiteReplayPg(
  tx: Pick<PostgresJsDatabase<typeof pgSchema>, 'execute'>,
  siteId: number,
): Promise<void> {
  await driveAsync(deleteSiteReplay(siteId), async (step) => {
    const rows = await tx.execute(step.query);
    return step.kind === 'exec' ? rows.count : step.kind === 'all' ? [...rows] : rows[0];
  });
}
