// Builds the tracker: one minified IIFE per variant in tracker/dist. p.js is the core (budget 1,024
// bytes gzipped, tracker/size.test.ts); each variant adds build-time features (src/flags.ts).
import { fileURLToPath } from 'node:url';
import { build, defineConfig, type Plugin, type UserConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Output file → feature flags. The first is the core, built by this config itself. */
export const variants: Record<string, { FILE_DOWNLOADS: boolean; OUTBOUND_LINKS: boolean }> = {
  'p.js': { FILE_DOWNLOADS: false, OUTBOUND_LINKS: false },
  'p.outbound.js': { FILE_DOWNLOADS: false, OUTBOUND_LINKS: true },
  'p.files.js': { FILE_DOWNLOADS: true, OUTBOUND_LINKS: true },
};

/**
 * The IIFE wrapper as an arrow: `(()=>{…})()` instead of `(function(){…})();`, 5 bytes gzipped.
 * Same meaning here: the bundle uses neither `this` nor `arguments` at its top level.
 */
const arrowWrapper: Plugin = {
  name: 'pomelo-tracker-arrow-iife',
  apply: 'build',
  generateBundle(_options, bundle) {
    for (const chunk of Object.values(bundle)) {
      if (chunk.type !== 'chunk') continue;
      const code = chunk.code.trim();
      if (!code.startsWith('(function(){') || !code.endsWith('})();')) {
        throw new Error(`${chunk.fileName}: unexpected IIFE wrapper`);
      }
      chunk.code = `(()=>{${code.slice('(function(){'.length, -'})();'.length)}})()`;
    }
  },
};

/** Separate scripts built beside the variants: output file → entry. */
const extras: Record<string, string> = { 'p-debug.js': './debug/debug.ts' };

function trackerBuild(fileName: string, first: boolean): UserConfig {
  const flags = variants[fileName] ?? {};
  return {
    plugins: first ? [arrowWrapper, buildVariants] : [arrowWrapper],
    publicDir: false,
    logLevel: 'warn',
    define: Object.fromEntries(
      Object.entries(flags).map(([name, on]) => [`__POMELO_${name}__`, String(on)]),
    ),
    build: {
      outDir: here('./dist'),
      // Only the first build empties the folder; the variants are written beside it.
      emptyOutDir: first,
      target: 'es2020',
      minify: true,
      sourcemap: false,
      reportCompressedSize: false,
      lib: {
        entry: here(extras[fileName] ?? './src/p.ts'),
        formats: ['iife'],
        name: 'pomeloTracker',
        fileName: () => fileName,
      },
    },
  };
}

/** After the core bundle is written, builds the other variants into the same folder. */
const buildVariants: Plugin = {
  name: 'pomelo-tracker-variants',
  apply: 'build',
  async closeBundle() {
    for (const fileName of [...Object.keys(variants).slice(1), ...Object.keys(extras)]) {
      await build({ configFile: false, ...trackerBuild(fileName, false) });
    }
  },
};

export default defineConfig(trackerBuild('p.js', true));
