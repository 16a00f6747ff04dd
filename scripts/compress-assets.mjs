// Part of `npm run build`: writes NAME.br and NAME.gz beside every built dashboard and tracker file,
// so the server serves them from memory without compressing at run time (server/http/assets.ts).
import fs from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dirs = ['dashboard/dist', 'tracker/dist', 'tracker/replay/dist'];
const compressible = /\.(js|css|html|svg|json|map|txt)$/;

function* files(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (compressible.test(entry.name)) yield full;
  }
}

let count = 0;
for (const dir of dirs) {
  if (!fs.existsSync(dir)) continue;
  for (const file of files(dir)) {
    const body = fs.readFileSync(file);
    fs.writeFileSync(
      `${file}.br`,
      brotliCompressSync(body, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      }),
    );
    fs.writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
    count++;
  }
}
process.stdout.write(`compressed ${count} built files (brotli and gzip)\n`);
