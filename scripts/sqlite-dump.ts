// A SQLite database as SQL text (schema, then every row), like the sqlite3 shell's `.dump`: the
// upgrade fixture is kept as reviewable text instead of a binary database file.
import type Database from 'better-sqlite3';

function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (Buffer.isBuffer(value)) return `X'${value.toString('hex')}'`;
  return `'${String(value).replaceAll("'", "''")}'`;
}

export function dumpSqlite(db: Database.Database): string {
  const objects = db
    .prepare(
      "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type = 'table' DESC, name",
    )
    .all() as { type: string; name: string; sql: string }[];
  const lines = ['BEGIN;'];
  for (const o of objects) lines.push(`${o.sql};`);
  for (const o of objects.filter((x) => x.type === 'table')) {
    const rows = db.prepare(`SELECT * FROM "${o.name.replaceAll('"', '""')}"`).all() as Record<
      string,
      unknown
    >[];
    for (const row of rows) {
      const cols = Object.keys(row).map((c) => `"${c.replaceAll('"', '""')}"`);
      lines.push(
        `INSERT INTO "${o.name}" (${cols.join(', ')}) VALUES (${Object.values(row).map(literal).join(', ')});`,
      );
    }
  }
  lines.push('COMMIT;');
  return lines.join('\n') + '\n';
}
