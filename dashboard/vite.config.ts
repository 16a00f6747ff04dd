import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The dashboard is a static single-page app served by the Pomelo server from dashboard/dist.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
  },
});
