// Builds the replay module as one minified IIFE: tracker/replay/dist/replay.js. It has its own
// output folder so neither this build nor the core tracker's (emptyOutDir) deletes the other.
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
      name: 'pomeloReplay',
      formats: ['iife'],
      fileName: () => 'replay.js',
    },
  },
});
