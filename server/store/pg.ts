// PostgreSQL store: comes with the scale-out work (issue 3).
import type { Store } from './types.js';

export function openPgStore(_url: string, _options: { poolSize: number }): Store {
  throw new Error('PostgreSQL support is not built yet');
}
