// Migration folders resolved from the package root (server/root.ts), never from the working directory.
import { fromRoot } from '../root.js';

export const migrationsFolder = (dialect: 'sqlite' | 'pg'): string => fromRoot('drizzle', dialect);
