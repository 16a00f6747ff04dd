// Builds the replay module as one minified ES module: tracker/replay/dist/replay.js. The core
// tracker loads it with import(), and the module reads its offer from import.meta.url. It has its
// own output folder so neither this build nor the core tracker's (emptyOutDir) deletes the other.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: `${here}dist`,
    emptyOutDir: true,
    target: 'es2020',
    minify: true,
    sourcemap: false,
    lib: {
      entry: `${here}main.ts`,
      formats: ['es'],
      fileName: () => 'replay.js',
    },
    // Library mode leaves ES output unminified (for consumers' bundlers); this one is served as is.
    rolldownOptions: { output: { minify: true } },
  },
});
