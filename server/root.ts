// The package's root folder (the one holding package.json), found from this module's own location:
// the same answer from the TypeScript sources (tsx, vitest), the built bundle (build/server/*.js)
// and an installed package (…/node_modules/pomelo). Never the working directory.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${start}`);
  }
}

export const packageRoot = findRoot(path.dirname(fileURLToPath(import.meta.url)));

/** A path inside the package, e.g. `fromRoot('drizzle', 'sqlite')`. */
export const fromRoot = (...parts: string[]): string => path.join(packageRoot, ...parts);
