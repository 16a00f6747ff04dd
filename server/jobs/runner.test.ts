import { expect, test } from 'vitest';
import { createLogger } from '../log.js';
import { JobRunner } from './runner.js';

test('a pass with nothing due does not stop later passes (regression: runner stuck after one)', async () => {
  let now = 0;
  const runs: number[] = [];
  const runner = new JobRunner(
    [{ name: 'hourly', everyMs: 3_600_000, run: async (at) => void runs.push(at) }],
    { now: () => now, log: createLogger('silent') },
  );
  await runner.runDue(); // due: runs
  now = 60_000;
  await runner.runDue(); // nothing due: a pass without any await
  now = 3_600_000;
  await runner.runDue(); // due again: must run
  expect(runs).toEqual([0, 3_600_000]);
});
