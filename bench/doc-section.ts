// Each bench writes its own section of docs/BENCHMARKS.md, between its start and end markers, and
// leaves the other sections as they are.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const docFile = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'docs/BENCHMARKS.md');
const header =
  '# Pomelo — benchmarks\n\nEach section is written by the command it names; rerun it to refresh the figures.\n';

/** Replaces the text from markers[0] to markers[1] (both included) with `section`, or appends it. */
export function writeDocSection(markers: readonly [string, string], section: string): void {
  let doc = fs.existsSync(docFile) ? fs.readFileSync(docFile, 'utf8') : header;
  const start = doc.indexOf(markers[0]);
  const end = doc.indexOf(markers[1]);
  doc =
    start !== -1 && end > start
      ? doc.slice(0, start) + section + doc.slice(end + markers[1].length)
      : doc.trimEnd() + '\n\n' + section + '\n';
  fs.writeFileSync(docFile, doc);
}
