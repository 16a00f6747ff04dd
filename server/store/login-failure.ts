// The one statement that counts a failed login and sets the lock, shared by SQLite and PostgreSQL.
// Counting and locking in a single UPDATE … RETURNING makes parallel attempts count one by one;
// the WHERE clause refuses to count while the account is locked, exactly as a sequence of attempts
// is refused (and not counted) once the lock is set.
import { sql, type SQL } from 'drizzle-orm';

export interface LockRung {
  minFailures: number;
  until: string;
}

export interface LoginFailureCount {
  failedLogins: number;
  lockedUntil: string | null;
}

/** UPDATE users … RETURNING failed_logins, locked_until; no row when locked at `now` (or no user). */
export function loginFailureUpdate(userId: number, now: string, rungs: LockRung[]): SQL {
  // In SET, failed_logins is the value before the update on both databases (SQL standard).
  const next = sql`failed_logins + 1`;
  const lock = rungs.length
    ? sql`case ${sql.join(
        rungs.map((r) => sql`when ${next} >= ${r.minFailures} then ${r.until}`),
        sql` `,
      )} else null end`
    : sql`null`;
  return sql`update users set failed_logins = ${next}, locked_until = ${lock}
    where id = ${userId} and (locked_until is null or locked_until <= ${now})
    returning failed_logins as "failedLogins", locked_until as "lockedUntil"`;
}
