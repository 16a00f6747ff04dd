// Migration folders resolved from this file, never from the working directory.
import { fileURLToPath } from 'node:url';

export const migrationsFolder = (dialect: 'sqlite' | 'pg'): string =>
  fileURLToPath(new URL(`../../drizzle/${dialect}`, import.meta.url));
