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
      // replay.js (the recorder) and replay-tab.js (the tab loader, tab.ts): they share no code.
      entry: { replay: `${here}main.ts`, 'replay-tab': `${here}tab.ts` },
      formats: ['es'],
      fileName: (_format, name) => `${name}.js`,
    },
    // Library mode leaves ES output unminified (for consumers' bundlers); this one is served as is.
    rolldownOptions: { output: { minify: true } },
  },
});
