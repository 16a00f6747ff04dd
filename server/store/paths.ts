// Migration folders resolved from the package root (server/root.ts), never from the working directory.
import fs from 'node:fs';
import path from 'node:path';
import { fromRoot } from '../root.js';

export const migrationsFolder = (dialect: 'sqlite' | 'pg'): string => fromRoot('drizzle', dialect);

/** How many migrations this code ships (drizzle-kit's journal). */
export function knownMigrations(dialect: 'sqlite' | 'pg'): number {
  const journal = JSON.parse(
    fs.readFileSync(path.join(migrationsFolder(dialect), 'meta', '_journal.json'), 'utf8'),
  ) as { entries: unknown[] };
  return journal.entries.length;
}
