// Process entry of `npm start` (built to build/server/main.js and run with plain node).
import { runServer } from './run.js';

runServer().catch((err: unknown) => {
  process.stderr.write(`pomelo: failed to start: ${(err as Error)?.message ?? String(err)}\n`);
  process.exit(1);
});
