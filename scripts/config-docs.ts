// `npm run docs:config`: writes README's configuration table from server/config.ts `variables`,
// between the markers below. test/config/config.test.ts fails when README and the table differ.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { configTable } from '../server/config.js';

export const readmeFile = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'README.md',
);
export const markers = [
  '<!-- config-table:start (written by npm run docs:config) -->',
  '<!-- config-table:end -->',
] as const;

/** README with the table between the markers replaced by the generated one. */
export function withConfigTable(readme: string): string {
  const start = readme.indexOf(markers[0]);
  const end = readme.indexOf(markers[1]);
  if (start === -1 || end < start) throw new Error(`README.md: markers ${markers[0]} … not found`);
  return `${readme.slice(0, start)}${markers[0]}\n\n${configTable()}\n\n${readme.slice(end)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  fs.writeFileSync(readmeFile, withConfigTable(fs.readFileSync(readmeFile, 'utf8')));
  process.stdout.write('README.md: configuration table written\n');
}
