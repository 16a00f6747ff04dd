// The ReplayRepo contract over a fresh PostgreSQL database per test.
import { describe } from 'vitest';
import { openPgStore } from '../../server/store/pg.js';
import { createPgDatabase, testsPostgres } from '../support/db.js';
import { replayContract } from './replay-contract.js';

describe.runIf(testsPostgres())('postgres', () => {
  replayContract('postgres', async () => {
    const database = await createPgDatabase();
    const store = openPgStore(database.url, { poolSize: 4 });
    return {
      store,
      async cleanup() {
        await store.close();
        await database.drop();
      },
    };
  });
});
