import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The core tracker: one minified IIFE, tracker/dist/p.js, budget 1,024 bytes gzipped (size.test.ts).
export default defineConfig({
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2020',
    minify: true,
    sourcemap: false,
    reportCompressedSize: false,
    lib: {
      entry: fileURLToPath(new URL('./src/p.ts', import.meta.url)),
      formats: ['iife'],
      name: 'pomeloTracker',
      fileName: () => 'p.js',
    },
  },
});
