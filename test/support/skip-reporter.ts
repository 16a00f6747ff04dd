// At the end of every run: how many tests were skipped, in which files, and which prerequisites
// are missing on this machine (test/support/prerequisites.ts). Zero is expected in CI.
import type { Reporter, TestModule } from 'vitest/node';
import { prerequisites } from './prerequisites.js';

export default class SkipReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const perFile = new Map<string, number>();
    for (const module of modules) {
      for (const test of module.children.allTests()) {
        if (test.result().state !== 'skipped') continue;
        const file = module.relativeModuleId;
        perFile.set(file, (perFile.get(file) ?? 0) + 1);
      }
    }
    const total = [...perFile.values()].reduce((a, b) => a + b, 0);
    const lines = [`skipped tests: ${total}`];
    for (const [file, n] of [...perFile].sort()) lines.push(`  ${file}: ${n}`);
    if (total > 0) {
      const missing = Object.values(prerequisites).filter((p) => !p.check());
      lines.push(
        missing.length
          ? `  missing on this machine: ${missing.map((p) => `${p.name} (${p.how})`).join('; ')}`
          : '  no prerequisite is missing: these were skipped by a filter (-t) or .skip in the code',
      );
    }
    process.stdout.write(`\n${lines.join('\n')}\n`);
  }
}
