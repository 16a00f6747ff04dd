// The one logical description of every table; sqlite.ts and pg.ts must match it (schema-parity.test.ts).
// Column kinds: 'id' (auto-increment key), 'int', 'bigint', 'text'. Names are DESIGN.md's.

export type ColumnKind = 'id' | 'int' | 'bigint' | 'text';

export interface LogicalColumn {
  kind: ColumnKind;
  notNull: boolean;
}

export interface LogicalTable {
  columns: Record<string, LogicalColumn>;
  primaryKey: string[];
  unique?: string[][];
}

const req = (kind: ColumnKind): LogicalColumn => ({ kind, notNull: true });
const opt = (kind: ColumnKind): LogicalColumn => ({ kind, notNull: false });

/** Counter columns shared by daily and hourly counters. */
export const counterColumns = {
  pageviews: req('int'),
  visits: req('int'),
  bounces: req('int'),
  exits: req('int'),
  engaged_ms: req('bigint'),
  engagements: req('int'),
  scroll_sum: req('int'),
  events: req('int'),
} as const;

export const logicalModel: Record<string, LogicalTable> = {
  sites: {
    columns: {
      id: req('id'),
      domain: req('text'),
      name: req('text'),
      timezone: req('text'),
      settings: req('text'),
      created_at: req('text'),
    },
    primaryKey: ['id'],
    unique: [['domain']],
  },
  daily_counters: {
    columns: {
      site_id: req('int'),
      day: req('text'),
      dimension: req('text'),
      value: req('text'),
      ...counterColumns,
    },
    primaryKey: ['site_id', 'day', 'dimension', 'value'],
  },
  hourly_counters: {
    columns: {
      site_id: req('int'),
      hour: req('text'),
      ...counterColumns,
    },
    primaryKey: ['site_id', 'hour'],
  },
};

/** Optional column helper kept for later tables. */
export { opt as optionalColumn };
