// Column lists and inserts derived from the drizzle schema, so that SQL written once for both
// databases names columns the way the schema does. drizzle/schema/sqlite.ts is the source of the
// names; drizzle/schema/parity.test.ts keeps pg.ts equal to it.
import { getTableColumns, getTableName, sql, type SQL } from 'drizzle-orm';
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { columnList, valueTuples } from './db.js';

export interface Table<Row, Insert> {
  /** The table's name, quoted. */
  readonly name: SQL;
  /** Every column, aliased to its record field: rows read with it are `Row`s. */
  readonly columns: SQL;
  /** `insert into t (…) values (…), (…)` from records; absent fields take their defaults. */
  insert(rows: readonly Insert[]): SQL;
  /** `a = ?, b = ?` from a partial record. */
  set(values: Partial<Insert>): SQL;
  /** The quoted column of a record field. */
  col(field: keyof Row & string): SQL;
  /** The primary key's columns, for ORDER BY. */
  readonly keyOrder: SQL;
  /** The table name as text. */
  readonly tableName: string;
  /** Whether `id` is an auto-increment integer (a serial on PostgreSQL). */
  readonly serialId: boolean;
}

export function table<T extends SQLiteTable>(
  schemaTable: T,
): Table<T['$inferSelect'], T['$inferInsert']> {
  const fields = Object.entries(getTableColumns(schemaTable)).map(([field, column]) => ({
    field,
    column: column.name,
  }));
  const columnOf = new Map(fields.map((f) => [f.field, f.column]));
  const nameOf = (field: string): string => {
    const column = columnOf.get(field);
    if (column === undefined) throw new Error(`${getTableName(schemaTable)} has no field ${field}`);
    return column;
  };
  const name = sql`${sql.identifier(getTableName(schemaTable))}`;
  const columns = sql.join(
    fields.map((f) =>
      f.field === f.column
        ? sql.identifier(f.column)
        : sql`${sql.identifier(f.column)} as ${sql.identifier(f.field)}`,
    ),
    sql`, `,
  );
  const config = getTableConfig(schemaTable);
  const keyColumns = config.primaryKeys[0]?.columns ?? config.columns.filter((c) => c.primary);
  const keyOrder = sql.join(
    keyColumns.map((c) => sql`${sql.identifier(c.name)}`),
    sql`, `,
  );
  const serialId = config.columns.some(
    (c) =>
      c.name === 'id' && c.primary && (c as { autoIncrement?: boolean }).autoIncrement === true,
  );
  return {
    name,
    columns,
    keyOrder,
    tableName: getTableName(schemaTable),
    serialId,
    insert(rows) {
      const present = fields
        .map((f) => f.field)
        .filter((field) => rows.some((r) => (r as Record<string, unknown>)[field] !== undefined));
      return sql`insert into ${name} (${columnList(present.map(nameOf))}) values ${valueTuples(
        rows as Record<string, unknown>[],
        present,
      )}`;
    },
    set(values) {
      const entries = Object.entries(values).filter(([, v]) => v !== undefined);
      return sql.join(
        entries.map(([field, v]) => sql`${sql.identifier(nameOf(field))} = ${v ?? null}`),
        sql`, `,
      );
    },
    col(field) {
      return sql`${sql.identifier(nameOf(field))}`;
    },
  };
}
